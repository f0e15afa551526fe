using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Events;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Events;

/// <summary>
/// The event ingest use case, for <c>POST /api/events</c> (which authorises the caller first) and the event queue alike:
/// stores incoming entity events before anything acts on them, once per event id, then wakes the jobs that act on
/// them. A crash after the answer loses nothing: the jobs start from what is stored.
/// </summary>
public sealed class EventIngest(IDbContextFactory<SwitchboardDbContext> contextFactory, EventStore store, JobRegistry jobs, TimeProvider time)
{
    /// <param name="receivedFrom">Who or where the events came from: the caller's name, or <c>rabbitmq:queue</c>.</param>
    public async Task<IngestSummary> StoreAsync(IReadOnlyList<IncomingEvent> events, string receivedFrom, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var accepted = await store.StoreNewAsync(events.Select(e => EntityEvent.Receive(e.Id, e.EntityType, e.EventType, e.EntityId,
            e.Identity, e.System, e.OccurredAt, e.Before, e.After, receivedFrom, now)).ToList(), cancellationToken);
        if (events.Any(e => e.EntityType == EntityTypes.IdmIdentity))
        {
            jobs.Find(IdentityEventSyncJob.Name)?.RequestRun();
        }

        jobs.Find(NotificationEvaluationJob.Name)?.RequestRun();
        return new IngestSummary(accepted, events.Count - accepted);
    }

    /// <summary>Keeps queue messages that cannot be read as events, each with its raw body and the reason, in one commit.</summary>
    public async Task RejectAsync(string source, IReadOnlyList<(string Body, string Reason)> rejected, CancellationToken cancellationToken)
    {
        if (rejected.Count == 0)
        {
            return;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        db.RejectedEvents.AddRange(rejected.Select(r => RejectedEvent.Keep(source, r.Body, r.Reason, now)));
        await db.SaveChangesAsync(cancellationToken);
    }
}
