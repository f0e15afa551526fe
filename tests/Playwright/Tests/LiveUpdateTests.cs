using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

/// <summary>Open pages follow changes made elsewhere (the change feed), without a reload.</summary>
public sealed class LiveUpdateTests(PortalRig rig) : BrowserTest(rig)
{
    [Fact]
    public async Task CheckMadeInAnotherSession_AppearsOnTheOpenDeploymentPage_WithoutReload()
    {
        await new PortalShell(Page).SignInAsync("otto.operator", "/listeners/listener-down");
        var checks = Page.GetByLabel("Checks").Locator("tbody tr");
        await Expect(checks.First).ToBeVisibleAsync();
        var before = await checks.CountAsync();
        var other = await OtherSessionAsync();
        await new PortalShell(other).SignInAsync("otto.operator", "/listeners/listener-down");

        await other.GetByRole(AriaRole.Button, new() { Name = "Check listener-down now" }).ClickAsync();

        await Expect(checks).ToHaveCountAsync(before + 1, new() { Timeout = 5_000 });
    }
}
