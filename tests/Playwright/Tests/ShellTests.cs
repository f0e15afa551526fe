using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

/// <summary>What every page shares: the app bar on a phone-width screen, the theme, the skip link, dialogs, unknown addresses.</summary>
public sealed class ShellTests(PortalRig rig) : BrowserTest(rig)
{
    [Fact]
    public async Task PhoneWidthWindow_KeepsSignOutOnScreen()
    {
        await Page.SetViewportSizeAsync(390, 844);
        var shell = new PortalShell(Page);
        await shell.SignInAsync("ada.admin", "/audit");

        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeInViewportAsync(new() { Ratio = 1 });
    }

    [Fact]
    public async Task DarkMode_ChosenOnce_IsStillOnAfterAReload()
    {
        var shell = new PortalShell(Page);
        await shell.SignInAsync("vera.viewer", "/audit");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();

        await Page.ReloadAsync();

        await Expect(shell.Heading).ToHaveTextAsync("Audit");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SkipLink_IsTheFirstStopOfThePage_AndMovesFocusIntoTheMainLandmark()
    {
        var shell = new PortalShell(Page);
        await shell.SignInAsync("vera.viewer", "/audit");
        await Expect(shell.Heading).ToHaveTextAsync("Audit");
        await Expect(Page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);

        // Start the keyboard from the top of the page, as a fresh tab does.
        await Page.EvaluateAsync("() => { document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex'); }");
        await Page.Keyboard.PressAsync("Tab");
        var skip = Page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Expect(skip).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
    }

    [Fact]
    public async Task CreateApiKeyDialog_FocusesItsNameField_SoWhatIsTypedAtOnceIsKept()
    {
        var shell = new PortalShell(Page);
        await shell.SignInAsync("ada.admin", "/api-keys");
        await new ApiKeysPage(Page).CreateButton.ClickAsync();
        var name = Page.GetByRole(AriaRole.Dialog).GetByLabel("Name");
        await Expect(name).ToBeFocusedAsync();

        await Page.Keyboard.TypeAsync("deploy-bot");

        await Expect(name).ToHaveValueAsync("deploy-bot");
    }

    [Fact]
    public async Task TypedInUnknownAddress_ShowsThePortalsNotFoundPage_WithA404()
    {
        var shell = new PortalShell(Page);
        await shell.SignInAsync("vera.viewer", "/audit");

        var response = await Page.GotoAsync("/no-such-page/anywhere");

        Assert.Equal(404, response!.Status);
        await Expect(shell.Heading).ToHaveTextAsync("Not found");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).Last).ToBeVisibleAsync();
    }

    [Fact]
    public async Task CtrlK_PutsTheCursorInTheSearch_AndAPersonFoundByPartOfTheirNameOpensTheirPage()
    {
        var shell = new PortalShell(Page);
        await shell.SignInAsync("ada.admin", "/people");
        var people = new PeoplePages(Page);
        await people.CreateAsync("search.target", "Quintessa");
        await Expect(people.Heading).ToHaveTextAsync("Quintessa");
        await shell.NavLink("Audit").ClickAsync();
        await Expect(shell.Heading).ToHaveTextAsync("Audit");

        await shell.OpenQuickSearchAsync();
        await Page.Keyboard.TypeAsync("INTESS");
        await Page.GetByText("Quintessa (search.target)").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/people/search.target$"));
    }
}
