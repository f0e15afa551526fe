using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Domain.Events;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Telemetry;

namespace Switchboard.Infrastructure.Events;

/// <summary>
/// Stores received events in one transaction with one prepared command. An event id stored before (by an earlier
/// request, a concurrent one, or earlier in the same batch) is skipped by the database's unique index, so a
/// duplicate is never stored twice and never fails the batch. Plain SQL with quoted names, valid for SQLite and
/// PostgreSQL alike.
/// </summary>
public sealed class EventStore(IDbContextFactory<SwitchboardDbContext> contextFactory, SwitchboardMetrics metrics)
{
    /// <returns>How many of the events were new and stored.</returns>
    public async Task<int> StoreNewAsync(IReadOnlyList<EntityEvent> events, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var insert = PreparedCommand.Create(db.Database.GetDbConnection(), transaction.GetDbTransaction(),
            """
            INSERT INTO "EntityEvents" ("EventId", "EntityType", "EventType", "EntityId", "Identity", "System", "OccurredAt", "Before", "After",
                "ReceivedAt", "ReceivedFrom", "DirectorySync", "Evaluated")
            VALUES (@eventId, @entityType, @eventType, @entityId, @identity, @system, @occurredAt, @before, @after,
                @receivedAt, @receivedFrom, @directorySync, FALSE)
            ON CONFLICT ("EventId") DO NOTHING
            """,
            "eventId", "entityType", "eventType", "entityId", "identity", "system", "occurredAt", "before", "after", "receivedAt", "receivedFrom", "directorySync");
        var stored = 0;
        foreach (var e in events)
        {
            insert.Set(e.EventId, e.EntityType, e.EventType, e.EntityId, e.Identity, e.System, e.OccurredAt, e.Before, e.After,
                e.ReceivedAt, e.ReceivedFrom, e.DirectorySync.ToString());
            stored += await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        db.Touched(ChangeKind.Event);
        await transaction.CommitAsync(cancellationToken);
        metrics.EventsIngested(stored);
        return stored;
    }
}
