using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Retries;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Portal.Auth;

namespace Switchboard.IntegrationTests.Notifications;

/// <summary>The code lists are validated on the server and changed only by the right role, with an audit trail.</summary>
public sealed class NotificationCodeListTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Topic_WithATemplateThatDoesNotParse_IsRefusedWithLineAndColumn()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var topics = scope.ServiceProvider.GetRequiredService<NotificationTopicsService>();

        var invalid = await Assert.ThrowsAsync<ValidationException>(() => topics.SaveTopicAsync(TestPeople.Admin,
            new TopicDraft("cl:broken", null, "ok", "<p>\n{% if level %}never closed</p>", "ok"), Ct));

        var error = Assert.Single(invalid.Errors);
        Assert.Equal(nameof(TopicDraft.HtmlBody), error.PropertyName);
        Assert.Contains("at line 2, column", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_WithABadRuleNoRecipientsAndASystemOnAnIdentity_ReportsEveryProblem()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var configurations = scope.ServiceProvider.GetRequiredService<NotificationConfigurationsService>();

        var invalid = await Assert.ThrowsAsync<ValidationException>(() => configurations.SaveConfigurationAsync(TestPeople.Admin, null,
            new NotificationConfigurationDraft { EntityType = "IdmIdentity", EventType = "UPDATE", System = "AD-main", Rule = "state:VALID", Topic = "x" }, Ct));

        var errors = invalid.Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage);
        Assert.Equal("expected '->' at column 12", errors["Rule"]);
        Assert.Contains("only to SysProvisioningOperation", errors["System"], StringComparison.Ordinal);
        Assert.Contains("at least one recipient", errors["Recipients"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_ChangesOnlyByAdmin_AndEveryChangeIsAudited()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var topics = scope.ServiceProvider.GetRequiredService<NotificationTopicsService>();
        var configurations = scope.ServiceProvider.GetRequiredService<NotificationConfigurationsService>();
        await topics.SaveTopicAsync(TestPeople.Admin, new TopicDraft("cl:topic", null, "s", "h", "t"), Ct);
        var draft = new NotificationConfigurationDraft { EntityType = "IdmIdentity", EventType = "UPDATE", Rule = "!", Topic = "cl:topic", SendToIdentity = true };

        await Assert.ThrowsAsync<AccessDeniedException>(() => configurations.SaveConfigurationAsync(TestPeople.Operator, null, draft, Ct));
        var id = await configurations.SaveConfigurationAsync(TestPeople.Admin, null, draft, Ct);
        await Assert.ThrowsAsync<AccessDeniedException>(() => configurations.SetDisabledAsync(TestPeople.Viewer, id, true, Ct));
        await configurations.SetDisabledAsync(TestPeople.Admin, id, true, Ct);

        Assert.True(Assert.Single((await configurations.ConfigurationsAsync(new ConfigurationQuery(), 0, 1000, Ct)).Items, c => c.Id == id).Disabled);
        await using var db = await portal.DbAsync();
        var actions = await db.AuditEntries.Where(e => e.ObjectType == "notification-configuration").Select(e => new { e.Action, e.Result }).ToListAsync(Ct);
        Assert.Contains(actions, a => a.Action == "notification-configuration.created" && a.Result == AuditResult.Success);
        Assert.Contains(actions, a => a.Action == "notification-configuration.disabled" && a.Result == AuditResult.Success);
        Assert.Equal(2, actions.Count(a => a.Result == AuditResult.Denied));
    }

    [Fact]
    public async Task Resend_ByOperator_QueuesTheMessageAgain_ByViewer_IsRefused()
    {
        long id;
        await using (var db = await portal.DbAsync())
        {
            var message = OutboxMessage.Queue(0, 0, "cl:topic", NotificationLevel.Info, "someone@example.test", null, "s", "h", "t", DateTime.UtcNow);
            message.MarkFailed("boom", DateTime.UtcNow, new RetrySchedule(1, TimeSpan.FromMinutes(1)));
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync(Ct);
            id = message.Id;
            Assert.Equal(MessageStatus.Dead, message.Status);
        }

        await using var scope = portal.Services.CreateAsyncScope();
        var deliveryLog = scope.ServiceProvider.GetRequiredService<DeliveryLogService>();
        await Assert.ThrowsAsync<AccessDeniedException>(() => deliveryLog.ResendAsync(TestPeople.Viewer, [id], Ct));
        Assert.Equal(1, await deliveryLog.ResendAsync(TestPeople.Operator, [id], Ct));

        await using var after = await portal.DbAsync();
        var resent = await after.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, Ct);
        Assert.NotEqual(MessageStatus.Dead, resent.Status);
        Assert.True(await after.AuditEntries.AnyAsync(e => e.Action == "message.resent" && e.Actor == "otto.operator", Ct));
    }
}
