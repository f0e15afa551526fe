using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Dashboard;

public sealed class DashboardService(
    IDbContextFactory<SwitchboardDbContext> contextFactory, JobRegistry jobs, IOptions<MattermostOptions> mattermost, TimeProvider time)
{
    private const int Days = 7;

    public async Task<DashboardSummary> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = now.Date;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);

        // One indexed count per day keeps this cheap however long the trail grows.
        var activity = new List<DailyCount>(Days);
        for (var day = today.AddDays(1 - Days); day <= today; day = day.AddDays(1))
        {
            var (from, to) = (day, day.AddDays(1));
            var count = await db.AuditEntries.CountAsync(e => e.At >= from && e.At < to, cancellationToken);
            activity.Add(new DailyCount(DateOnly.FromDateTime(day), count));
        }

        var denied = await db.AuditEntries.CountAsync(e => e.At >= today && e.Result == AuditResult.Denied, cancellationToken);
        var activeKeys = await db.ApiKeys.CountAsync(k => k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), cancellationToken);
        var people = await db.People.CountAsync(p => !p.Deleted, cancellationToken);
        var withoutToken = await db.People.Where(mattermost.Value.Eligibility.Eligible()).CountAsync(p => p.MattermostTokenProtected == null, cancellationToken);
        var dayAgo = now.AddDays(-1);
        var events = await db.EntityEvents.CountAsync(e => e.ReceivedAt >= dayAgo, cancellationToken);
        var messages = await db.OutboxMessages.CountAsync(m => m.CreatedAt >= dayAgo, cancellationToken);
        var failed = await db.OutboxMessages.CountAsync(m => m.Status == MessageStatus.Failed, cancellationToken);
        var dead = await db.OutboxMessages.CountAsync(m => m.Status == MessageStatus.Dead, cancellationToken);
        var lastRun = await db.TokenRuns.AsNoTracking().OrderByDescending(r => r.Id)
            .Select(r => new LastTokenRun(r.Id, r.Status, r.Reason, r.StartedAt, r.Generated, r.Rotated, r.NotFound, r.Failed))
            .FirstOrDefaultAsync(cancellationToken);
        var statuses = jobs.Statuses();
        return new DashboardSummary(
            activity,
            activity[^1].Count,
            denied,
            statuses.Count,
            statuses.Count(s => s.LastOutcome == JobOutcome.Failed),
            activeKeys,
            people,
            withoutToken,
            events,
            messages,
            failed,
            dead,
            lastRun);
    }
}
