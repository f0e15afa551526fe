using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Access;
using Switchboard.Domain.Audit;
using Switchboard.Domain.ChatOps;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Features.People;

namespace Switchboard.ComponentTests.People;

public sealed class PersonTimelineTests : ComponentTestContext
{
    private const string Username = "tina.timeline";
    private static readonly DateTime T0 = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"switchboard-bunit-{Guid.NewGuid():N}.db");
    private readonly long _messageId;

    public PersonTimelineTests()
    {
        Services.AddAuditedDatabase(_database);
        Services.AddScoped<PersonTimelineService>();
        SignInAs("vera.viewer", PortalRole.Viewer);

        using var db = NewContext();
        db.Database.Migrate();
        var person = Person.Create(Username);
        person.Apply(new PersonDraft { Username = Username, Email = "tina@example.test" }, null, [], T0);
        db.People.Add(person);
        var received = EntityEvent.Receive("ev-1", EntityTypes.IdmIdentity, EventTypes.Update, Username, Username, null, null, null, "{}", "test", T0);
        db.EntityEvents.Add(received);
        db.SaveChanges();
        var message = OutboxMessage.Queue(received.Id, 1, "t", NotificationLevel.Info, "tina@example.test", Username, "Your state changed", "h", "t", T0.AddMinutes(1));
        message.MarkFailed("550 mailbox unavailable", T0.AddMinutes(1), new Domain.Retries.RetrySchedule(5, TimeSpan.FromMinutes(1)));
        db.OutboxMessages.Add(message);
        for (var i = 0; i < 30; i++)
        {
            db.AuditEntries.Add(AuditEntry.From(new AuditRecord(Actor.User("ada.admin"), $"person.note-{i:00}", PeopleService.ObjectType, Username), T0.AddMinutes(2 + i)));
        }

        db.SaveChanges();
        _messageId = message.Id;
    }

    private SwitchboardDbContext NewContext() => Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext();

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<PersonTimeline> timeline) =>
        timeline.FindAll("[aria-label='Timeline entries'] tbody tr");

    [Fact]
    public void FirstPage_ShowsThe25NewestLines_NewestFirst_AndOffersLoadMore()
    {
        var timeline = Render<PersonTimeline>(p => p.Add(c => c.Username, Username));

        timeline.WaitForAssertion(() => Assert.Equal(PersonTimeline.PageSize, Rows(timeline).Count));
        Assert.Contains("person.note-29 by ada.admin", Rows(timeline)[0].TextContent, StringComparison.Ordinal);
        Assert.Single(timeline.FindAll("button"), b => b.TextContent.Trim() == "Load more");
    }

    [Fact]
    public void LoadMore_AppendsTheOlderLines_ToTheEnd_WithAFailedMessageLinkedToItsPage()
    {
        var timeline = Render<PersonTimeline>(p => p.Add(c => c.Username, Username));
        timeline.WaitForAssertion(() => Assert.Equal(PersonTimeline.PageSize, Rows(timeline).Count));

        timeline.FindAll("button").Single(b => b.TextContent.Trim() == "Load more").Click();

        timeline.WaitForAssertion(() => Assert.Equal(32, Rows(timeline).Count));
        Assert.DoesNotContain(timeline.FindAll("button"), b => b.TextContent.Trim() == "Load more");
        var message = Rows(timeline)[30];
        Assert.Contains("E-mail to them: Your state changed", message.TextContent, StringComparison.Ordinal);
        Assert.Contains("Failed", message.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/notifications/messages/{_messageId}", message.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Identity event UPDATE IdmIdentity", Rows(timeline)[31].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ModuleFilter_ShowsOnlyThatModule_AndMarksItsLinkCurrent()
    {
        var timeline = Render<PersonTimeline>(p => p.Add(c => c.Username, Username).Add(c => c.Module, "notifications"));

        timeline.WaitForAssertion(() => Assert.Single(Rows(timeline)));
        Assert.Contains("Your state changed", Rows(timeline)[0].TextContent, StringComparison.Ordinal);
        var current = timeline.Find("nav[aria-label='Timeline modules'] a[aria-current='true']");
        Assert.Equal("E-mails", current.TextContent.Trim());
        Assert.Equal($"/people/{Username}?module=Notifications", current.GetAttribute("href"));
    }

    [Fact]
    public void ANewLine_AppearsWithoutReload_WhenTheChangeFeedTellsOfIt()
    {
        var timeline = Render<PersonTimeline>(p => p.Add(c => c.Username, Username).Add(c => c.Module, "Audit"));
        timeline.WaitForAssertion(() => Assert.Equal(PersonTimeline.PageSize, Rows(timeline).Count));

        using (var db = NewContext())
        {
            db.AuditEntries.Add(AuditEntry.From(new AuditRecord(Actor.User("ada.admin"), "person.live", PeopleService.ObjectType, Username), T0.AddHours(1)));
            db.SaveChanges();
        }

        Services.GetRequiredService<ChangeFeed>().Publish(ChangeKind.AuditEntry);

        timeline.WaitForAssertion(() => Assert.Contains("person.live by ada.admin", Rows(timeline)[0].TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void AnAuditLine_OpensItsEntry_AndAChatOpsLine_OpensItsCall()
    {
        long callId, newestEntry;
        using (var db = NewContext())
        {
            var bridge = Bridge.Create(new BridgeSettings("helpdesk", ["112"], "https://glpi.example.test/apirest.php", 1, TicketType.Incident, null, null, null, null, true),
                new BridgeSecretsProtected(null, null, null), T0);
            db.Bridges.Add(bridge);
            db.SaveChanges();
            var call = BridgeCall.Receive(bridge.Id, new WebhookPost("t", "post-1", Username, null, "town-square", null, null, null, "112 printer jam", "112"), "112", "printer jam", T0);
            db.BridgeCalls.Add(call);
            db.SaveChanges();
            callId = call.Id;
            newestEntry = db.AuditEntries.Max(e => e.Id);
        }

        var audit = Render<PersonTimeline>(p => p.Add(c => c.Username, Username).Add(c => c.Module, "Audit"));
        var chatOps = Render<PersonTimeline>(p => p.Add(c => c.Username, Username).Add(c => c.Module, "ChatOps"));

        audit.WaitForAssertion(() => Assert.Equal($"/audit/{newestEntry}", Rows(audit)[0].QuerySelector("a")!.GetAttribute("href")));
        chatOps.WaitForAssertion(() => Assert.Equal($"/chatops/{callId}", Assert.Single(Rows(chatOps)).QuerySelector("a")!.GetAttribute("href")));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
