using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Switchboard.Domain.Access;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.People;
using Switchboard.Domain.Retries;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Features.Notifications;

namespace Switchboard.ComponentTests.Notifications;

public sealed class MessagePageTests : ComponentTestContext
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"switchboard-bunit-{Guid.NewGuid():N}.db");
    private long _messageId;

    public MessagePageTests()
    {
        Services.AddAuditedDatabase(_database);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<JobRegistry>();
        Services.AddScoped<AccessGuard>();
        Services.AddScoped<DeliveryLogService>();
    }

    /// <summary>Signs in (before any service is read, as bUnit requires), then stores a dead message to a person in the directory.</summary>
    /// <param name="eventId">The message's event: null for the stored one, 0 for none (a date planned from the directory).</param>
    private void SignInAndSeed(string name, PortalRole role, long? eventId = null)
    {
        SignInAs(name, role);
        using var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext();
        db.Database.Migrate();
        var now = DateTime.UtcNow;
        var person = Person.Create("rita.recipient");
        person.Apply(new PersonDraft { Username = "rita.recipient", Email = "rita@example.test" }, null, [], now);
        db.People.Add(person);
        var source = EntityEvent.Receive("ev-message-page", EntityTypes.IdmIdentity, EventTypes.Update, "sam.subject", "sam.subject", null, null, null, "{}", "test", now);
        db.EntityEvents.Add(source);
        db.SaveChanges();
        var message = OutboxMessage.Queue(eventId ?? source.Id, 77, "identity:state-changed", NotificationLevel.Warning, "rita@example.test", null, "Sam left", "<p>h</p>", "t", now);
        message.MarkFailed("550 5.1.1 mailbox unavailable", now, new RetrySchedule(1, TimeSpan.FromMinutes(1)));
        db.OutboxMessages.Add(message);
        db.SaveChanges();
        _messageId = message.Id;
    }

    private IRenderedComponent<MessagePage> RenderPage()
    {
        Render<MudPopoverProvider>();
        var page = Render<MessagePage>(p => p.Add(c => c.Id, _messageId));
        page.WaitForAssertion(() => page.Find("h1"));
        return page;
    }

    [Fact]
    public void DeadMessage_LinksItsRecipientPersonAndEvent_AndShowsTheLastFailureHonestly()
    {
        SignInAndSeed("vera.viewer", PortalRole.Viewer);

        var page = RenderPage();

        Assert.Equal("/people/rita.recipient", page.Find("a[aria-label=\"Recipient's person\"]").GetAttribute("href"));
        Assert.Contains("ev-message-page", page.Find("a[aria-label='Source event']").TextContent, StringComparison.Ordinal);
        Assert.Contains("#77 (deleted since)", page.Markup, StringComparison.Ordinal);
        var attempts = page.Find("[aria-label='Delivery attempts']").TextContent;
        Assert.Contains("550 5.1.1 mailbox unavailable", attempts, StringComparison.Ordinal);
        Assert.Contains("no more attempts", attempts, StringComparison.Ordinal);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Resend");
    }

    [Fact]
    public void MessageOfADatePlannedFromTheDirectory_SaysItHasNoEvent_InsteadOfALostOne()
    {
        SignInAndSeed("vera.viewer", PortalRole.Viewer, eventId: 0);

        var page = RenderPage();

        Assert.Contains("none: a date watch planned it from the date the directory holds", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("is no longer stored", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("a[aria-label='Source event']"));
    }

    [Fact]
    public async Task Resend_AsOperator_AfterConfirmation_QueuesTheMessageAgainAndAuditsIt()
    {
        SignInAndSeed("otto.operator", PortalRole.Operator);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Resend").Click();
        dialogs.WaitForAssertion(() => Assert.Contains($"Send message {_messageId} again?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Resend").Click();

        page.WaitForAssertion(() => Assert.Contains("Pending", page.Find("h1").ParentElement!.TextContent, StringComparison.Ordinal));
        await using var db = await Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(MessageStatus.Pending, (await db.OutboxMessages.SingleAsync(m => m.Id == _messageId, Xunit.TestContext.Current.CancellationToken)).Status);
        var entry = Assert.Single(Services.AuditTrail());
        Assert.Equal((AuditActions.MessageResent, "otto.operator", _messageId.ToString(System.Globalization.CultureInfo.InvariantCulture)), (entry.Action, entry.Actor, entry.ObjectId));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
