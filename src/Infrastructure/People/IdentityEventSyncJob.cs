using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Events;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.People;

/// <summary>
/// Applies stored identity events to the people directory in the order they arrived. The event ingest rings the
/// job after storing events; the schedule picks up anything left behind (for example after a restart).
/// A change the directory refuses is recorded on its event with the reason and does not stop the others. A change
/// that fails because the database is busy (another connection holds the lock) is not refused: it is tried again
/// after a back-off, and if the database stays busy it and the events after it stay pending for the next run, in order.
/// </summary>
public sealed partial class IdentityEventSyncJob(
    JobRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger<IdentityEventSyncJob> logger)
    : PeriodicJob(Descriptor, registry, scopes, time, logger)
{
    public const string Name = "identity-event-sync";
    private const int ChunkSize = 500;

    /// <summary>Waits between tries of a change that met a busy database (about half a minute in all, then the next run).</summary>
    private static readonly TimeSpan[] BusyBackOff =
        [TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4),
         TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15)];

    private static readonly JobDescriptor Descriptor = new(
        Name, "Applies identity events (IdmIdentity CREATE/UPDATE/DELETE) to the people directory.", TimeSpan.FromSeconds(30), RunAtStart: true);

    /// <summary>With syncing switched off, waiting events are marked skipped in one statement rather than one by one.</summary>
    private async Task<JobRunResult> SkipAllAsync(IDbContextFactory<SwitchboardDbContext> contextFactory, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = Time.GetUtcNow().UtcDateTime;
        var skipped = await db.EntityEvents.Where(e => e.DirectorySync == DirectorySyncState.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.DirectorySync, DirectorySyncState.Skipped).SetProperty(e => e.DirectorySyncedAt, now), cancellationToken);
        return skipped == 0 ? JobRunResult.Skipped("no identity events waiting") : JobRunResult.Succeeded($"{skipped} skipped: syncing is switched off");
    }

    protected override async Task<JobRunResult> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var contextFactory = services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
        var sync = services.GetRequiredService<IdentityEventSync>();
        if (!services.GetRequiredService<IOptions<PeopleOptions>>().Value.SyncFromIdentityEvents)
        {
            return await SkipAllAsync(contextFactory, cancellationToken);
        }

        var (applied, refused, skipped) = (0, 0, 0);
        var busy = false;
        while (!busy)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var events = await db.EntityEvents
                .Where(e => e.DirectorySync == DirectorySyncState.Pending)
                .OrderBy(e => e.Id)
                .Take(ChunkSize)
                .ToListAsync(cancellationToken);
            if (events.Count == 0)
            {
                break;
            }

            foreach (var entityEvent in events)
            {
                var outcome = await ApplyWithBackOffAsync(sync, entityEvent, cancellationToken);
                if (outcome is null)
                {
                    // Still busy: this event and the ones after it wait for the next run, so they stay in order.
                    busy = true;
                    LogStillBusy(logger, entityEvent.EventId);
                    break;
                }

                var (state, error) = outcome.Value;
                entityEvent.RecordDirectorySync(state, error, Time.GetUtcNow().UtcDateTime);
                switch (state)
                {
                    case DirectorySyncState.Done:
                        applied++;
                        break;
                    case DirectorySyncState.Skipped:
                        skipped++;
                        break;
                    default:
                        refused++;
                        LogRefused(logger, entityEvent.EventId, entityEvent.Identity, error);
                        break;
                }
            }

            await RetryWhileBusyAsync(() => db.SaveChangesAsync(cancellationToken), cancellationToken);
        }

        var summary = $"{applied} applied, {refused} refused, {skipped} skipped";
        return busy ? JobRunResult.Succeeded($"{summary}; the database stayed busy, the other events wait for the next run")
            : applied + refused + skipped == 0 ? JobRunResult.Skipped("no identity events waiting")
            : JobRunResult.Succeeded(summary);
    }

    /// <returns>What became of the change, or null when the database stayed busy through every try.</returns>
    private async Task<(DirectorySyncState State, string? Error)?> ApplyWithBackOffAsync(
        IdentityEventSync sync, EntityEvent entityEvent, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await ApplyAsync(sync, entityEvent, cancellationToken);
            }
            catch (Exception ex) when (StorageErrors.IsTransient(ex))
            {
                if (attempt == BusyBackOff.Length)
                {
                    return null;
                }

                LogBusy(logger, entityEvent.EventId, BusyBackOff[attempt]);
                await Task.Delay(BusyBackOff[attempt], Time, cancellationToken);
            }
        }
    }

    /// <summary>Saving the events' outcome meets the same busy database; it is tried again the same way before the run gives up.</summary>
    private async Task RetryWhileBusyAsync(Func<Task> save, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await save();
                return;
            }
            catch (Exception ex) when (StorageErrors.IsTransient(ex) && attempt < BusyBackOff.Length)
            {
                await Task.Delay(BusyBackOff[attempt], Time, cancellationToken);
            }
        }
    }

    private static async Task<(DirectorySyncState State, string? Error)> ApplyAsync(
        IdentityEventSync sync, EntityEvent entityEvent, CancellationToken cancellationToken)
    {
        try
        {
            var after = entityEvent.After is null ? null : JsonNode.Parse(entityEvent.After) as JsonObject;
            var change = new IdentityChange(entityEvent.EventType, entityEvent.Identity,
                after?["attributes"] as JsonObject, after?["eav"] as JsonObject);
            var result = await sync.ApplyAsync(change, cancellationToken);
            return result switch
            {
                null => (DirectorySyncState.Skipped, null),
                { Succeeded: true } => (DirectorySyncState.Done, null),
                _ => (DirectorySyncState.Failed, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}"))),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !StorageErrors.IsTransient(ex))
        {
            return (DirectorySyncState.Failed, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The database is busy; identity event {EventId} is tried again in {Delay}")]
    private static partial void LogBusy(ILogger logger, string eventId, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database stayed busy; identity event {EventId} and the events after it wait for the next run")]
    private static partial void LogStillBusy(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Identity event {EventId} for {Identity} was not applied to the directory: {Reason}")]
    private static partial void LogRefused(ILogger logger, string eventId, string identity, string? reason);
}
