using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Listeners;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Listeners;

/// <summary>The Listeners pages and API: deployments with state and uptime, their checks, Check now (Operator, audited).</summary>
public sealed class ListenersService(IDbContextFactory<SwitchboardDbContext> contextFactory, ListenerMonitor monitor, AccessGuard guard, TimeProvider clock)
{
    public async Task<IReadOnlyList<DeploymentView>> DeploymentsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (day, week) = (now.AddDays(-1), now.AddDays(-7));
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var statuses = await db.DeploymentStatuses.AsNoTracking().ToDictionaryAsync(s => s.Deployment, cancellationToken);

        // Uptime of every deployment in one query: the share of checks the listener answered.
        var uptime = await db.ListenerChecks.Where(c => c.At >= week).GroupBy(c => c.Deployment)
            .Select(g => new
            {
                g.Key,
                Week = g.Count(),
                WeekUp = g.Count(c => c.ListenerUp),
                Day = g.Count(c => c.At >= day),
                DayUp = g.Count(c => c.At >= day && c.ListenerUp),
            })
            .ToDictionaryAsync(u => u.Key, cancellationToken);
        return monitor.Deployments.Select(deployment =>
        {
            var status = statuses.GetValueOrDefault(deployment.Name);
            var share = uptime.GetValueOrDefault(deployment.Name);
            return new DeploymentView(deployment.Name, deployment.ServiceUrl, status?.State ?? ListenerState.Unknown, status?.LastCheckAt is null ? null : status.Since,
                status?.LastCheckAt, status?.LastLatencyMilliseconds, Share(share?.DayUp, share?.Day), Share(share?.WeekUp, share?.Week),
                deployment.Replicas, deployment.ActiveMailboxes, deployment.ActiveMailboxes is { } mailboxes ? CreatioSettings.RecommendedReplicas(mailboxes) : null,
                !string.IsNullOrEmpty(deployment.Redis), !string.IsNullOrEmpty(deployment.CreatioUrl));
        }).ToList();
    }

    public async Task<DeploymentView?> DeploymentAsync(string name, CancellationToken cancellationToken) =>
        (await DeploymentsAsync(cancellationToken)).FirstOrDefault(d => d.Name == name);

    public CreatioSettingsView? Settings(string name) => monitor.Find(name) is { } d
        ? new CreatioSettingsView(CreatioSettings.ServiceUri(d.ServiceUrl), d.CreatioUrl is { Length: > 0 } creatio ? CreatioSettings.EventsEndpointUrl(creatio) : null,
            d.Replicas, d.ActiveMailboxes is { } mailboxes ? CreatioSettings.RecommendedReplicas(mailboxes) : null)
        : null;

    public async Task<Paged<CheckRow>> ChecksAsync(string name, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var checks = db.ListenerChecks.AsNoTracking().Where(c => c.Deployment == name);
        var total = await checks.Take(10_001).CountAsync(cancellationToken);
        var rows = await checks.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Skip(page * pageSize).Take(pageSize)
            .Select(c => new CheckRow(c.Id, c.At, c.State, c.ListenerUp, c.HttpStatus, c.LatencyMilliseconds, c.ListenerError, c.RedisUp, c.RedisKeys, c.RedisError,
                c.CreatioUp, c.CreatioError, c.Body))
            .ToListAsync(cancellationToken);
        return new Paged<CheckRow>(rows, total);
    }

    /// <summary>The last day's checks, oldest first, for the latency chart and the state timeline.</summary>
    public async Task<IReadOnlyList<CheckRow>> LastDayAsync(string name, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ListenerChecks.AsNoTracking().Where(c => c.Deployment == name && c.At >= since).OrderBy(c => c.At)
            .Select(c => new CheckRow(c.Id, c.At, c.State, c.ListenerUp, c.HttpStatus, c.LatencyMilliseconds, c.ListenerError, c.RedisUp, c.RedisKeys, c.RedisError,
                c.CreatioUp, c.CreatioError, null))
            .ToListAsync(cancellationToken);
    }

    public static IReadOnlyList<StateChange> ChangesIn(IReadOnlyList<CheckRow> checks) =>
        checks.Zip(checks.Skip(1)).Where(p => p.First.State != p.Second.State).Select(p => new StateChange(p.Second.At, p.First.State, p.Second.State)).Reverse().ToList();

    public async Task<CheckRow> CheckNowAsync(ClaimsPrincipal caller, string name, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Operator, ApiKeyScopes.JobsRun, AuditActions.ListenerChecked, "listener", name, cancellationToken);
        var deployment = monitor.Find(name) ?? throw new NotFoundException($"There is no deployment '{name}'.");
        var c = await monitor.CheckAsync(deployment, check => new AuditRecord(actor, AuditActions.ListenerChecked, "listener", name,
            Details: $"{check.State}: {(check.ListenerUp ? $"{check.HttpStatus} in {check.LatencyMilliseconds} ms" : check.ListenerError)}"), cancellationToken);
        return new CheckRow(c.Id, c.At, c.State, c.ListenerUp, c.HttpStatus, c.LatencyMilliseconds, c.ListenerError, c.RedisUp, c.RedisKeys, c.RedisError, c.CreatioUp, c.CreatioError, c.Body);
    }

    private static double? Share(int? up, int? total) => total is > 0 ? (double)up!.Value / total.Value : null;
}
