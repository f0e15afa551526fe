namespace Switchboard.Infrastructure.Notifications;

/// <summary>A queue message that could not be read as events; <see cref="Body"/> is its start.</summary>
public sealed record RejectedEventRow(long Id, DateTime ReceivedAt, string Source, string Reason, string Body, bool Shortened);
