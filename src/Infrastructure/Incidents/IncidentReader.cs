using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.ChatOps;
using Switchboard.Domain.Jobs;
using Switchboard.Domain.Listeners;
using Switchboard.Domain.Mattermost;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Incidents;

/// <summary>
/// Reads <see cref="OpenIncidents"/> from the database (the same on every instance), at most once
/// per <see cref="Freshness"/> however many open pages ask: every page shows the incident strip.
/// </summary>
public sealed class IncidentReader(IDbContextFactory<SwitchboardDbContext> contexts, JobRegistry jobs, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(3);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIncidents? _last;
    private DateTimeOffset _readAt;

    public async Task<OpenIncidents> ReadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is null || clock.GetUtcNow() - _readAt >= Freshness)
            {
                _last = await ReadStoredAsync(cancellationToken);
                _readAt = clock.GetUtcNow();
            }

            return _last;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<OpenIncidents> ReadStoredAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dayAgo = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        var states = await db.DeploymentStatuses.AsNoTracking()
            .Where(d => d.State == ListenerState.Down || d.State == ListenerState.Degraded)
            .GroupBy(d => d.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var lastRun = await db.TokenRuns.AsNoTracking().OrderByDescending(r => r.Id).Select(r => (TokenRunStatus?)r.Status).FirstOrDefaultAsync(cancellationToken);
        return new OpenIncidents(
            states.Where(s => s.State == ListenerState.Down).Sum(s => s.Count),
            states.Where(s => s.State == ListenerState.Degraded).Sum(s => s.Count),
            await db.OutboxMessages.CountAsync(m => m.Status == MessageStatus.Dead, cancellationToken),
            await db.BridgeCalls.CountAsync(c => c.Status == CallStatus.Failed && c.NextAttemptAt == null, cancellationToken),
            await db.FailureGroups.CountAsync(g => g.FirstSeenAt >= dayAgo, cancellationToken),
            lastRun is TokenRunStatus.Failed or TokenRunStatus.Skipped ? lastRun.ToString() : null,
            await FailedJobsAsync(db, cancellationToken));
    }

    /// <summary>
    /// The jobs whose last finished run failed, from the stored history, so every instance shows the same (a job run by
    /// another instance failed there, not here); one indexed look-up per job.
    /// </summary>
    private async Task<List<string>> FailedJobsAsync(SwitchboardDbContext db, CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        foreach (var job in jobs.Statuses().Where(s => !s.Continuous && !s.Startup))
        {
            var last = await db.JobRuns.AsNoTracking()
                .Where(r => r.JobName == job.Name && r.Outcome != JobRunOutcome.Running)
                .OrderByDescending(r => r.Id).Select(r => (JobRunOutcome?)r.Outcome).FirstOrDefaultAsync(cancellationToken);
            if (last == JobRunOutcome.Failed)
            {
                failed.Add(job.Name);
            }
        }

        return failed;
    }

    public void Dispose() => _gate.Dispose();
}
