namespace Switchboard.Infrastructure.Events;

/// <summary>One event of an ingest request, checked and ready to store.</summary>
public sealed record IncomingEvent(
    string Id, string EntityType, string EventType, string EntityId, string Identity, string? System,
    DateTime? OccurredAt, string? Before, string? After);
