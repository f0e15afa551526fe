using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>The events received from the identity-management system, and the messages from the event queue that could not be read, paged.</summary>
public sealed class ReceivedEventsService(
    IDbContextFactory<SwitchboardDbContext> contextFactory)
{
    public async Task<Paged<EventRow>> EventsAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (total, atLeast) = await db.EntityEvents.CountUpToLimitAsync(cancellationToken);
        var rows = await db.EntityEvents.AsNoTracking().OrderByDescending(e => e.Id).Skip(page * pageSize).Take(pageSize)
            .Select(e => new EventRow(e.Id, e.ReceivedAt, e.EventId, e.EntityType, e.EventType, e.Identity, e.System,
                e.DirectorySync, e.DirectorySyncError, e.Evaluated, e.EvaluationNote))
            .ToListAsync(cancellationToken);
        return new Paged<EventRow>(rows, total, atLeast);
    }

    /// <summary>One event and the messages it produced (at most <paramref name="maxMessages"/>, newest first); null when there is no such event.</summary>
    public async Task<EventDetail?> EventAsync(long id, int maxMessages, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var received = await db.EntityEvents.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (received is null)
        {
            return null;
        }

        // Its own messages, and the digests that carry it (a digest's event is its first change's).
        var digests = db.DigestItems.Where(i => i.EventId == id && i.OutboxMessageId != null).Select(i => i.OutboxMessageId!.Value);
        var ids = await db.OutboxMessages.Where(m => m.EventId == id).Select(m => m.Id).Union(digests)
            .OrderByDescending(m => m).Take(maxMessages).ToListAsync(cancellationToken);
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderByDescending(m => m.Id)
            .Select(m => new MessageRow(m.Id, m.CreatedAt, m.RecipientEmail, m.Topic, m.Level, m.ConfigurationId, received.EventId,
                m.Status, m.Attempts, m.LastError, m.SentAt, m.SmtpReply, m.Subject, m.Channel, m.RecipientUsername, m.DigestItems))
            .ToListAsync(cancellationToken);
        return new EventDetail(received, messages);
    }

    public async Task<Paged<RejectedEventRow>> RejectedEventsAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (total, atLeast) = await db.RejectedEvents.CountUpToLimitAsync(cancellationToken);
        var rows = await db.RejectedEvents.AsNoTracking().OrderByDescending(e => e.Id).Skip(page * pageSize).Take(pageSize)
            .Select(e => new RejectedEventRow(e.Id, e.ReceivedAt, e.Source, e.Reason, e.Body.Substring(0, 2000), e.BodyTruncated || e.Body.Length > 2000))
            .ToListAsync(cancellationToken);
        return new Paged<RejectedEventRow>(rows, total, atLeast);
    }
}
