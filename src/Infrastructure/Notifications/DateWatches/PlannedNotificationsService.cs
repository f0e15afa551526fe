using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications.DateWatches;

/// <summary>
/// The planned notifications of date-watching configurations still to fire, soonest first, and the failed ones (the Coming
/// up lists); Retry plans a failed one again (Operator or <c>jobs:run</c>), audited in the same transaction.
/// </summary>
public sealed class PlannedNotificationsService(IDbContextFactory<SwitchboardDbContext> contextFactory, AccessGuard guard, JobRegistry jobs, TimeProvider time)
{
    public const string ObjectType = "planned-notification";

    public async Task<Paged<ComingUpRow>> ComingUpAsync(ComingUpQuery query, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var planned = db.PlannedNotifications.AsNoTracking().Where(p => p.Status == PlannedNotificationStatus.Planned || p.Status == PlannedNotificationStatus.Failed);
        if (query.ConfigurationId is { } id)
        {
            planned = planned.Where(p => p.ConfigurationId == id);
        }

        if (query.Identity is { } identity)
        {
            var key = PlannedNotification.KeyOf(identity);
            planned = planned.Where(p => p.IdentityKey == key);
        }

        var total = await planned.CountAsync(cancellationToken);
        var rows = await planned
            .Join(db.NotificationConfigurations, p => p.ConfigurationId, c => c.Id, (p, c) => new
            {
                p.Id,
                p.ConfigurationId,
                Topic = c.Topic!.Code,
                c.WatchAttribute,
                c.WatchOffsetDays,
                p.Identity,
                p.DateValue,
                p.FireOn,
                p.Status,
                p.Note,
            })
            .OrderBy(r => r.FireOn).ThenBy(r => r.Id).Skip(page * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new Paged<ComingUpRow>(rows.Select(r => new ComingUpRow(r.Id, r.ConfigurationId, r.Topic,
            new DateWatch(r.WatchAttribute ?? "", r.WatchOffsetDays ?? 0).ToString(), r.Identity, r.DateValue, r.FireOn, r.Status, r.Note)).ToList(), total);
    }

    /// <summary>
    /// Plans a failed date again: its day has come, so the date job (rung at once) fires it with the configuration as it is
    /// now. Answers false when the row is not failed (any more).
    /// </summary>
    public async Task<bool> RetryAsync(ClaimsPrincipal caller, long id, CancellationToken cancellationToken)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var actor = await guard.DemandAsync(caller, PortalRole.Operator, ApiKeyScopes.JobsRun, AuditActions.PlannedNotificationRetried, ObjectType, key, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.PlannedNotifications.SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no planned notification {id}.");
        var note = row.Note;
        if (!row.Retry(time.GetUtcNow().UtcDateTime))
        {
            return false;
        }

        db.Audit(new AuditRecord(actor, AuditActions.PlannedNotificationRetried, ObjectType, key,
            Details: $"configuration {row.ConfigurationId}, {row.Identity}, date {DateValues.Write(row.DateValue)}; it had {note}"));
        await db.SaveChangesAsync(cancellationToken);
        jobs.Find(DateWatchJob.Name)?.RequestRun();
        return true;
    }
}
