using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Events;
using Switchboard.Infrastructure.Events;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal.Features.Events;

/// <summary>
/// Stores incoming entity events before anything acts on them, once per event id, then wakes the jobs that act on
/// them. A crash after the answer loses nothing: the jobs start from what is stored.
/// </summary>
public sealed class EventIngestService(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    EventStore store,
    AccessGuard guard,
    JobRegistry jobs,
    TimeProvider time)
{
    public async Task<IngestSummary> StoreAsync(ClaimsPrincipal caller, IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.EventsWrite, AuditActions.EventsReceived, "event", null, cancellationToken);
        return await StoreReceivedAsync(events, actor.Name, cancellationToken);
    }

    /// <summary>Stores events that came in by a trusted way (the event queue), noting where from.</summary>
    public async Task<IngestSummary> StoreReceivedAsync(IReadOnlyList<IncomingEvent> events, string receivedFrom, CancellationToken cancellationToken)
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

    /// <summary>Keeps a queue message that cannot be read as events, with its raw body and the reason.</summary>
    public async Task RejectAsync(string source, string body, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.RejectedEvents.Add(RejectedEvent.Keep(source, body, reason, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }
}
