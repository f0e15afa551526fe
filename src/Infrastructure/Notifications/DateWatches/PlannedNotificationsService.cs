using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications.DateWatches;

/// <summary>The planned notifications of date-watching configurations still to fire, soonest first (the Coming up lists).</summary>
public sealed class PlannedNotificationsService(IDbContextFactory<SwitchboardDbContext> contextFactory)
{
    public async Task<Paged<ComingUpRow>> ComingUpAsync(ComingUpQuery query, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var planned = db.PlannedNotifications.AsNoTracking().Where(p => p.Status == PlannedNotificationStatus.Planned);
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
            })
            .OrderBy(r => r.FireOn).ThenBy(r => r.Id).Skip(page * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new Paged<ComingUpRow>(rows.Select(r => new ComingUpRow(r.Id, r.ConfigurationId, r.Topic,
            new DateWatch(r.WatchAttribute ?? "", r.WatchOffsetDays ?? 0).ToString(), r.Identity, r.DateValue, r.FireOn)).ToList(), total);
    }
}
