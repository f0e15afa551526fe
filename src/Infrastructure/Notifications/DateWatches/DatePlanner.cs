using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications.DateWatches;

/// <summary>
/// Keeps the planned notifications of date-watching configurations in step with what identity events and the directory
/// say of the watched dates. An event that gives a person a new date cancels the planned row of the old one and plans the
/// new one; an event that removes the date (or deletes the person) cancels; a date that comes back before its day is
/// planned again. A fired date is never planned again: one row per configuration, person and date value. Planning is
/// idempotent, so an event evaluated again (a run that died before it noted the evaluation) plans nothing new.
/// </summary>
internal sealed class DatePlanner(SwitchboardDbContext db, DateOnly today, DateTime now)
{
    private readonly List<PlannedNotification> _rows = [];

    public int Planned { get; private set; }
    public int Cancelled { get; private set; }

    /// <summary>Plans from a chunk of stored events, in their order, for the enabled date-watching configurations.</summary>
    public async Task PlanFromEventsAsync(IReadOnlyList<NotificationConfiguration> watches, IReadOnlyList<EntityEvent> events, CancellationToken cancellationToken)
    {
        var identityEvents = events.Where(e => e.EntityType == EntityTypes.IdmIdentity).ToList();
        if (watches.Count == 0 || identityEvents.Count == 0)
        {
            return;
        }

        var ids = watches.Select(c => c.Id).ToList();
        var keys = identityEvents.Select(e => PlannedNotification.KeyOf(e.Identity)).Distinct().ToList();
        _rows.AddRange(await db.PlannedNotifications.Where(p => ids.Contains(p.ConfigurationId) && EF.Parameter(keys).Contains(p.IdentityKey)).ToListAsync(cancellationToken));
        var userTypes = await db.People.AsNoTracking().Where(p => EF.Parameter(keys).Contains(p.UsernameKey))
            .ToDictionaryAsync(p => p.UsernameKey, p => p.FormProjection, cancellationToken);
        foreach (var entityEvent in identityEvents)
        {
            var states = NotificationEvaluator.ScriptEventOf(entityEvent);
            var userType = states.After.Attributes.GetValueOrDefault("formProjection") ?? states.Before.Attributes.GetValueOrDefault("formProjection")
                ?? userTypes.GetValueOrDefault(PlannedNotification.KeyOf(entityEvent.Identity));
            foreach (var configuration in watches.Where(c => c.FormProjection is null || c.FormProjection == userType))
            {
                var seen = WatchedDate.In(configuration.WatchDate!, entityEvent.EventType, states.Before, states.After);
                if (seen.Mentioned)
                {
                    Apply(configuration, entityEvent.Identity, seen.Date, entityEvent.Id, $"event {entityEvent.EventId}");
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Follows what the directory holds of an EAV watch's dates (the directory keeps no standard date attributes: those come
    /// from events only). A person no row of the configuration covers yet gets their date planned, unless that date was
    /// planned before and cancelled. A person whose directory entry changed after the last planning decision about them (an
    /// edit on their page, a CSV import) is re-planned from the directory as an event would be: another date cancels the
    /// planned one and plans the new, no date (or a deleted person) cancels. Dates an event planned are left to the events
    /// unless identity events also feed the directory (<paramref name="directoryFollowsEvents"/>): otherwise the directory
    /// does not know them and would undo them.
    /// </summary>
    public async Task FollowDirectoryAsync(IReadOnlyList<NotificationConfiguration> watches, bool directoryFollowsEvents, CancellationToken cancellationToken)
    {
        foreach (var configuration in watches.Where(c => c.WatchDate!.IsEav))
        {
            var (id, code, userType) = (configuration.Id, configuration.WatchDate!.Code, configuration.FormProjection);
            var rows = await db.PlannedNotifications.Where(p => p.ConfigurationId == id).ToListAsync(cancellationToken);
            _rows.AddRange(rows);
            var byPerson = rows.GroupBy(r => r.IdentityKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var plannedKeys = rows.Where(r => r.Status == PlannedNotificationStatus.Planned).Select(r => r.IdentityKey).Distinct().ToList();
            var people = await db.People.AsNoTracking()
                .Where(p => p.Attributes.Any(a => a.Code == code) || plannedKeys.Contains(p.UsernameKey))
                .Select(p => new
                {
                    p.Username,
                    p.UsernameKey,
                    p.Deleted,
                    p.FormProjection,
                    p.UpdatedAt,
                    Value = p.Attributes.Where(a => a.Code == code).Select(a => a.Value).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            foreach (var person in people)
            {
                var date = person.Deleted || (userType is not null && person.FormProjection != userType) ? null : DateValues.Read(person.Value);
                var known = byPerson.GetValueOrDefault(person.UsernameKey) ?? [];
                if (known.Count == 0)
                {
                    if (date is not null)
                    {
                        Apply(configuration, person.Username, date, null, "the directory");
                    }

                    continue;
                }

                var lastDecision = known.Max(r => r.CancelledAt is { } cancelled && cancelled > r.PlannedAt ? cancelled : r.PlannedAt);
                var eventsDecide = !directoryFollowsEvents && known.Any(r => r.EventId is not null);
                if (person.UpdatedAt > lastDecision && !eventsDecide)
                {
                    Apply(configuration, person.Username, date, null, "the directory");
                }
                else if (date is { } value && known.All(r => r.Status != PlannedNotificationStatus.Planned) && known.All(r => r.DateValue != value))
                {
                    // Not covered: a date the directory holds that no row has seen yet.
                    Apply(configuration, person.Username, value, null, "the directory");
                }
            }
        }

        if (Planned + Cancelled > 0)
        {
            // The people's Coming up lists follow.
            db.Touched(ChangeKind.Person);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Follows a saved configuration whose watch changed: another offset moves its planned rows to their new day (or cancels
    /// those whose date is past for it); another attribute, or no watch any more, cancels them. Saving is the caller's.
    /// </summary>
    public async Task FollowChangedWatchAsync(NotificationConfiguration configuration, DateWatch? before, CancellationToken cancellationToken)
    {
        var watch = configuration.WatchDate;
        if (before is null || before == watch)
        {
            return;
        }

        var id = configuration.Id;
        foreach (var row in await db.PlannedNotifications.Where(p => p.ConfigurationId == id && p.Status == PlannedNotificationStatus.Planned).ToListAsync(cancellationToken))
        {
            if (watch is not null && watch.Attribute == before.Attribute && DatePlan.FireOn(watch, row.DateValue, today) is { } fireOn)
            {
                row.Reschedule(fireOn);
                Planned++;
            }
            else
            {
                row.Cancel(watch is null ? "the configuration watches no date any more"
                    : watch.Attribute != before.Attribute ? $"the configuration watches {watch.Attribute} now"
                    : $"the date is past for {watch}", now);
                Cancelled++;
            }
        }
    }

    /// <summary>What one event says of one person's date for one configuration: <paramref name="date"/>, or null when it is gone.</summary>
    private void Apply(NotificationConfiguration configuration, string identity, DateOnly? date, long? eventId, string source)
    {
        var key = PlannedNotification.KeyOf(identity);
        var rows = _rows.Where(r => r.ConfigurationId == configuration.Id && r.IdentityKey == key).ToList();
        foreach (var row in rows.Where(r => r.Status == PlannedNotificationStatus.Planned && r.DateValue != date))
        {
            row.Cancel(date is { } changed ? $"{configuration.WatchAttribute} changed to {DateValues.Write(changed)} ({source})" : $"{configuration.WatchAttribute} removed ({source})", now);
            Cancelled++;
        }

        if (date is not { } value || DatePlan.FireOn(configuration.WatchDate!, value, today) is not { } fireOn)
        {
            return;
        }

        if (rows.SingleOrDefault(r => r.DateValue == value) is { } existing)
        {
            Planned += existing.Replan(fireOn, eventId, now) ? 1 : 0;
            return;
        }

        var planned = PlannedNotification.Plan(configuration.Id, identity, value, fireOn, eventId, now);
        db.PlannedNotifications.Add(planned);
        _rows.Add(planned);
        Planned++;
    }
}
