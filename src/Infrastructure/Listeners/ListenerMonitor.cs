using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Listeners;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Listeners;

/// <summary>
/// Checks a deployment and records it: the check row, the deployment's state (Down only after
/// <c>ExchangeListeners:DownAfter</c> failures in a row), and on a change to or from Down one alert per recipient in the
/// outbox — all in one transaction, so a state change is alerted exactly once.
/// </summary>
public sealed partial class ListenerMonitor(
    IDbContextFactory<SwitchboardDbContext> contextFactory, ListenerProbe probe, IOptions<ListenerOptions> options, TimeProvider clock, ILogger<ListenerMonitor> logger)
{
    public IReadOnlyList<ListenerDeployment> Deployments => options.Value.Deployments;

    public ListenerDeployment? Find(string name) => options.Value.Deployments.FirstOrDefault(d => d.Name == name);

    public Task<ListenerCheck> CheckAsync(ListenerDeployment deployment, CancellationToken cancellationToken) => CheckAsync(deployment, null, cancellationToken);

    /// <param name="audit">
    /// The audit entry of a check someone asked for, made from the check: stored in the same transaction as the check, so
    /// the two commit together or not at all. Null for the monitor's own checks.
    /// </param>
    public async Task<ListenerCheck> CheckAsync(ListenerDeployment deployment, Func<ListenerCheck, AuditRecord>? audit, CancellationToken cancellationToken)
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

        await db.SaveChangesAsync(cancellationToken);
        return check;
    }

    /// <summary>Deletes checks older than <c>ExchangeListeners:Retention</c>.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.Retention;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ListenerChecks.Where(c => c.At < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "[Listeners] {Deployment}: {Before} → {After}")]
    private static partial void LogStateChanged(ILogger logger, string deployment, ListenerState before, ListenerState after);
}
