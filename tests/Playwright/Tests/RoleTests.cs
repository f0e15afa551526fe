using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

public sealed class RoleTests(PortalRig rig) : BrowserTest(rig)
{
    [Fact]
    public async Task Viewer_HasNoApiKeysEntry_AndIsToldTheApiKeysPageNeedsTheAdminRole()
    {
        var shell = new PortalShell(Page);
        await shell.SignInAsync("vera.viewer");
        await Expect(shell.NavLink("Audit")).ToBeVisibleAsync();
        await Expect(shell.NavLink("API keys")).ToHaveCountAsync(0);

        await Page.GotoAsync("/api-keys");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "No access" })).ToBeVisibleAsync();
        await Expect(Page.GetByText("with the Viewer role, but that page needs the Admin role")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Create API key" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Admin_SeesTheApiKeysEntry_AndItsCreateButton()
    {
        var shell = new PortalShell(Page);
        await shell.SignInAsync("ada.admin");

        await shell.NavLink("API keys").ClickAsync();

        await Expect(shell.Heading).ToHaveTextAsync("API keys");
        await Expect(new ApiKeysPage(Page).CreateButton).ToBeEnabledAsync();
    }

    [Fact]
    public async Task Viewer_SeesBackgroundJobsWithoutRunOrPauseButtons()
    {
        var shell = new PortalShell(Page);
        await shell.SignInAsync("vera.viewer");

        await shell.NavLink("Background jobs").ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Cell, new() { Name = "database-maintenance" }).First).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Run database-maintenance now" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Pause database-maintenance" })).ToHaveCountAsync(0);
    }
}
