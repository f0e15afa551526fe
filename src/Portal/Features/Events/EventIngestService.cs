using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Events;
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
    AccessGuard guard,
    JobRegistry jobs,
    TimeProvider time)
{
    public async Task<IngestSummary> StoreAsync(ClaimsPrincipal caller, IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.EventsWrite, "events.received", "event", null, cancellationToken);
        return await StoreReceivedAsync(events, actor.Name, cancellationToken);
    }

    /// <summary>Stores events that came in by a trusted way (the event queue), noting where from.</summary>
    public async Task<IngestSummary> StoreReceivedAsync(IReadOnlyList<IncomingEvent> events, string receivedFrom, CancellationToken cancellationToken)
    {
        int accepted;
        try
        {
            accepted = await StoreNewAsync(events, receivedFrom, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request stored one of these ids between our look-up and our insert: look again, once.
            accepted = await StoreNewAsync(events, receivedFrom, cancellationToken);
        }

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

    /// <returns>How many events were new and stored.</returns>
    private async Task<int> StoreNewAsync(IReadOnlyList<IncomingEvent> events, string receivedFrom, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ids = events.Select(e => e.Id).Distinct(StringComparer.Ordinal).ToList();
        var seen = (await db.EntityEvents.Where(e => ids.Contains(e.EventId)).Select(e => e.EventId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow().UtcDateTime;
        var accepted = 0;
        foreach (var incoming in events)
        {
            if (!seen.Add(incoming.Id))
            {
                continue;
            }

            db.EntityEvents.Add(EntityEvent.Receive(incoming.Id, incoming.EntityType, incoming.EventType, incoming.EntityId,
                incoming.Identity, incoming.System, incoming.OccurredAt, incoming.Before, incoming.After, receivedFrom, now));
            accepted++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return accepted;
    }
}
