using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Access;
using Switchboard.Domain.Audit;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Audit;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Features.Audit;

namespace Switchboard.ComponentTests.Audit;

public sealed class AuditEntryPageTests : ComponentTestContext
{
    private const string Diff = """{"state":{"before":"VALID","after":"LEFT"}}""";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"switchboard-bunit-{Guid.NewGuid():N}.db");

    public AuditEntryPageTests()
    {
        Services.AddAuditedDatabase(_database);
        Services.AddScoped<AuditService>();
        SignInAs("vera.viewer", PortalRole.Viewer);
        using var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext();
        db.Database.Migrate();
    }

    private long Store(AuditRecord record, bool actorInDirectory)
    {
        using var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext();
        if (actorInDirectory)
        {
            var person = Person.Create(record.Actor.Name);
            person.Apply(new PersonDraft { Username = record.Actor.Name, Email = $"{record.Actor.Name}@example.test" }, null, [], DateTime.UtcNow);
            db.People.Add(person);
        }

        var entry = AuditEntry.From(record, new DateTime(2026, 11, 30, 9, 15, 0, DateTimeKind.Utc));
        db.AuditEntries.Add(entry);
        db.SaveChanges();
        return entry.Id;
    }

    private IRenderedComponent<AuditEntryPage> RenderPage(long id)
    {
        var page = Render<AuditEntryPage>(p => p.Add(c => c.Id, id));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[aria-label='Loading']")));
        return page;
    }

    [Fact]
    public void AChange_ShowsWhoAndWhen_LinksTheActorAndTheObject_AndReadsTheDiffAsSentences_WithTheJsonOneClickAway()
    {
        var id = Store(new AuditRecord(Actor.User("ada.admin"), "person.updated", "person", "sam.subject", Details: Diff), actorInDirectory: true);

        var page = RenderPage(id);

        Assert.Contains($"Audit entry {id}", page.Find("h1").TextContent, StringComparison.Ordinal);
        var facts = page.Find("[aria-label='Audit entry facts']").TextContent;
        Assert.Contains("2026-11-30 09:15:00 UTC", facts, StringComparison.Ordinal);
        Assert.Contains("person.updated", facts, StringComparison.Ordinal);
        Assert.Equal("/people/ada.admin", page.Find("a[aria-label='Person who acted']").GetAttribute("href"));
        Assert.Equal("/people/sam.subject", page.Find("a[aria-label='Object of the entry']").GetAttribute("href"));
        Assert.Equal("changed State from VALID to LEFT", page.Find("[aria-label='Changes'] div").TextContent);
        Assert.Empty(page.FindAll("[aria-label='Raw JSON']"));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "JSON").Click();

        Assert.Equal(Diff, page.Find("[aria-label='Raw JSON']").TextContent);
    }

    [Fact]
    public void AnActorTheDirectoryDoesNotKnow_AndAnObjectWithoutAPage_AreShownUnlinked()
    {
        var id = Store(new AuditRecord(Actor.ApiKey("exporter"), AuditActions.ApiCall, "endpoint", "/api/people", AuditResult.Denied, "scope people:read needed"), actorInDirectory: false);

        var page = RenderPage(id);

        Assert.Empty(page.FindAll("a[aria-label='Person who acted']"));
        Assert.Empty(page.FindAll("a[aria-label='Object of the entry']"));
        Assert.Contains("api-key:exporter (an API key)", page.Find("[aria-label='Audit entry facts']").TextContent, StringComparison.Ordinal);
        Assert.Contains("scope people:read needed", page.Find("[aria-label='Details']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownEntry_SaysThereIsNoSuchEntry()
    {
        var page = RenderPage(987_654);

        Assert.Contains("There is no such audit entry", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[aria-label='Audit entry facts']"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
