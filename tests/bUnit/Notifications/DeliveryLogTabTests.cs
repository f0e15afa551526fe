using Bunit;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Switchboard.Domain.Access;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Features.Notifications;

namespace Switchboard.ComponentTests.Notifications;

public sealed class DeliveryLogTabTests : ComponentTestContext
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"switchboard-bunit-{Guid.NewGuid():N}.db");
    private readonly List<long> _ids = [];

    public DeliveryLogTabTests()
    {
        Services.AddAuditedDatabase(_database);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<IValidator<TopicDraft>>(new InlineValidator<TopicDraft>());
        Services.AddSingleton<IValidator<NotificationConfigurationDraft>>(new InlineValidator<NotificationConfigurationDraft>());
        Services.AddSingleton<JobRegistry>();
        Services.AddScoped<AccessGuard>();
        Services.AddScoped<NotificationTopicsService>();
        Services.AddScoped<DeliveryLogService>();
        SignInAs("otto.operator", PortalRole.Operator);

        using var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext();
        db.Database.Migrate();
        var now = DateTime.UtcNow;
        var messages = Enumerable.Range(1, 3).Select(i =>
        {
            var message = OutboxMessage.Queue(0, 0, "dl:topic", NotificationLevel.Info, $"p{i}@example.test", null, $"Subject {i}", "h", "t", now);
            message.MarkSent("250 OK", now);
            return message;
        }).ToList();
        db.OutboxMessages.AddRange(messages);
        db.SaveChanges();
        _ids.AddRange(messages.Select(m => m.Id));
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public void FirstLoad_WithMessagesListed_ResendAllShowsTheMatchingCountAndIsEnabled()
    {
        Render<MudPopoverProvider>();
        var tab = Render<DeliveryLogTab>();

        tab.WaitForAssertion(() => Assert.Equal(3, tab.FindAll("tbody tr").Count(r => r.TextContent.Contains("Subject", StringComparison.Ordinal))));
        tab.WaitForAssertion(() =>
        {
            var resendAll = tab.FindAll("button").Single(b => b.TextContent.Trim().StartsWith("Resend all", StringComparison.Ordinal));
            Assert.Equal("Resend all 3 matching", resendAll.TextContent.Trim());
            Assert.False(resendAll.HasAttribute("disabled"));
        });
    }

    [Fact]
    public async Task ResendOne_Cancelled_ResendsNothing()
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var tab = Render<DeliveryLogTab>();
        var label = $"button[aria-label='Resend message {_ids[0]}']";
        tab.WaitForAssertion(() => tab.Find(label));

        tab.Find(label).Click();
        dialogs.WaitForAssertion(() => Assert.Contains($"Send message {_ids[0]} again?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        await AssertNothingResentAsync();
    }

    [Fact]
    public async Task ResendSelected_Cancelled_ResendsNothing()
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var tab = Render<DeliveryLogTab>();
        tab.WaitForAssertion(() => Assert.Equal(3, tab.FindAll("tbody tr input[type=checkbox]").Count));

        tab.FindAll("tbody tr input[type=checkbox]")[0].Change(true);
        tab.FindAll("tbody tr input[type=checkbox]")[1].Change(true);
        tab.WaitForAssertion(() => Assert.Single(tab.FindAll("button"), b => b.TextContent.Trim() == "Resend 2 selected"));
        tab.FindAll("button").Single(b => b.TextContent.Trim() == "Resend 2 selected").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Send the 2 selected messages again?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        await AssertNothingResentAsync();
    }

    private async Task AssertNothingResentAsync()
    {
        Assert.Empty(Services.AuditTrail());
        await using var db = await Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(Ct);
        Assert.All(await db.OutboxMessages.ToListAsync(Ct), m => Assert.Equal(MessageStatus.Sent, m.Status));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
