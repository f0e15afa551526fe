using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

/// <summary>A person's timeline: lines from every module, a module filter kept in the address, live, each line a link to its object.</summary>
public sealed class PersonTimelineTests(PortalRig rig) : BrowserTest(rig)
{
    [Fact]
    public async Task ChangeMadeInAnotherSession_AppearsOnTheFilteredTimeline_WithoutReload_AndItsLineOpensTheAuditEntry()
    {
        var username = $"timeline.{Guid.NewGuid():N}"[..20];
        await new PortalShell(Page).SignInAsync("ada.admin");
        var people = new PeoplePages(Page);
        await people.CreateAsync(username, "Tim");
        await Expect(people.Heading).ToHaveTextAsync("Tim");
        var lines = Page.GetByLabel("Timeline entries").Locator("tbody tr");
        await Expect(lines.Filter(new() { HasText = "person.created by ada.admin" })).ToHaveCountAsync(1);

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Timeline modules" }).GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/people/{Regex.Escape(username)}\\?module=Audit$"));

        var other = await OtherSessionAsync();
        await new PortalShell(other).SignInAsync("ada.admin", $"/people/{username}");
        await new PeoplePages(other).RenameAsync("Timothy");

        await Expect(lines.First).ToContainTextAsync("person.updated by ada.admin", new() { Timeout = 5_000 });
        await lines.First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/audit/\d+$"));
        await Expect(Page.GetByLabel("Audit entry facts")).ToContainTextAsync("person.updated");
        await Expect(Page.GetByLabel("Changes")).ToContainTextAsync("from Tim to Timothy");
    }
}
