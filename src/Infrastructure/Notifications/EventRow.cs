using Switchboard.Domain.Events;

namespace Switchboard.Infrastructure.Notifications;

public sealed record EventRow(
    long Id, DateTime ReceivedAt, string EventId, string EntityType, string EventType, string Identity, string? System,
    DirectorySyncState DirectorySync, string? DirectorySyncError, bool Evaluated, string? EvaluationNote);
