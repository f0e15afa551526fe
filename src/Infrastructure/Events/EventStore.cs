using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Domain.Events;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Telemetry;

namespace Switchboard.Infrastructure.Events;

/// <summary>
/// Stores received events in one transaction with one set-based statement (the batch as one JSON parameter,
/// <see cref="JsonRows"/>), in the order they came: on PostgreSQL a statement per event was a round trip per event. An
/// event id stored before (by an earlier request, a concurrent one, or earlier in the same batch) is skipped by the
/// database's unique index, so a duplicate is never stored twice and never fails the batch.
/// </summary>
public sealed class EventStore(IDbContextFactory<SwitchboardDbContext> contextFactory, SwitchboardMetrics metrics)
{
    /// <returns>How many of the events were new and stored.</returns>
    public async Task<int> StoreNewAsync(IReadOnlyList<EntityEvent> events, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var postgres = db.Database.IsNpgsql();
        using var rows = new JsonRows(postgres);
        foreach (var e in events)
        {
            rows.Row().Add("eventId", e.EventId).Add("entityType", e.EntityType).Add("eventType", e.EventType).Add("entityId", e.EntityId)
                .Add("identity", e.Identity).Add("system", e.System).Add("occurredAt", e.OccurredAt).Add("before", e.Before).Add("after", e.After)
                .Add("receivedAt", e.ReceivedAt).Add("receivedFrom", e.ReceivedFrom).Add("directorySync", e.DirectorySync.ToString());
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await rows.ExecuteAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(),
            $"""
            INSERT INTO "EntityEvents" ("EventId", "EntityType", "EventType", "EntityId", "Identity", "System", "OccurredAt", "Before", "After",
                "ReceivedAt", "ReceivedFrom", "DirectorySync", "Evaluated")
            SELECT r."eventId", r."entityType", r."eventType", r."entityId", r."identity", r."system", r."occurredAt", r."before", r."after",
                r."receivedAt", r."receivedFrom", r."directorySync", FALSE
            FROM {JsonRows.From(postgres, "rows", ("eventId", "text"), ("entityType", "text"), ("eventType", "text"), ("entityId", "text"), ("identity", "text"),
                ("system", "text"), ("occurredAt", "timestamptz"), ("before", "text"), ("after", "text"), ("receivedAt", "timestamptz"), ("receivedFrom", "text"),
                ("directorySync", "text"))}
            WHERE true
            ORDER BY r."ord"
            ON CONFLICT ("EventId") DO NOTHING
            """, cancellationToken);
        db.Touched(ChangeKind.Event);
        await transaction.CommitAsync(cancellationToken);
        metrics.EventsIngested(stored);
        return stored;
    }
}
