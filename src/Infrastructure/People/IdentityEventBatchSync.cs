using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Events;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.People;

/// <summary>
/// Applies waiting identity events to the directory in batches (up to <see cref="DirectoryRules.MaxBatchSize"/> events
/// per write) with the outcome of each event as if they had been applied one by one, in arrival order: every change is
/// laid over the person as the earlier changes left them and checked against the directory's rules as it stands at
/// that change; a change the rules refuse is kept on its event with the reason, leaves the person as they were, and
/// does not stop the others. The people are then stored in one <see cref="DirectoryWriter"/> batch. Should the writer
/// still refuse the batch (or fail), the events are applied one by one instead, as before batches. The directory as of
/// each event (<see cref="DirectoryAsOf"/>) goes back to the caller: the evaluation job evaluates each event against it.
/// One batch at a time per instance: the evaluation job and the identity event job both apply through here.
/// </summary>
public sealed partial class IdentityEventBatchSync(
    DirectoryWriter writer, IdentityEventSync oneByOne, IDbContextFactory<SwitchboardDbContext> contextFactory, IOptions<PeopleOptions> options,
    TimeProvider time, ILogger<IdentityEventBatchSync> logger) : IDisposable
{
    /// <summary>Waits between tries of a batch that met a busy database (about half a minute in all, then the next run).</summary>
    private static readonly TimeSpan[] BusyBackOff =
        [TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4),
         TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15)];

    private readonly SemaphoreSlim _gate = new(1, 1);

    public bool Enabled => options.Value.SyncFromIdentityEvents;

    public void Dispose() => _gate.Dispose();

    /// <summary>
    /// Applies the waiting identity events with a row id up to <paramref name="upToId"/>, oldest first, at most
    /// <see cref="DirectoryRules.MaxBatchSize"/> of them, and records each one's outcome on it.
    /// </summary>
    /// <param name="alsoRead">People the caller will ask <see cref="IdentityBatchResult.AsOf"/> about besides the events' identities.</param>
    public async Task<IdentityBatchResult> ApplyPendingAsync(long upToId, IReadOnlyCollection<string> alsoRead, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return await ApplyOnceAsync(upToId, alsoRead, cancellationToken);
                }
                catch (Exception ex) when (StorageErrors.IsTransient(ex))
                {
                    if (attempt == BusyBackOff.Length)
                    {
                        LogStillBusy(logger);
                        return IdentityBatchResult.StillBusy;
                    }

                    LogBusy(logger, BusyBackOff[attempt]);
                    await Task.Delay(BusyBackOff[attempt], time, cancellationToken);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IdentityBatchResult> ApplyOnceAsync(long upToId, IReadOnlyCollection<string> alsoRead, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var events = await db.EntityEvents.AsNoTracking()
            .Where(e => e.DirectorySync == DirectorySyncState.Pending && e.Id <= upToId)
            .OrderBy(e => e.Id)
            .Take(DirectoryRules.MaxBatchSize)
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var batch = await BatchDirectory.ReadAsync(db, events.Select(e => e.Identity).Concat(alsoRead), now, cancellationToken);
        var outcomes = new List<(DirectorySyncState State, string? Error)>(events.Count);
        foreach (var entityEvent in events)
        {
            outcomes.Add(await batch.ApplyAsync(entityEvent, cancellationToken));
        }

        DirectoryAsOf? asOf;
        if (await batch.StoreAsync(writer, cancellationToken))
        {
            asOf = await batch.AsOfAsync(cancellationToken);
        }
        else
        {
            // The writer refused what the rules let through change by change, someone else changed one of the people
            // meanwhile, or the writer failed: apply the events one by one.
            LogOneByOne(logger, events.Count);
            asOf = null;
            outcomes.Clear();
            foreach (var entityEvent in events)
            {
                outcomes.Add(await ApplySingleAsync(entityEvent, cancellationToken));
            }
        }

        var (applied, refused) = (0, 0);
        for (var i = 0; i < events.Count; i++)
        {
            var (state, error) = outcomes[i];
            events[i].RecordDirectorySync(state, error, now);
            if (state == DirectorySyncState.Done)
            {
                applied++;
            }
            else
            {
                refused++;
                LogRefused(logger, events[i].EventId, events[i].Identity, error);
            }
        }

        await RecordAsync(db, events, cancellationToken);
        return new IdentityBatchResult(applied, refused, 0, More: events.Count == DirectoryRules.MaxBatchSize, Busy: false, asOf);
    }

    private async Task<(DirectorySyncState State, string? Error)> ApplySingleAsync(EntityEvent entityEvent, CancellationToken cancellationToken)
    {
        try
        {
            var result = await oneByOne.ApplyAsync(ChangeOf(entityEvent), cancellationToken);
            return result switch
            {
                null => (DirectorySyncState.Skipped, null),
                { Succeeded: true } => (DirectorySyncState.Done, null),
                _ => (DirectorySyncState.Failed, Reason(result.Errors)),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !StorageErrors.IsTransient(ex))
        {
            return (DirectorySyncState.Failed, ex.Message);
        }
    }

    internal static IdentityChange ChangeOf(EntityEvent entityEvent)
    {
        var after = entityEvent.After is null ? null : JsonNode.Parse(entityEvent.After) as JsonObject;
        return new IdentityChange(entityEvent.EventType, entityEvent.Identity, after?["attributes"] as JsonObject, after?["eav"] as JsonObject);
    }

    internal static string Reason(IEnumerable<DirectoryError> errors) => string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"));

    /// <summary>Each event's outcome, in one set-based statement (the rows as one JSON parameter, <see cref="JsonRows"/>).</summary>
    private static async Task RecordAsync(SwitchboardDbContext db, List<EntityEvent> events, CancellationToken cancellationToken)
    {
        var postgres = db.Database.IsNpgsql();
        using var rows = new JsonRows(postgres);
        foreach (var e in events)
        {
            rows.Row().Add("id", e.Id).Add("state", e.DirectorySync.ToString()).Add("error", e.DirectorySyncError).Add("at", e.DirectorySyncedAt);
        }

        if (rows.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await rows.ExecuteAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), $"""
            UPDATE "EntityEvents" SET "DirectorySync" = r."state", "DirectorySyncError" = r."error", "DirectorySyncedAt" = r."at"
            FROM {JsonRows.From(postgres, "rows", ("id", "bigint"), ("state", "text"), ("error", "text"), ("at", "timestamptz"))}
            WHERE "EntityEvents"."Id" = r."id"
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} identity events could not be stored at once; its events are applied one by one")]
    private static partial void LogOneByOne(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database is busy; the identity events are tried again in {Delay}")]
    private static partial void LogBusy(ILogger logger, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database stayed busy; the identity events wait for the next run")]
    private static partial void LogStillBusy(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Identity event {EventId} for {Identity} was not applied to the directory: {Reason}")]
    private static partial void LogRefused(ILogger logger, string eventId, string identity, string? reason);
}
