using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Digests;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications.Digests;

/// <summary>
/// Turns the changes waiting for a digest into digest e-mails once they are due: per configuration and recipient, one
/// outbox message rendered from the topic's digest template (or <see cref="DigestTemplates.Default"/>), carrying every
/// waiting change in event order. The message and its items' link to it are written in one transaction, and only for
/// items no other run took meanwhile; from then on the outbox delivers, retries and resends it like any message.
/// A configuration that now sends at once, or is gone, has its waiting changes sent at the next run.
/// </summary>
public sealed partial class DueDigests(
    IDbContextFactory<SwitchboardDbContext> contextFactory, ITemplateRenderer renderer, DigestOptions options, TimeProvider time, ILogger logger)
{
    public int Digests { get; private set; }
    public int Items { get; private set; }

    public async Task QueueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<(int ConfigurationId, string RecipientEmail, DateTime First)> waiting;
        Dictionary<int, NotificationConfiguration> configurations;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            waiting = (await db.DigestItems.AsNoTracking().Where(i => i.OutboxMessageId == null)
                .GroupBy(i => new { i.ConfigurationId, i.RecipientEmail })
                .Select(g => new { g.Key.ConfigurationId, g.Key.RecipientEmail, First = g.Min(i => i.CreatedAt) })
                .ToListAsync(cancellationToken)).Select(g => (g.ConfigurationId, g.RecipientEmail, g.First)).ToList();
            var ids = waiting.Select(w => w.ConfigurationId).Distinct().ToList();
            configurations = await db.NotificationConfigurations.AsNoTracking().Include(c => c.Topic).Where(c => ids.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, cancellationToken);
        }

        var zone = options.Zone;
        foreach (var (configurationId, recipientEmail, first) in waiting)
        {
            var configuration = configurations.GetValueOrDefault(configurationId);
            if (DigestTiming.DueAt(configuration?.Digest, first, zone) <= now)
            {
                await QueueAsync(configuration, configurationId, recipientEmail, now, cancellationToken);
            }
        }
    }

    private async Task QueueAsync(NotificationConfiguration? configuration, int configurationId, string recipientEmail, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var items = await db.DigestItems.AsNoTracking()
            .Where(i => i.OutboxMessageId == null && i.ConfigurationId == configurationId && i.RecipientEmail == recipientEmail)
            .OrderBy(i => i.EventId).ThenBy(i => i.Id).Take(options.MaxItemsPerDigest).ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return;
        }

        var (head, topicCode) = (items[0], items[0].Topic);
        var topic = configuration?.Topic ?? await db.Topics.AsNoTracking().SingleOrDefaultAsync(t => t.Code == topicCode, cancellationToken);
        var models = items.Select(i => DigestModels.Read(i.Model)).ToList();
        var model = new DigestModel(models, models[0].Recipient, models[0].Configuration);
        var email = await RenderAsync(topic?.Digest, model, configurationId, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var message = OutboxMessage.Queue(head.EventId, configurationId, topicCode, head.Level, head.RecipientEmail, head.RecipientUsername,
            email.Subject, email.HtmlBody, email.TextBody, now, DeliveryChannel.Email, items.Count);
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        var ids = items.Select(i => i.Id).ToList();
        var taken = await db.DigestItems.Where(i => ids.Contains(i.Id) && i.OutboxMessageId == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.OutboxMessageId, message.Id), cancellationToken);
        if (taken != items.Count)
        {
            // Another run queued some of them first: leave it all to that run's digest.
            await transaction.RollbackAsync(cancellationToken);
            return;
        }

        db.Touched(ChangeKind.OutboxMessage);
        await transaction.CommitAsync(cancellationToken);
        (Digests, Items) = (Digests + 1, Items + items.Count);
    }

    /// <summary>Renders the topic's digest; when it has none, or it fails (a limit, a template that no longer parses), the default digest, so no change is lost.</summary>
    private async Task<RenderedEmail> RenderAsync(EmailTemplate? template, DigestModel model, int configurationId, CancellationToken cancellationToken)
    {
        if (template is not null)
        {
            try
            {
                return await renderer.RenderDigestAsync(template, model, cancellationToken);
            }
            catch (Exception ex) when (ex is TemplateLimitExceededException or InvalidOperationException)
            {
                LogDigestTemplateFailed(logger, configurationId, ex.Message);
            }
        }

        return await renderer.RenderDigestAsync(DigestTemplates.Default, model, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The digest template of configuration {ConfigurationId} failed ({Reason}); the default digest was sent instead")]
    private static partial void LogDigestTemplateFailed(ILogger logger, int configurationId, string reason);
}
