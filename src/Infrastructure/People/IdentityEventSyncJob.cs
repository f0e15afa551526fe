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
/// A change the directory refuses is recorded on its event with the reason and does not stop the others.
/// </summary>
public sealed partial class IdentityEventSyncJob(
    JobRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger<IdentityEventSyncJob> logger)
    : PeriodicJob(Descriptor, registry, scopes, time, logger)
{
    public const string Name = "identity-event-sync";
    private const int ChunkSize = 500;

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
        while (true)
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
                var (state, error) = await ApplyAsync(sync, entityEvent, cancellationToken);
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

            await db.SaveChangesAsync(cancellationToken);
        }

        return applied + refused + skipped == 0
            ? JobRunResult.Skipped("no identity events waiting")
            : JobRunResult.Succeeded($"{applied} applied, {refused} refused, {skipped} skipped");
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
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (DirectorySyncState.Failed, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Identity event {EventId} for {Identity} was not applied to the directory: {Reason}")]
    private static partial void LogRefused(ILogger logger, string eventId, string identity, string? reason);
}
