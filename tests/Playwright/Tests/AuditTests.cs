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
}
