using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Listeners;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Listeners;

/// <summary>
/// Checks a deployment and records it: the check row, the deployment's state (Down only after
/// <c>ExchangeListeners:DownAfter</c> failures in a row), and on a change to or from Down one alert per recipient in the
/// outbox — all in one transaction, so a state change is alerted exactly once. With several instances on one database,
/// the scheduled checks of a deployment are taken in turn under a lock and skipped when another instance checked it
/// within the interval (<see cref="CheckIfDueAsync"/>), so each deployment is checked once per interval, not once per instance.
/// A check someone asks for (<see cref="CheckAsync(ListenerDeployment, Func{ListenerCheck, AuditRecord}?, CancellationToken)"/>)
/// waits for that lock, so it never runs beside a scheduled check of the same deployment and a state change is alerted once.
/// </summary>
public sealed partial class ListenerMonitor(
    IDbContextFactory<SwitchboardDbContext> contextFactory, ListenerProbe probe, IJobLocks locks, IOptions<ListenerOptions> options, TimeProvider clock,
    ILogger<ListenerMonitor> logger)
{
    /// <summary>
    /// How much sooner than the interval a check by another instance still counts as this interval's: timers of two
    /// instances never line up exactly.
    /// </summary>
    public static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(500);

    public IReadOnlyList<ListenerDeployment> Deployments => options.Value.Deployments;

    /// <summary>
    /// The monitor's scheduled check: taken under the deployment's lock (shared by every instance, decision 0009), and
    /// skipped when another instance holds it or checked the deployment within the interval.
    /// </summary>
    /// <param name="asked">Someone asked (Run now): check even when the last check is recent.</param>
    /// <returns>The check, or null when it was left to another instance.</returns>
    public async Task<ListenerCheck?> CheckIfDueAsync(ListenerDeployment deployment, bool asked, CancellationToken cancellationToken)
    {
        await using var held = await locks.TryAcquireAsync(LockName(deployment), TimeSpan.Zero, cancellationToken);
        if (held is null)
        {
            return null;
        }

        if (!asked)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var last = await db.DeploymentStatuses.AsNoTracking().Where(s => s.Deployment == deployment.Name).Select(s => s.LastCheckAt).SingleOrDefaultAsync(cancellationToken);
            if (last is { } at && clock.GetUtcNow().UtcDateTime - at < options.Value.Interval - Slack)
            {
                return null;
            }
        }

        return await CheckHeldAsync(deployment, null, cancellationToken);
    }

    public ListenerDeployment? Find(string name) => options.Value.Deployments.FirstOrDefault(d => d.Name == name);

    public Task<ListenerCheck> CheckAsync(ListenerDeployment deployment, CancellationToken cancellationToken) => CheckAsync(deployment, null, cancellationToken);

    /// <summary>A check someone asked for: waits for a check of the deployment under way (here or on another instance) to end first.</summary>
    /// <param name="audit">
    /// The audit entry of the check, made from the check: stored in the same transaction as the check, so the two commit
    /// together or not at all.
    /// </param>
    public async Task<ListenerCheck> CheckAsync(ListenerDeployment deployment, Func<ListenerCheck, AuditRecord>? audit, CancellationToken cancellationToken)
    {
        // A check under way ends within its probes' timeout (they run side by side), with ample room to store it.
        var wait = options.Value.Timeout * 3 + TimeSpan.FromSeconds(5);
        await using var held = await locks.TryAcquireAsync(LockName(deployment), wait, cancellationToken)
            ?? throw new BusyException($"A check of {deployment.Name} has been under way for over {wait.TotalSeconds:0} s; try again later.");
        return await CheckHeldAsync(deployment, audit, cancellationToken);
    }

    private static string LockName(ListenerDeployment deployment) => $"{ListenerMonitorJob.Name}:{deployment.Name}";

    private async Task<ListenerCheck> CheckHeldAsync(ListenerDeployment deployment, Func<ListenerCheck, AuditRecord>? audit, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var result = await probe.ProbeAsync(deployment, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var status = await db.DeploymentStatuses.SingleOrDefaultAsync(s => s.Deployment == deployment.Name, cancellationToken);
        if (status is null)
        {
            status = DeploymentStatus.New(deployment.Name, now);
            db.DeploymentStatuses.Add(status);
        }

        if (status.Record(result, now, settings.DownAfter, settings.SlowAfter) is { } before)
        {
            LogStateChanged(logger, deployment.Name, before, status.State);
            await ListenerAlerts.QueueAsync(db, settings.AlertRecipients ?? [], deployment.Name, before, status.State, result, now, cancellationToken);
        }

        var check = ListenerCheck.Of(deployment.Name, now, result, status.State);
        db.ListenerChecks.Add(check);
        if (audit is not null)
        {
            db.Audit(audit(check));
        }

        // The check and its hour's count commit together; the count is an upsert, so instances checking at once add up.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var up = check.ListenerUp ? 1 : 0;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "ListenerCheckHours" ("Deployment", "Hour", "Checks", "Up", "FirstAt") VALUES ({check.Deployment}, {ListenerCheckHour.HourOf(now)}, 1, {up}, {now})
            ON CONFLICT ("Deployment", "Hour") DO UPDATE SET "Checks" = "ListenerCheckHours"."Checks" + 1, "Up" = "ListenerCheckHours"."Up" + excluded."Up"
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return check;
    }

    /// <summary>Deletes checks older than <c>ExchangeListeners:Retention</c>, and the hourly counts before that hour.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.Retention;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.ListenerCheckHours.Where(h => h.Hour < ListenerCheckHour.HourOf(cutoff)).ExecuteDeleteAsync(cancellationToken);
        return await db.ListenerChecks.Where(c => c.At < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "[Listeners] {Deployment}: {Before} → {After}")]
    private static partial void LogStateChanged(ILogger logger, string deployment, ListenerState before, ListenerState after);
}
