using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

public sealed class PeopleTests(PortalRig rig) : BrowserTest(rig)
{
    private const string BadFile = "username,email,manager,roles\ncsv.head,csv.head@example.test,,csv-nurses\ncsv.nurse,not-an-address,csv.head,csv-nurses\n";
    private const string FixedFile = "username,email,manager,roles\ncsv.head,csv.head@example.test,,csv-nurses\ncsv.nurse,csv.nurse@example.test,csv.head,csv-nurses\n";

    [Fact]
    public async Task CsvImport_WithABadRow_ShowsTheProblemAndIsRefusedUntilTheFileIsFixed()
    {
        await new PortalShell(Page).SignInAsync("ada.admin");
        var people = new PeoplePages(Page);
        await people.OpenImportAsync();

        await people.ChooseCsvAsync("people.csv", BadFile);

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("row 2: email 'not-an-address' is not an e-mail address");
        await Expect(people.ImportButton).ToBeDisabledAsync();

        await people.ChooseCsvAsync("people-fixed.csv", FixedFile);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await people.ImportButton.ClickAsync();

        await Expect(people.Heading).ToHaveTextAsync("People");
        await Expect(people.Link("csv.nurse")).ToBeVisibleAsync();
        await people.OpenAsync("csv.nurse");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "csv.head" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task EditPerson_AsAdmin_SavesTheChangeAndAuditsIt()
    {
        await new PortalShell(Page).SignInAsync("ada.admin");
        var people = new PeoplePages(Page);
        await people.CreateAsync("edit.me", "Before");
        await Expect(people.Heading).ToHaveTextAsync("Before");

        await people.RenameAsync("After");

        await Expect(people.Heading).ToHaveTextAsync("After");
        await Page.ReloadAsync();
        await Expect(people.Heading).ToHaveTextAsync("After");
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "person.updated" })).ToContainTextAsync("ada.admin");
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "person.created" })).ToContainTextAsync("ada.admin");
    }

    [Fact]
    public async Task Viewer_SeesNoImportOrNewPerson_AndIsRefusedTheirPages()
    {
        await new PortalShell(Page).SignInAsync("vera.viewer");
        await Page.GotoAsync("/people");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "People" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Import CSV" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "New person" })).ToHaveCountAsync(0);

        foreach (var path in new[] { "/people/import", "/people/new" })
        {
            await Page.GotoAsync(path);
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "No access" })).ToBeVisibleAsync();
        }
    }
}
