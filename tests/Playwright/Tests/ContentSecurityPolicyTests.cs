using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

public sealed class ContentSecurityPolicyTests(PortalRig rig) : BrowserTest(rig)
{
    [Fact]
    public async Task EveryPage_BecomesInteractive_WithoutAContentSecurityPolicyViolation()
    {
        var violations = new List<string>();
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        await Page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error(`Content Security Policy: ${e.violatedDirective} blocked ${e.blockedURI}`));");
        var shell = new PortalShell(Page);

        await shell.SignInAsync("ada.admin");
        foreach (var (link, heading) in new[]
        {
            ("People", "People"), ("Notifications", "Notifications"), ("Provisioning errors", "Provisioning errors"),
            ("Mattermost tokens", "Mattermost tokens"), ("ChatOps", "ChatOps"), ("Exchange Listeners", "Exchange Listeners"),
            ("Background jobs", "Background jobs"), ("API keys", "API keys"), ("Audit", "Audit"), ("Dashboard", "Dashboard"),
        })
        {
            // A click on the navigation is handled by the Blazor circuit: the heading changes only if the page is interactive.
            await shell.NavLink(link).ClickAsync();
            await Expect(shell.Heading).ToHaveTextAsync(heading);
        }

        await Page.ReloadAsync();
        await Expect(shell.SignedInUser).ToHaveTextAsync("ada.admin");
        Assert.Empty(violations);
    }
}
