using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Notifications.DateWatches;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// Exports the notification code lists (topics and configurations) as one document and imports one (Admin or <c>config:write</c>):
/// all of it in one audited transaction, or none of it. A configuration's incoming webhook URL is a secret and never exported;
/// an import keeps the URL stored for the same configuration (same entity type, event, user type, system, rule and topic)
/// unless the document gives one. Documents older than the Mattermost channel import as e-mail only.
/// </summary>
public sealed class CodeListTransferService(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    AccessGuard guard,
    IValidator<TopicDraft> topicValidator,
    IValidator<NotificationConfigurationDraft> configurationValidator,
    NotificationConfigurationsService storedConfigurations,
    MattermostWebhookSecrets webhooks,
    IOptions<DateWatchOptions> dateWatches,
    TimeProvider time)
{
    public async Task<CodeListDocument> ExportAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var topics = (await db.Topics.AsNoTracking().OrderBy(t => t.Code).ToListAsync(cancellationToken)).Select(t => t.ToDraft()).ToList();
        var ids = await db.NotificationConfigurations.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var drafts = new List<NotificationConfigurationDraft>(ids.Count);
        foreach (var id in ids)
        {
            drafts.Add((await storedConfigurations.ConfigurationAsync(id, cancellationToken))!);
        }

        return new CodeListDocument(topics, drafts);
    }

    /// <summary>Checks a document and says what importing it would change, without changing anything.</summary>
    public async Task<CodeListDifference> PreviewImportAsync(CodeListDocument document, CancellationToken cancellationToken)
    {
        await ValidateAsync(document, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Topics.AsNoTracking().ToDictionaryAsync(t => t.Code, cancellationToken);
        return new CodeListDifference(
            document.Topics.Where(t => !stored.ContainsKey(t.Code)).Select(t => t.Code).ToList(),
            document.Topics.Where(t => stored.TryGetValue(t.Code, out var s)
                    && s.ToDraft() != Topic.Create(t.Code, t.Description, new EmailTemplate(t.Subject, t.HtmlBody, t.TextBody), t.MattermostBody, t.Digest).ToDraft())
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
                topic.Update(draft.Description, email, draft.MattermostBody, draft.Digest);
            }
            else
            {
                topics[draft.Code] = db.Topics.Add(Topic.Create(draft.Code, draft.Description, email, draft.MattermostBody, draft.Digest)).Entity;
            }
        }

        var storedWebhooks = await StoredWebhooksAsync(db, cancellationToken);
        var storedWatches = await StoredWatchesAsync(db, cancellationToken);
        await db.NotificationConfigurations.ExecuteDeleteAsync(cancellationToken);
        var imported = new List<NotificationConfiguration>();
        foreach (var draft in document.Configurations)
        {
            var configuration = db.NotificationConfigurations.Add(NotificationConfiguration.Create(draft, topics[draft.Topic])).Entity;
            imported.Add(configuration);
            if (draft.PostToMattermostChannel && string.IsNullOrWhiteSpace(draft.MattermostWebhookUrl)
                && storedWebhooks.TryGetValue(Signature(draft), out var kept))
            {
                configuration.SetWebhook(kept.Protected, kept.Hint);
            }

            NotificationConfigurationsService.StoreWebhook(configuration, draft, webhooks);
        }

        await db.SaveChangesAsync(cancellationToken);
        await KeepPlannedDatesAsync(db, imported, storedWatches, cancellationToken);
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
        // The document's topics as they will be after the import, over the stored ones.
        var known = await db.Topics.AsNoTracking().ToDictionaryAsync(t => t.Code, StringComparer.Ordinal, cancellationToken);
        foreach (var (topic, _) in topics)
        {
            known[topic.Code] = Topic.Create(topic.Code, topic.Description, new EmailTemplate(topic.Subject, topic.HtmlBody ?? "", topic.TextBody ?? ""), topic.MattermostBody, topic.Digest);
        }

        var storedWebhooks = await StoredWebhooksAsync(db, cancellationToken);
        foreach (var (configuration, i) in configurations)
        {
            failures.AddRange((await configurationValidator.ValidateAsync(configuration, cancellationToken)).Errors
                .Select(e => new FluentValidation.Results.ValidationFailure($"configurations[{i}].{e.PropertyName}", e.ErrorMessage)));
            if (!string.IsNullOrEmpty(configuration.Topic) && !known.ContainsKey(configuration.Topic))
            {
                failures.Add(new($"configurations[{i}].Topic", $"There is no topic '{configuration.Topic}'."));
            }
            else if (!string.IsNullOrEmpty(configuration.Topic))
            {
                failures.AddRange(NotificationConfigurationsService.ChannelProblems(configuration, known[configuration.Topic], storedWebhooks.ContainsKey(Signature(configuration)))
                    .Select(e => new FluentValidation.Results.ValidationFailure($"configurations[{i}].{e.PropertyName}",
                        e.PropertyName == nameof(NotificationConfigurationDraft.MattermostWebhookUrl)
                            ? $"{e.ErrorMessage} (Exports leave the URL out: it is a secret. Give it as mattermostWebhookUrl, or import where the same configuration has one.)"
                            : e.ErrorMessage)));
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

    /// <summary>The stored configurations' webhooks (still encrypted), by what identifies a configuration across an import.</summary>
    private static async Task<Dictionary<string, (string Protected, string Hint)>> StoredWebhooksAsync(SwitchboardDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.NotificationConfigurations.AsNoTracking().Include(c => c.Topic).Where(c => c.ProtectedWebhookUrl != null).ToListAsync(cancellationToken);
        var webhooks = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var c in stored)
        {
            webhooks.TryAdd(Signature(c.EntityType, c.EventType, c.FormProjection, c.System, c.Rule, c.RuleScript, c.Topic!.Code), (c.ProtectedWebhookUrl!, c.WebhookHint ?? ""));
        }

        return webhooks;
    }

    /// <summary>The date watches stored before an import, by signature and watched attribute: the configuration's id and its watch.</summary>
    private static async Task<Dictionary<string, (int Id, DateWatch Watch)>> StoredWatchesAsync(SwitchboardDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.NotificationConfigurations.AsNoTracking().Include(c => c.Topic).Where(c => c.WatchAttribute != null).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var watches = new Dictionary<string, (int, DateWatch)>(StringComparer.Ordinal);
        foreach (var c in stored)
        {
            watches.TryAdd(Signature(c.EntityType, c.EventType, c.FormProjection, c.System, c.Rule, c.RuleScript, c.Topic!.Code, c.WatchAttribute), (c.Id, c.WatchDate!));
        }

        return watches;
    }

    /// <summary>
    /// An import replaces every configuration (new ids; ids are never reused). A date watch the document keeps (same
    /// signature, same attribute) keeps its planned and fired dates, so a date that fired before the import does not fire
    /// again after it; another offset moves its planned days. Dates of watches the document drops are cancelled when due.
    /// </summary>
    private async Task KeepPlannedDatesAsync(
        SwitchboardDbContext db, List<NotificationConfiguration> imported, Dictionary<string, (int Id, DateWatch Watch)> storedWatches, CancellationToken cancellationToken)
    {
        var planner = new DatePlanner(db, DatePlan.Today(time, dateWatches.Value.Zone), time.GetUtcNow().UtcDateTime);
        foreach (var configuration in imported.Where(c => c.WatchDate is not null))
        {
            var key = Signature(configuration.EntityType, configuration.EventType, configuration.FormProjection, configuration.System, configuration.Rule,
                configuration.RuleScript, configuration.Topic!.Code, configuration.WatchAttribute);
            if (storedWatches.Remove(key, out var kept))
            {
                await db.PlannedNotifications.Where(p => p.ConfigurationId == kept.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(p => p.ConfigurationId, configuration.Id), cancellationToken);
                await planner.FollowChangedWatchAsync(configuration, kept.Watch, cancellationToken);
            }
        }
    }

    private static string Signature(NotificationConfigurationDraft d) =>
        Signature(d.EntityType, d.EventType, Blank(d.FormProjection), Blank(d.System), d.Rule?.Trim() ?? "", Blank(d.RuleScript), d.Topic);

    private static string Signature(params string?[] parts) => string.Join('\u001f', parts.Select(p => p ?? ""));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

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
}
