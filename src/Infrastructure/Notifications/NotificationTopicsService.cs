using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>The topics (the e-mails configurations send): list, read, and save (Admin or <c>config:write</c>), validated again on the server and audited in the same transaction.</summary>
public sealed class NotificationTopicsService(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    AccessGuard guard,
    IValidator<TopicDraft> topicValidator)
{
    public async Task<IReadOnlyList<TopicRow>> TopicsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Topics.AsNoTracking().OrderBy(t => t.Code).Select(t => new TopicRow(t.Code, t.Description, t.Subject)).ToListAsync(cancellationToken);
    }

    public async Task<TopicDraft?> TopicAsync(string code, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var t = await db.Topics.AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, cancellationToken);
        return t?.ToDraft();
    }

    public async Task<int> SaveTopicAsync(ClaimsPrincipal caller, TopicDraft draft, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.ConfigWrite, AuditActions.TopicSaved, "topic", draft.Code, cancellationToken);
        await topicValidator.ValidateAndThrowAsync(draft, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var topic = await db.Topics.SingleOrDefaultAsync(t => t.Code == draft.Code, cancellationToken);
        if (topic is not null && string.IsNullOrWhiteSpace(draft.MattermostBody)
            && await db.NotificationConfigurations.AnyAsync(c => c.TopicId == topic.Id && (c.SendMattermostDirect || c.PostToMattermostChannel), cancellationToken))
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(draft.MattermostBody),
                "Configurations send this topic to Mattermost: keep a Mattermost message, or choose e-mail only in those configurations first.")]);
        }

        var before = topic is null ? null : Audited(topic);
        var email = new EmailTemplate(draft.Subject, draft.HtmlBody, draft.TextBody);
        if (topic is null)
        {
            topic = db.Topics.Add(Topic.Create(draft.Code, draft.Description, email, draft.MattermostBody, draft.Digest)).Entity;
        }
        else
        {
            topic.Update(draft.Description, email, draft.MattermostBody, draft.Digest);
        }

        db.Audit(new AuditRecord(actor, before is null ? AuditActions.TopicCreated : AuditActions.TopicUpdated, "topic", topic.Code,
            Details: AuditDiff.Between(before, Audited(topic))));
        await db.SaveChangesAsync(cancellationToken);
        return topic.Id;
    }

    private static object Audited(Topic topic) => new
    {
        topic.Code,
        topic.Description,
        topic.Subject,
        topic.HtmlBody,
        topic.TextBody,
        topic.MattermostBody,
        topic.DigestSubject,
        topic.DigestHtmlBody,
        topic.DigestTextBody,
    };
}
