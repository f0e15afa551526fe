using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Email;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>The delivery log: the outbox's messages filtered and paged, one message, and Resend (Operator or <c>jobs:run</c>), audited in the same transaction.</summary>
public sealed class DeliveryLogService(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    AccessGuard guard,
    JobRegistry jobs,
    TimeProvider time)
{
    public const int MaxResend = 10_000;

    public async Task<Paged<MessageRow>> MessagesAsync(MessageFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var messages = Matching(db, filter);
        var (total, atLeast) = await messages.CountUpToLimitAsync(cancellationToken);
        var rows = await messages.OrderByDescending(m => m.Id).Skip(page * pageSize).Take(pageSize)
            .Select(m => new MessageRow(m.Id, m.CreatedAt, m.RecipientEmail, m.Topic, m.Level, m.ConfigurationId,
                db.EntityEvents.Where(e => e.Id == m.EventId).Select(e => e.EventId).FirstOrDefault() ?? "",
                m.Status, m.Attempts, m.LastError, m.SentAt, m.SmtpReply, m.Subject, m.Channel, m.RecipientUsername, m.DigestItems))
            .ToListAsync(cancellationToken);
        return new Paged<MessageRow>(rows, total, atLeast);
    }

    /// <summary>A message with its event, configuration and recipient person, for the message page; null when there is no such message.</summary>
    public async Task<MessageDetail?> DetailAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return null;
        }

        var source = await db.EntityEvents.AsNoTracking().Where(e => e.Id == message.EventId)
            .Select(e => new MessageEvent(e.Id, e.EventId, e.EntityType, e.EventType, e.Identity, e.ReceivedAt))
            .SingleOrDefaultAsync(cancellationToken);
        var configuration = await db.NotificationConfigurations.AsNoTracking().Where(c => c.Id == message.ConfigurationId)
            .Select(c => new { c.Description }).SingleOrDefaultAsync(cancellationToken);
        var key = message.RecipientUsername is { } username ? Domain.People.Person.KeyOf(username) : null;
        var email = message.RecipientEmail;
        var person = await db.People.AsNoTracking()
            .Where(p => key != null ? p.UsernameKey == key : p.Email == email)
            .OrderBy(p => p.Deleted).ThenBy(p => p.UsernameKey).Select(p => p.Username).FirstOrDefaultAsync(cancellationToken);
        var digestEvents = message.DigestItems == 0 ? []
            : await db.DigestItems.AsNoTracking().Where(i => i.OutboxMessageId == message.Id)
                .Join(db.EntityEvents, i => i.EventId, e => e.Id, (i, e) => e).OrderBy(e => e.Id)
                .Select(e => new MessageEvent(e.Id, e.EventId, e.EntityType, e.EventType, e.Identity, e.ReceivedAt)).ToListAsync(cancellationToken);
        return new MessageDetail(message, source, configuration?.Description, configuration is not null, person, digestEvents);
    }

    /// <summary>Sends every message the delivery log's filter shows again (Operator), at most <see cref="MaxResend"/> at once.</summary>
    public async Task<int> ResendMatchingAsync(ClaimsPrincipal caller, MessageFilter filter, CancellationToken cancellationToken)
    {
        List<long> ids;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            ids = await Matching(db, filter).OrderBy(m => m.Id).Select(m => m.Id).Take(MaxResend).ToListAsync(cancellationToken);
        }

        return await ResendAsync(caller, ids, cancellationToken);
    }

    /// <summary>Sends messages again (Operator): they go out at the sender's next run with a fresh set of attempts.</summary>
    public async Task<int> ResendAsync(ClaimsPrincipal caller, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Operator, ApiKeyScopes.JobsRun, AuditActions.MessageResent, "message", string.Join(',', ids.Take(20)), cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var messages = await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var message in messages)
        {
            message.Resend(now);
        }

        db.Audit(new AuditRecord(actor, AuditActions.MessageResent, "message", string.Join(',', messages.Select(m => m.Id).Take(20)),
            Details: $"{Plural.Of(messages.Count, "message")} queued again"));
        await db.SaveChangesAsync(cancellationToken);
        jobs.Find(OutboxSenderJob.Name)?.RequestRun();
        jobs.Find(Mattermost.MattermostSenderJob.Name)?.RequestRun();
        return messages.Count;
    }

    private static IQueryable<OutboxMessage> Matching(SwitchboardDbContext db, MessageFilter filter)
    {
        var messages = db.OutboxMessages.AsNoTracking();
        if (filter.Status is { } status)
        {
            messages = messages.Where(m => m.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.Topic))
        {
            messages = messages.Where(m => m.Topic == filter.Topic);
        }

        if (!string.IsNullOrWhiteSpace(filter.Recipient))
        {
            messages = messages.WhereStartsWithIgnoringCase(db.Database, m => m.RecipientEmail, filter.Recipient.Trim());
        }

        return messages;
    }
}
