using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Domain;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Notifications.DateWatches;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>The notification configurations: list, read, save, enable or disable and delete (Admin or <c>config:write</c>), validated again on the server and audited in the same transaction.</summary>
public sealed class NotificationConfigurationsService(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    AccessGuard guard,
    IValidator<NotificationConfigurationDraft> configurationValidator,
    MattermostWebhookSecrets webhooks,
    IOptions<DateWatchOptions> dateWatches,
    TimeProvider time)
{
    /// <param name="sort">The order (by id when null), by a configuration's statistics too.</param>
    public async Task<Paged<ConfigurationRow>> ConfigurationsAsync(
        ConfigurationQuery query, int page, int pageSize, CancellationToken cancellationToken, ConfigurationSort? sort = null)
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
        var rows = await ConfigurationStatisticsQuery.With(db, configurations, Now).Sorted(sort ?? ConfigurationSort.ById)
            .Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Paged<ConfigurationRow>(rows.Select(Row).ToList(), total);
    }

    /// <summary>Every configuration's statistics, by id (the machine API).</summary>
    public async Task<IReadOnlyList<ConfigurationStatistics>> StatisticsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await ConfigurationStatisticsQuery.With(db, db.NotificationConfigurations.AsNoTracking(), Now).Sorted(ConfigurationSort.ById).ToListAsync(cancellationToken);
        return rows.Select(r => r.Statistics).ToList();
    }

    /// <summary>One configuration's statistics; <see cref="NotFoundException"/> when there is no such configuration.</summary>
    public async Task<ConfigurationStatistics> StatisticsAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await ConfigurationStatisticsQuery.With(db, db.NotificationConfigurations.AsNoTracking().Where(c => c.Id == id), Now).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no notification configuration {id}.");
        return row.Statistics;
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

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
            SendEmail = c.SendEmail,
            SendMattermostDirect = c.SendMattermostDirect,
            PostToMattermostChannel = c.PostToMattermostChannel,
            Digest = c.Digest,
            WatchDate = c.WatchDate,
        };
    }

    /// <summary>What the editor shows of a configuration's stored incoming webhook (never the URL); null when none is stored.</summary>
    public async Task<string?> WebhookHintAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.NotificationConfigurations.AsNoTracking().Where(c => c.Id == id).Select(c => c.WebhookHint).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// What the channels need beyond the draft itself: a topic with a Mattermost message for either Mattermost channel, and a
    /// webhook URL (given now or stored) for a channel post.
    /// </summary>
    internal static IEnumerable<FluentValidation.Results.ValidationFailure> ChannelProblems(NotificationConfigurationDraft draft, Topic topic, bool webhookStored)
    {
        if ((draft.SendMattermostDirect || draft.PostToMattermostChannel) && topic.MattermostBody is null)
        {
            yield return new(nameof(draft.Topic), $"The topic '{topic.Code}' has no Mattermost message: write one in the topic, or send e-mail only.");
        }

        if (draft.PostToMattermostChannel && string.IsNullOrWhiteSpace(draft.MattermostWebhookUrl) && !webhookStored)
        {
            yield return new(nameof(draft.MattermostWebhookUrl), "Give the incoming webhook's URL of the channel to post to.");
        }
    }

    /// <summary>Encrypts and stores the draft's new webhook URL, if it gives one.</summary>
    internal static void StoreWebhook(NotificationConfiguration configuration, NotificationConfigurationDraft draft, MattermostWebhookSecrets webhooks)
    {
        if (draft.PostToMattermostChannel && !string.IsNullOrWhiteSpace(draft.MattermostWebhookUrl))
        {
            var (protectedUrl, hint) = webhooks.Protect(draft.MattermostWebhookUrl);
            configuration.SetWebhook(protectedUrl, hint);
        }
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
        var stored = id is null ? null : await db.NotificationConfigurations.Include(c => c.Topic).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no notification configuration {id}.");
        var problems = ChannelProblems(draft, topic, stored?.ProtectedWebhookUrl is not null).ToList();
        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }

        if (stored is null)
        {
            configuration = db.NotificationConfigurations.Add(NotificationConfiguration.Create(draft, topic)).Entity;
        }
        else
        {
            configuration = stored;
            before = Audited(configuration);
            var watchedBefore = configuration.WatchDate;
            configuration.Update(draft, topic);
            await new DatePlanner(db, DatePlan.Today(time, dateWatches.Value.Zone), Now).FollowChangedWatchAsync(configuration, watchedBefore, cancellationToken);
        }

        StoreWebhook(configuration, draft, webhooks);

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

    /// <summary>Deletes a configuration (Admin); messages it queued stay in the delivery log, the dates it planned are cancelled.</summary>
    public async Task DeleteConfigurationAsync(ClaimsPrincipal caller, int id, CancellationToken cancellationToken)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.ConfigWrite, AuditActions.ConfigurationDeleted, "notification-configuration", key, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var configuration = await db.NotificationConfigurations.Include(c => c.Topic).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no notification configuration {id}.");
        db.NotificationConfigurations.Remove(configuration);
        foreach (var planned in await db.PlannedNotifications.Where(p => p.ConfigurationId == id && p.Status == PlannedNotificationStatus.Planned).ToListAsync(cancellationToken))
        {
            planned.Cancel("the configuration was deleted", Now);
        }

        db.Audit(new AuditRecord(actor, AuditActions.ConfigurationDeleted, "notification-configuration", key, Details: AuditDiff.Between(Audited(configuration), null)));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static ConfigurationRow Row(ConfigurationWithStatistics row)
    {
        var c = row.Configuration;
        return new ConfigurationRow(c.Id, c.EntityType, c.EventType, c.FormProjection, c.System, c.RuleScript is null ? c.Rule : "(rule script)",
            row.TopicCode, c.Level, Recipients(c), c.Disabled, c.Description, c.FailureCount, c.LastFailure, row.Statistics);
    }

    private static string Recipients(NotificationConfiguration c) => string.Join(", ", new[]
    {
        c.SendToIdentity ? "identity" : null,
        c.SendToManager ? "manager" : null,
        c.RecipientUsernames.Count > 0 ? $"people: {string.Join(' ', c.RecipientUsernames)}" : null,
        c.RecipientRoles.Count > 0 ? $"roles: {string.Join(' ', c.RecipientRoles)}" : null,
        c.RecipientsScript is null ? null : "script",
    }.OfType<string>()) + Channels(c) + (c.Digest is { } digest ? $" · digest {digest}" : "") + (c.WatchDate is { } watch ? $" · {watch}" : "");

    /// <summary>The channels beside the recipients, when they are not e-mail alone: " · by Mattermost DM, channel post".</summary>
    private static string Channels(NotificationConfiguration c) =>
        c.SendEmail && !c.SendMattermostDirect && !c.PostToMattermostChannel ? ""
        : " · by " + string.Join(", ", new[]
        {
            c.SendEmail ? "e-mail" : null,
            c.SendMattermostDirect ? "Mattermost DM" : null,
            c.PostToMattermostChannel ? "Mattermost channel post" : null,
        }.OfType<string>());

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
        Channels = string.Join(", ", c.Channels),
        Webhook = c.WebhookHint, // never the URL
        Digest = c.Digest?.ToString() ?? "at once",
        WatchDate = c.WatchDate?.ToString(),
    };
}
