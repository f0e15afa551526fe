using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

public sealed class SignInTests(PortalRig rig) : BrowserTest(rig)
{
    [Fact]
    public async Task SignIn_ThroughTheIdentityProvider_LandsOnTheDashboardWithTheMappedRole()
    {
        var shell = new PortalShell(Page);

        await shell.SignInAsync("otto.operator");

        await Expect(shell.Heading).ToHaveTextAsync("Dashboard");
        await Expect(shell.Role).ToHaveTextAsync("Operator");
        Assert.StartsWith(Rig.PortalUrl, Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_EndsThePortalSessionAndTheProviderSession()
    {
        var shell = new PortalShell(Page);
        await shell.SignInAsync("vera.viewer");

        await shell.SignOutAsync();
        await new ProviderLoginPage(Page).ConfirmSignOutAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "You are signed out" })).ToBeVisibleAsync();
        await Page.GotoAsync("/");
        // Had the provider kept its session, the portal would have signed straight back in.
        await Expect(new ProviderLoginPage(Page).LoginField).ToBeVisibleAsync();
    }

    [Fact]
    public async Task UnmappedUser_SeesTheNoAccessPage_NotAnError()
    {
        await Page.GotoAsync("/");
        await new ProviderLoginPage(Page).SignInAsync("nora.norole");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "No access" })).ToBeVisibleAsync();
        await Expect(Page.GetByText("holds none of the groups")).ToBeVisibleAsync();
        Assert.EndsWith("/no-access?ReturnUrl=%2F&needs=Viewer", Page.Url, StringComparison.Ordinal);
    }
}
