namespace Switchboard.Infrastructure.Events;

/// <summary>One message of the event queue, read: its events, or why it cannot be read (then its raw body is kept).</summary>
public sealed record QueuedEvents(IReadOnlyList<IncomingEvent> Events, string? Problem, string? RawBody);
