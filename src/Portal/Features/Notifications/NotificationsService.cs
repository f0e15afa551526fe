using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>Edits the notification code lists (Admin or <c>config:write</c>), validating again on the server and auditing every change.</summary>
public sealed class NotificationsService(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    AccessGuard guard,
    IAuditLog audit,
    IValidator<TopicDraft> topicValidator,
    IValidator<NotificationConfigurationDraft> configurationValidator)
{
    public async Task<int> SaveTopicAsync(ClaimsPrincipal caller, TopicDraft draft, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.ConfigWrite, "topic.saved", "topic", draft.Code, cancellationToken);
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

        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(new AuditRecord(actor, before is null ? "topic.created" : "topic.updated", "topic", topic.Code,
            Details: AuditDiff.Between(before, Audited(topic))), cancellationToken);
        return topic.Id;
    }

    /// <param name="id">The configuration to change, or null for a new one.</param>
    public async Task<int> SaveConfigurationAsync(ClaimsPrincipal caller, int? id, NotificationConfigurationDraft draft, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.ConfigWrite, "notification-configuration.saved",
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
                ?? throw new KeyNotFoundException($"There is no notification configuration {id}.");
            before = Audited(configuration);
            configuration.Update(draft, topic);
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(new AuditRecord(actor, before is null ? "notification-configuration.created" : "notification-configuration.updated",
            "notification-configuration", configuration.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Details: AuditDiff.Between(before, Audited(configuration))), cancellationToken);
        return configuration.Id;
    }

    private static object Audited(Topic topic) => new { topic.Code, topic.Description, topic.Subject, topic.HtmlBody, topic.TextBody };

    private static object Audited(NotificationConfiguration c) => new
    {
        c.EntityType,
        c.EventType,
        c.FormProjection,
        c.System,
        c.Rule,
        Topic = c.Topic?.Code,
        Level = c.Level.ToString(),
        c.SendToIdentity,
        c.SendToManager,
        Usernames = string.Join(' ', c.RecipientUsernames),
        Roles = string.Join(' ', c.RecipientRoles),
        c.Disabled,
        c.Description,
    };
}
