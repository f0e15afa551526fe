using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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
public sealed class ListenersService(
    IDbContextFactory<SwitchboardDbContext> contextFactory, ListenerMonitor monitor, AccessGuard guard, IOptions<ListenerOptions> options, TimeProvider clock)
{
    /// <summary>How many of its latest checks each deployment's heartbeat bar shows.</summary>
    public const int HeartbeatLength = 30;

    /// <summary>How many points the latency chart of a deployment's last day has, whatever the check interval.</summary>
    public const int ChartBuckets = 48;

    public Task<IReadOnlyList<DeploymentView>> DeploymentsAsync(CancellationToken cancellationToken) => ViewsAsync(null, cancellationToken);

    /// <summary>
    /// The deployments' views, or only <paramref name="only"/>'s: a deployment's page reads its own hourly counts and
    /// checks, not those of every deployment (at 200 deployments the whole overview costs 60–150 ms).
    /// </summary>
    private async Task<IReadOnlyList<DeploymentView>> ViewsAsync(string? only, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (day, week) = (now.AddDays(-1), now.AddDays(-7));
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var statuses = await db.DeploymentStatuses.AsNoTracking().Where(s => only == null || s.Deployment == only).ToDictionaryAsync(s => s.Deployment, cancellationToken);

        // Uptime of every deployment in one query over the hourly counts: the share of checks the listener answered since
        // the start of the hour 24 hours (7 days) ago.
        var (dayHour, weekHour) = (ListenerCheckHour.HourOf(day), ListenerCheckHour.HourOf(week));
        var uptime = await db.ListenerCheckHours.Where(h => h.Hour >= weekHour && (only == null || h.Deployment == only)).GroupBy(h => h.Deployment)
            .Select(g => new
            {
                g.Key,
                Week = g.Sum(h => h.Checks),
                First = g.Min(h => h.FirstAt),
                WeekUp = g.Sum(h => h.Up),
                Day = g.Sum(h => h.Hour >= dayHour ? h.Checks : 0),
                DayUp = g.Sum(h => h.Hour >= dayHour ? h.Up : 0),
            })
            .ToDictionaryAsync(u => u.Key, cancellationToken);
        var heartbeats = await HeartbeatsAsync(db, now, only, cancellationToken);
        return monitor.Deployments.Where(d => only is null || d.Name == only).Select(deployment =>
        {
            var status = statuses.GetValueOrDefault(deployment.Name);
            var share = uptime.GetValueOrDefault(deployment.Name);
            return new DeploymentView(deployment.Name, deployment.ServiceUrl, status?.State ?? ListenerState.Unknown, status?.LastCheckAt is null ? null : status.Since,
                status?.LastCheckAt, status?.LastLatencyMilliseconds, Share(share?.DayUp, share?.Day), Share(share?.WeekUp, share?.Week),
                deployment.Replicas, deployment.ActiveMailboxes, deployment.ActiveMailboxes is { } mailboxes ? CreatioSettings.RecommendedReplicas(mailboxes) : null,
                !string.IsNullOrEmpty(deployment.Redis), !string.IsNullOrEmpty(deployment.CreatioUrl))
            {
                UptimeCovers24Hours = share is null ? null : Covered(now, share.First, TimeSpan.FromDays(1)),
                UptimeCovers7Days = share is null ? null : Covered(now, share.First, TimeSpan.FromDays(7)),
                Heartbeat = heartbeats[deployment.Name].TakeLast(HeartbeatLength).ToList(),
            };
        }).ToList();
    }

    /// <summary>
    /// The latest checks of every deployment in one query: those of the last <see cref="HeartbeatLength"/> intervals (and a little more),
    /// so a page of 200 deployments reads a few thousand rows, not a day of checks each.
    /// </summary>
    private async Task<ILookup<string, CheckPoint>> HeartbeatsAsync(SwitchboardDbContext db, DateTime now, string? only, CancellationToken cancellationToken)
    {
        var since = now - options.Value.Interval * (HeartbeatLength * 1.5);
        var checks = db.ListenerChecks.AsNoTracking().Where(c => c.At >= since);
        if (only is not null)
        {
            checks = checks.Where(c => c.Deployment == only);
        }

        var rows = await checks.OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new { c.Deployment, c.At, c.State, c.LatencyMilliseconds })
            .ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.Deployment, r => new CheckPoint(r.At, r.State, r.LatencyMilliseconds));
    }

    /// <summary>How much of the window the stored checks cover: all of it, or only since the first check.</summary>
    private static TimeSpan Covered(DateTime now, DateTime firstCheck, TimeSpan window) => now - firstCheck < window ? now - firstCheck : window;

    public async Task<DeploymentView?> DeploymentAsync(string name, CancellationToken cancellationToken) =>
        await ViewsAsync(name, cancellationToken) is [var view] ? view : null;

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

    /// <summary>
    /// A deployment's last day for its charts: the checks in up to <see cref="ChartBuckets"/> stretches with percentiles, over the part of the day
    /// the stored checks cover, and its state changes, newest first.
    /// </summary>
    public async Task<LatencyHistory> LastDayAsync(string name, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ListenerChecks.AsNoTracking().Where(c => c.Deployment == name && c.At >= now.AddDays(-1)).OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new { c.At, c.State, c.LatencyMilliseconds })
            .ToListAsync(cancellationToken);
        var checks = rows.Select(r => new CheckPoint(r.At, r.State, r.LatencyMilliseconds)).ToList();
        if (checks.Count == 0)
        {
            return new LatencyHistory([], TimeSpan.Zero, 0, 0, TimeSpan.Zero, []);
        }

        // No stretch shorter than the check interval while the checks cover less than a day: each holds a check or so, not a fraction of one.
        var covers = now - checks[0].At;
        var count = (int)Math.Clamp(covers / options.Value.Interval, 2, ChartBuckets);
        var buckets = LatencyProfile.Buckets(checks, checks[0].At, now, count);
        var top = LatencyProfile.AxisTop(buckets, checks);
        return new LatencyHistory(buckets, covers / count, top, checks.Count(c => c.LatencyMilliseconds > top), covers, ChangesIn(checks));
    }

    private static List<StateChange> ChangesIn(List<CheckPoint> checks) =>
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
