using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

public sealed class AuditTests(PortalRig rig) : BrowserTest(rig)
{
    [Fact]
    public async Task AuditTrail_RecordsTheSignInAndTheApiKeyCreation()
    {
        await new PortalShell(Page).SignInAsync("ada.admin");
        var keys = new ApiKeysPage(Page);
        await keys.OpenAsync();
        await keys.CreateAsync("Audited key", "config:read");

        var audit = new AuditPage(Page);
        await audit.OpenAsync(actor: "ada.admin");

        await Expect(audit.Entry("ada.admin", "auth.sign-in").First).ToBeVisibleAsync();
        await Expect(audit.Entry("ada.admin", "api-key.created").Filter(new() { HasText = "Audited key" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AnEntryOpenedFromTheList_ReadsItsDifference_WithTheJsonOneClickAway_AndLinksItsObject()
    {
        var username = $"audited.{Guid.NewGuid():N}"[..18];
        await new PortalShell(Page).SignInAsync("ada.admin");
        var people = new PeoplePages(Page);
        await people.CreateAsync(username, "Aud");
        await Expect(people.Heading).ToHaveTextAsync("Aud");
        await people.RenameAsync("Audrey");
        await Expect(people.Heading).ToHaveTextAsync("Audrey");

        var audit = new AuditPage(Page);
        await audit.OpenAboutAsync("person", username);
        await audit.OpenEntryAsync("ada.admin", "person.updated");

        await Expect(Page).ToHaveURLAsync(new Regex(@"/audit/\d+$"));

        // The address changes before the entry's page replaces the list (whose rows have their own changes).
        await Expect(Page.GetByLabel("Audit entry facts")).ToContainTextAsync("person.updated");
        await Expect(Page.GetByLabel("Changes")).ToContainTextAsync("from Aud to Audrey");
        await Expect(Page.GetByLabel("Raw JSON")).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Button, new() { Name = "JSON" }).ClickAsync();
        await Expect(Page.GetByLabel("Raw JSON")).ToContainTextAsync("\"Audrey\"");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Object of the entry" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/people/{Regex.Escape(username)}$"));
    }

    [Fact]
    public async Task AnUnknownEntry_ShowsThatThereIsNoSuchEntry()
    {
        await new PortalShell(Page).SignInAsync("vera.viewer", "/audit/987654321");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Audit entry 987654321");
        await Expect(Page.GetByText("There is no such audit entry")).ToBeVisibleAsync();
    }
}
