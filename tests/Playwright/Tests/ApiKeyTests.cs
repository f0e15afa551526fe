using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

public sealed class ApiKeyTests(PortalRig rig) : BrowserTest(rig)
{
    [Fact]
    public async Task ApiKey_CreatedInTheUi_WorksUntilRevoked_ThenGets401()
    {
        await new PortalShell(Page).SignInAsync("ada.admin");
        var keys = new ApiKeysPage(Page);
        await keys.OpenAsync();

        var secret = await keys.CreateAsync("Browser test exporter", "audit:read");

        await Expect(keys.Row("Browser test exporter")).ToContainTextAsync("Active");
        await Expect(Page.GetByText(secret)).ToHaveCountAsync(0);
        var headers = new Dictionary<string, string> { ["X-Api-Key"] = secret };
        var allowed = await Rig.Api.GetAsync("/api/audit", new() { Headers = headers });
        Assert.Equal(200, allowed.Status);

        await keys.RevokeAsync("Browser test exporter");

        var refused = await Rig.Api.GetAsync("/api/audit", new() { Headers = headers });
        Assert.Equal(401, refused.Status);
        Assert.Contains("revoked", await refused.TextAsync(), StringComparison.Ordinal);
    }
}
