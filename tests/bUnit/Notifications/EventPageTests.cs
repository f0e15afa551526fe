using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Access;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Features.Notifications;

namespace Switchboard.ComponentTests.Notifications;

public sealed class EventPageTests : ComponentTestContext
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"switchboard-bunit-{Guid.NewGuid():N}.db");

    public EventPageTests()
    {
        Services.AddAuditedDatabase(_database);
        Services.AddScoped<ReceivedEventsService>();
        Services.AddNotificationEvaluation();
        Services.AddScoped<TestBenchService>();
        SignInAs("vera.viewer", PortalRole.Viewer);
    }

    [Fact]
    public void RefusedIdentityEvent_ShowsWhatArrived_WhyTheDirectoryRefusedIt_TheMessagesItProduced_AndEveryConfigurationsVerdict()
    {
        long eventId, messageId;
        using (var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext())
        {
            db.Database.Migrate();
            var topic = db.Topics.Add(Topic.Create("ev:left", null, new EmailTemplate("{{ identity.username }} left", "h", "t"))).Entity;
            var leftRule = new ConfigurationForm
            {
                EntityType = EntityTypes.IdmIdentity,
                EventType = EventTypes.Update,
                Rule = "state:VALID->LEFT",
                Topic = "ev:left",
                SendToIdentity = true,
            };
            db.NotificationConfigurations.Add(NotificationConfiguration.Create(leftRule.ToDraft(), topic));
            var now = DateTime.UtcNow;
            var received = EntityEvent.Receive("ev-page-1", EntityTypes.IdmIdentity, EventTypes.Update, "e-1", "sam.subject", null, null,
                """{"attributes":{"state":"VALID"}}""", """{"attributes":{"state":"LEFT"}}""", "idm", now);
            received.RecordDirectorySync(DirectorySyncState.Failed, "unknown manager 'nobody'", now);
            received.RecordEvaluation("configuration 3 fired", now);
            db.EntityEvents.Add(received);
            db.SaveChanges();
            var message = OutboxMessage.Queue(received.Id, 3, "identity:state-changed", NotificationLevel.Info, "boss@example.test", null, "Sam left", "h", "t", now);
            db.OutboxMessages.Add(message);
            db.SaveChanges();
            (eventId, messageId) = (received.Id, message.Id);
        }

        var page = Render<EventPage>(p => p.Add(c => c.Id, eventId));

        page.WaitForAssertion(() => Assert.Contains("ev-page-1", page.Find("h1").TextContent, StringComparison.Ordinal));
        Assert.Contains("LEFT", page.Find("[aria-label='State after']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Refused", page.Find("[aria-label='Directory outcome']").TextContent, StringComparison.Ordinal);
        Assert.Contains("unknown manager 'nobody'", page.Find("[aria-label='Directory outcome']").TextContent, StringComparison.Ordinal);
        Assert.Contains("configuration 3 fired", page.Find("[aria-label='Evaluation outcome']").TextContent, StringComparison.Ordinal);
        Assert.Equal("/people/sam.subject", page.Find("a[aria-label='Person the event is about']").GetAttribute("href"));
        var produced = page.Find("[aria-label='Messages produced'] tbody tr");
        Assert.Contains("Sam left", produced.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/notifications/messages/{messageId}", produced.QuerySelectorAll("a")[0].GetAttribute("href"));
        var verdict = page.Find("[aria-label='Verdicts of every configuration'] tbody tr");
        Assert.Contains("ev:left", verdict.TextContent, StringComparison.Ordinal);
        Assert.Contains("fires", verdict.TextContent, StringComparison.Ordinal);
        Assert.EndsWith($"?tab=test-bench&event={eventId}", page.FindAll("a").Single(a => a.TextContent.Contains("Open in test bench", StringComparison.Ordinal)).GetAttribute("href"), StringComparison.Ordinal);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
