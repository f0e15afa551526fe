namespace Switchboard.Infrastructure.Notifications;

/// <summary>The event a message came from, as the message page names it.</summary>
public sealed record MessageEvent(long Id, string EventId, string EntityType, string EventType, string Identity, DateTime ReceivedAt);
