using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Domain.Events;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.People;

/// <summary>
/// Applies stored identity events to the people directory in the order they arrived, in batches
/// (<see cref="IdentityEventBatchSync"/>). The event ingest rings the job after storing events; the schedule picks up
/// anything left behind (for example after a restart). Events not yet evaluated are the evaluation job's: it applies
/// them just before it evaluates them, so that each is evaluated against the directory as of that event; this job rings
/// it for them, and applies them itself only while the evaluation job is paused. A change the directory refuses is
/// recorded on its event with the reason and does not stop the others. A batch that meets a busy database (another
/// connection holds the lock) is not refused: it is tried again after a back-off, and if the database stays busy its
/// events and the ones after them stay pending for the next run, in order.
/// </summary>
public sealed class IdentityEventSyncJob(
    JobRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger<IdentityEventSyncJob> logger)
    : PeriodicJob(Descriptor, registry, scopes, time, logger)
{
    public const string Name = "identity-event-sync";

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
        var sync = services.GetRequiredService<IdentityEventBatchSync>();
        if (!sync.Enabled)
        {
            return await SkipAllAsync(contextFactory, cancellationToken);
        }

        var evaluation = Registry.Find(NotificationEvaluationJob.Name);
        long? firstUnevaluated;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            firstUnevaluated = await db.EntityEvents.Where(e => !e.Evaluated).MinAsync(e => (long?)e.Id, cancellationToken);
        }

        var leaveToEvaluation = firstUnevaluated is not null && evaluation is { Status.Paused: false };
        var upTo = leaveToEvaluation ? firstUnevaluated!.Value - 1 : long.MaxValue;
        var (applied, refused) = (0, 0);
        IdentityBatchResult result;
        do
        {
            result = await sync.ApplyPendingAsync(upTo, [], cancellationToken);
            (applied, refused) = (applied + result.Applied, refused + result.Refused);
        }
        while (result.More && !result.Busy);

        if (leaveToEvaluation)
        {
            evaluation!.RequestRun();
        }

        var summary = $"{applied} applied, {refused} refused";
        return result.Busy ? JobRunResult.Succeeded($"{summary}; the database stayed busy, the other events wait for the next run")
            : applied + refused == 0 ? JobRunResult.Skipped(leaveToEvaluation ? "no evaluated identity events waiting; the evaluation job applies the others" : "no identity events waiting")
            : JobRunResult.Succeeded(leaveToEvaluation ? $"{summary}; the evaluation job applies the events it has not evaluated yet" : summary);
    }
}
