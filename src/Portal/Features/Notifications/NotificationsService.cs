using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Email;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>Edits the notification code lists (Admin or <c>config:write</c>), validating again on the server and auditing every change.</summary>
public sealed class NotificationsService(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    AccessGuard guard,
    IValidator<TopicDraft> topicValidator,
    IValidator<NotificationConfigurationDraft> configurationValidator,
    JobRegistry jobs,
    TimeProvider time)
{
    public const int MaxResend = 10_000;

    public async Task<int> SaveTopicAsync(ClaimsPrincipal caller, TopicDraft draft, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.ConfigWrite, AuditActions.TopicSaved, "topic", draft.Code, cancellationToken);
        await topicValidator.ValidateAndThrowAsync(draft, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var topic = await db.Topics.SingleOrDefaultAsync(t => t.Code == draft.Code, cancellationToken);
        var before = topic is null ? null : Audited(topic);
        var email = new EmailTemplate(draft.Subject, draft.HtmlBody, draft.TextBody);
        if (topic is null)
        {
            topic = db.Topics.Add(Topic.Create(draft.Code, draft.Description, email)).Entity;
        }
        else
        {
            topic.Update(draft.Description, email);
        }

        db.Audit(new AuditRecord(actor, before is null ? AuditActions.TopicCreated : AuditActions.TopicUpdated, "topic", topic.Code,
            Details: AuditDiff.Between(before, Audited(topic))));
        await db.SaveChangesAsync(cancellationToken);
        return topic.Id;
    }

    /// <param name="id">The configuration to change, or null for a new one.</param>
    public async Task<int> SaveConfigurationAsync(ClaimsPrincipal caller, int? id, NotificationConfigurationDraft draft, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.ConfigWrite, AuditActions.ConfigurationSaved,
            "notification-configuration", id?.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        await configurationValidator.ValidateAndThrowAsync(draft, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var topic = await db.Topics.SingleOrDefaultAsync(t => t.Code == draft.Topic, cancellationToken)
            ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(draft.Topic), $"There is no topic '{draft.Topic}'.")]);
        NotificationConfiguration configuration;
        object? before = null;
        if (id is null)
        {
            configuration = db.NotificationConfigurations.Add(NotificationConfiguration.Create(draft, topic)).Entity;
        }
        else
        {
            configuration = await db.NotificationConfigurations.Include(c => c.Topic).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
                ?? throw new NotFoundException($"There is no notification configuration {id}.");
            before = Audited(configuration);
            configuration.Update(draft, topic);
        }

        // A new configuration's id comes from the store: saved first, audited with that id, committed together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.Audit(new AuditRecord(actor, before is null ? AuditActions.ConfigurationCreated : AuditActions.ConfigurationUpdated,
            "notification-configuration", configuration.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Details: AuditDiff.Between(before, Audited(configuration))));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return configuration.Id;
    }

    public async Task<Paged<ConfigurationRow>> ConfigurationsAsync(ConfigurationQuery query, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var configurations = db.NotificationConfigurations.AsNoTracking();
        if (query.EntityType is not null)
        {
            configurations = configurations.Where(c => c.EntityType == query.EntityType);
        }

        if (query.EventType is not null)
        {
            configurations = configurations.Where(c => c.EventType == query.EventType);
        }

        if (query.Topic is not null)
        {
            configurations = configurations.Where(c => c.Topic!.Code == query.Topic);
        }

        if (query.Level is { } level)
        {
            configurations = configurations.Where(c => c.Level == level);
        }

        if (query.Disabled is { } disabled)
        {
            configurations = configurations.Where(c => c.Disabled == disabled);
        }

        var total = await configurations.CountAsync(cancellationToken);
        var rows = await configurations.Include(c => c.Topic).OrderBy(c => c.Id).Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Paged<ConfigurationRow>(rows.Select(c => new ConfigurationRow(c.Id, c.EntityType, c.EventType, c.FormProjection, c.System,
            c.RuleScript is null ? c.Rule : "(rule script)", c.Topic!.Code, c.Level, Recipients(c), c.Disabled, c.Description, c.FailureCount, c.LastFailure)).ToList(), total);
    }

    /// <summary>Deletes a configuration (Admin); messages it queued stay in the delivery log.</summary>
    public async Task DeleteConfigurationAsync(ClaimsPrincipal caller, int id, CancellationToken cancellationToken)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.ConfigWrite, AuditActions.ConfigurationDeleted, "notification-configuration", key, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var configuration = await db.NotificationConfigurations.Include(c => c.Topic).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no notification configuration {id}.");
        db.NotificationConfigurations.Remove(configuration);
        db.Audit(new AuditRecord(actor, AuditActions.ConfigurationDeleted, "notification-configuration", key, Details: AuditDiff.Between(Audited(configuration), null)));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<NotificationConfigurationDraft?> ConfigurationAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var c = await db.NotificationConfigurations.AsNoTracking().Include(x => x.Topic).SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        return c is null ? null : new NotificationConfigurationDraft
        {
            EntityType = c.EntityType,
            EventType = c.EventType,
            FormProjection = c.FormProjection,
            System = c.System,
            Rule = c.Rule,
            RuleScript = c.RuleScript,
            Topic = c.Topic!.Code,
            Level = c.Level,
            SendToIdentity = c.SendToIdentity,
            SendToManager = c.SendToManager,
            RecipientUsernames = c.RecipientUsernames,
            RecipientRoles = c.RecipientRoles,
            RecipientsScript = c.RecipientsScript,
            Disabled = c.Disabled,
            Description = c.Description,
        };
    }

    public async Task<IReadOnlyList<TopicRow>> TopicsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Topics.AsNoTracking().OrderBy(t => t.Code).Select(t => new TopicRow(t.Code, t.Description, t.Subject)).ToListAsync(cancellationToken);
    }

    public async Task<TopicDraft?> TopicAsync(string code, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var t = await db.Topics.AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, cancellationToken);
        return t is null ? null : new TopicDraft(t.Code, t.Description, t.Subject, t.HtmlBody, t.TextBody);
    }

    public async Task SetDisabledAsync(ClaimsPrincipal caller, int id, bool disabled, CancellationToken cancellationToken)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var action = disabled ? AuditActions.ConfigurationDisabled : AuditActions.ConfigurationEnabled;
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.ConfigWrite, action, "notification-configuration", key, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var configuration = await db.NotificationConfigurations.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no notification configuration {id}.");
        configuration.SetDisabled(disabled);
        db.Audit(new AuditRecord(actor, action, "notification-configuration", key));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Paged<MessageRow>> MessagesAsync(MessageFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var messages = Matching(db, filter);
        var total = await messages.CountAsync(cancellationToken);
        var rows = await messages.OrderByDescending(m => m.Id).Skip(page * pageSize).Take(pageSize)
            .Select(m => new MessageRow(m.Id, m.CreatedAt, m.RecipientEmail, m.Topic, m.Level, m.ConfigurationId,
                db.EntityEvents.Where(e => e.Id == m.EventId).Select(e => e.EventId).FirstOrDefault() ?? "",
                m.Status, m.Attempts, m.LastError, m.SentAt, m.SmtpReply, m.Subject))
            .ToListAsync(cancellationToken);
        return new Paged<MessageRow>(rows, total);
    }

    public async Task<OutboxMessage?> MessageAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
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
            var recipient = filter.Recipient.Trim().ToLowerInvariant();
            messages = messages.Where(m => m.RecipientEmail.StartsWith(recipient));
        }

        return messages;
    }

    public async Task<Paged<EventRow>> EventsAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var total = await db.EntityEvents.CountAsync(cancellationToken);
        var rows = await db.EntityEvents.AsNoTracking().OrderByDescending(e => e.Id).Skip(page * pageSize).Take(pageSize)
            .Select(e => new EventRow(e.Id, e.ReceivedAt, e.EventId, e.EntityType, e.EventType, e.Identity, e.System,
                e.DirectorySync, e.DirectorySyncError, e.Evaluated, e.EvaluationNote))
            .ToListAsync(cancellationToken);
        return new Paged<EventRow>(rows, total);
    }

    public async Task<Paged<RejectedEventRow>> RejectedEventsAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var total = await db.RejectedEvents.CountAsync(cancellationToken);
        var rows = await db.RejectedEvents.AsNoTracking().OrderByDescending(e => e.Id).Skip(page * pageSize).Take(pageSize)
            .Select(e => new RejectedEventRow(e.Id, e.ReceivedAt, e.Source, e.Reason, e.Body.Substring(0, 2000), e.BodyTruncated || e.Body.Length > 2000))
            .ToListAsync(cancellationToken);
        return new Paged<RejectedEventRow>(rows, total);
    }

    public async Task<CodeListDocument> ExportAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var topics = await db.Topics.AsNoTracking().OrderBy(t => t.Code)
            .Select(t => new TopicDraft(t.Code, t.Description, t.Subject, t.HtmlBody, t.TextBody)).ToListAsync(cancellationToken);
        var ids = await db.NotificationConfigurations.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var configurations = new List<NotificationConfigurationDraft>(ids.Count);
        foreach (var id in ids)
        {
            configurations.Add((await ConfigurationAsync(id, cancellationToken))!);
        }

        return new CodeListDocument(topics, configurations);
    }

    /// <summary>Checks a document and says what importing it would change, without changing anything.</summary>
    public async Task<CodeListDifference> PreviewImportAsync(CodeListDocument document, CancellationToken cancellationToken)
    {
        await ValidateAsync(document, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Topics.AsNoTracking().ToDictionaryAsync(t => t.Code, cancellationToken);
        return new CodeListDifference(
            document.Topics.Where(t => !stored.ContainsKey(t.Code)).Select(t => t.Code).ToList(),
            document.Topics.Where(t => stored.TryGetValue(t.Code, out var s) && (s.Description, s.Subject, s.HtmlBody, s.TextBody) != (t.Description, t.Subject, t.HtmlBody, t.TextBody))
                .Select(t => t.Code).ToList(),
            await db.NotificationConfigurations.CountAsync(cancellationToken),
            document.Configurations.Count);
    }

    /// <summary>Imports a document in one transaction: all of it, or none of it when anything is invalid.</summary>
    public async Task<CodeListDifference> ImportAsync(ClaimsPrincipal caller, CodeListDocument document, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.ConfigWrite, AuditActions.CodeListsImported, "notification-code-lists", null, cancellationToken);
        var difference = await PreviewImportAsync(document, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var topics = await db.Topics.ToDictionaryAsync(t => t.Code, cancellationToken);
        foreach (var draft in document.Topics)
        {
            var email = new EmailTemplate(draft.Subject, draft.HtmlBody, draft.TextBody);
            if (topics.TryGetValue(draft.Code, out var topic))
            {
                topic.Update(draft.Description, email);
            }
            else
            {
                topics[draft.Code] = db.Topics.Add(Topic.Create(draft.Code, draft.Description, email)).Entity;
            }
        }

        await db.NotificationConfigurations.ExecuteDeleteAsync(cancellationToken);
        db.NotificationConfigurations.AddRange(document.Configurations.Select(c => NotificationConfiguration.Create(c, topics[c.Topic])));
        db.Audit(new AuditRecord(actor, AuditActions.CodeListsImported, "notification-code-lists", null,
            Details: $"topics added: {string.Join(", ", difference.TopicsAdded)}; changed: {string.Join(", ", difference.TopicsChanged)}; configurations {difference.ConfigurationsBefore} → {difference.ConfigurationsAfter}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return difference;
    }

    private async Task ValidateAsync(CodeListDocument document, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();

        // A JSON body can hold null where the document's types say a list or an item belongs.
        var topics = Listed(document.Topics, "topics", CodeListDocument.MaxTopics, failures);
        var configurations = Listed(document.Configurations, "configurations", CodeListDocument.MaxConfigurations, failures);
        foreach (var (topic, i) in topics)
        {
            failures.AddRange((await topicValidator.ValidateAsync(topic, cancellationToken)).Errors
                .Select(e => new FluentValidation.Results.ValidationFailure($"topics[{i}].{e.PropertyName}", e.ErrorMessage)));
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var known = (await db.Topics.Select(t => t.Code).ToListAsync(cancellationToken)).Concat(topics.Select(t => t.Item.Code)).ToHashSet(StringComparer.Ordinal);
        foreach (var (configuration, i) in configurations)
        {
            failures.AddRange((await configurationValidator.ValidateAsync(configuration, cancellationToken)).Errors
                .Select(e => new FluentValidation.Results.ValidationFailure($"configurations[{i}].{e.PropertyName}", e.ErrorMessage)));
            if (!string.IsNullOrEmpty(configuration.Topic) && !known.Contains(configuration.Topic))
            {
                failures.Add(new($"configurations[{i}].Topic", $"There is no topic '{configuration.Topic}'."));
            }
        }

        foreach (var duplicate in topics.GroupBy(t => t.Item.Code).Where(g => g.Count() > 1))
        {
            failures.Add(new("topics", $"Topic '{duplicate.Key}' appears more than once."));
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
    }

    /// <returns>The list's items with their index, leaving out (and reporting) a missing list, nulls and a list too long.</returns>
    private static List<(T Item, int Index)> Listed<T>(IReadOnlyList<T>? items, string name, int max, List<FluentValidation.Results.ValidationFailure> failures)
        where T : class
    {
        if (items is null)
        {
            failures.Add(new(name, $"Give the {name} as a list (it may be empty), not null."));
            return [];
        }

        if (items.Count > max)
        {
            failures.Add(new(name, $"A document holds at most {max} {name}; this one has {items.Count}."));
            return [];
        }

        var listed = new List<(T, int)>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                failures.Add(new($"{name}[{i}]", "Give an object here, not null."));
            }
            else
            {
                listed.Add((items[i], i));
            }
        }

        return listed;
    }

    private static string Recipients(NotificationConfiguration c) => string.Join(", ", new[]
    {
        c.SendToIdentity ? "identity" : null,
        c.SendToManager ? "manager" : null,
        c.RecipientUsernames.Count > 0 ? $"people: {string.Join(' ', c.RecipientUsernames)}" : null,
        c.RecipientRoles.Count > 0 ? $"roles: {string.Join(' ', c.RecipientRoles)}" : null,
        c.RecipientsScript is null ? null : "script",
    }.OfType<string>());

    private static object Audited(Topic topic) => new { topic.Code, topic.Description, topic.Subject, topic.HtmlBody, topic.TextBody };

    private static object Audited(NotificationConfiguration c) => new
    {
        c.EntityType,
        c.EventType,
        c.FormProjection,
        c.System,
        c.Rule,
        c.RuleScript,
        Topic = c.Topic?.Code,
        Level = c.Level.ToString(),
        c.SendToIdentity,
        c.SendToManager,
        Usernames = string.Join(' ', c.RecipientUsernames),
        Roles = string.Join(' ', c.RecipientRoles),
        c.RecipientsScript,
        c.Disabled,
        c.Description,
    };
}
