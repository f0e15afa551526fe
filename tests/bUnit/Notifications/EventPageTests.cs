using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Access;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
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
        SignInAs("vera.viewer", PortalRole.Viewer);
    }

    [Fact]
    public void RefusedIdentityEvent_ShowsWhatArrived_WhyTheDirectoryRefusedIt_AndTheMessagesItProduced()
    {
        long eventId, messageId;
        using (var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext())
        {
            db.Database.Migrate();
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
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
