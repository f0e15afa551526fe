using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

/// <summary>The page's state is in the address: links land on the right tab, a tab is a step Back returns from.</summary>
public sealed partial class UrlStateTests(PortalRig rig) : BrowserTest(rig)
{
    [Fact]
    public async Task DashboardDeliveryLogLink_OpensTheDeliveryLogTab_AndBackReturnsFromAnotherTab()
    {
        await new PortalShell(Page).SignInAsync("vera.viewer", "/");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Open the delivery log" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(DeliveryLogAddress());
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Delivery log" })).ToHaveAttributeAsync("aria-selected", "true");

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Topics" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(TopicsAddress());

        await Page.GoBackAsync();
        await Expect(Page).ToHaveURLAsync(DeliveryLogAddress());
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Delivery log" })).ToHaveAttributeAsync("aria-selected", "true");
    }

    [Fact]
    public async Task AuditFiltersAndPage_AreInTheAddress_SoAReloadOrASharedLinkShowsTheSameList()
    {
        await new PortalShell(Page).SignInAsync("ada.admin");
        var keys = new ApiKeysPage(Page);
        await keys.OpenAsync();
        var secret = await keys.CreateAsync("Audit paging probe", "config:read");
        for (var i = 0; i < 30; i++)
        {
            // Each refused call (the key lacks events:write) is one audit entry of this key.
            var refused = await Rig.Api.PostAsync("/api/events", new() { Headers = new Dictionary<string, string> { ["X-Api-Key"] = secret }, DataObject = new { } });
            Assert.Equal(403, refused.Status);
        }

        await Page.GotoAsync("/audit");
        var user = Page.GetByLabel("User", new() { Exact = true });
        await user.FillAsync("api-key:Audit paging");
        await Expect(Page).ToHaveURLAsync(new Regex(@"/audit\?actor=api-key%3AAudit%20paging$"));
        await Expect(Page.GetByText("1-25 of 30")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"&page=2$"));

        await Page.ReloadAsync();
        await Expect(Page.GetByText("26-30 of 30")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("User", new() { Exact = true })).ToHaveValueAsync("api-key:Audit paging");
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "api-key:Audit paging probe" })).ToHaveCountAsync(5);

        // A shared link hiding the refused calls' action leaves nothing of this key.
        await Page.GotoAsync("/audit?actor=api-key%3AAudit%20paging&hide=api.call");
        await Expect(Page.GetByText("No audit entries match these filters")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DeliveryLogAndEventsTabs_KeepTheirFiltersInTheAddress_AndDropThemOnAnotherTab()
    {
        await new PortalShell(Page).SignInAsync("vera.viewer", "/notifications?tab=delivery-log");

        await Page.GetByLabel("Recipient").FillAsync("nobody@");
        await Expect(Page).ToHaveURLAsync(new Regex(@"tab=delivery-log&recipient=nobody%40$"));
        await Page.ReloadAsync();
        await Expect(Page.GetByLabel("Recipient")).ToHaveValueAsync("nobody@");

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Events" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/notifications\?tab=events$"));
        await Page.GetByLabel("Show messages from the event queue that could not be read").CheckAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"tab=events&rejected=true$"));
        await Expect(Page.GetByLabel("Rejected events")).ToBeVisibleAsync();

        await Page.GoBackAsync();
        await Expect(Page.GetByLabel("Received events")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Show messages from the event queue that could not be read")).Not.ToBeCheckedAsync();
    }

    [GeneratedRegex(@"/notifications\?tab=delivery-log$")]
    private static partial Regex DeliveryLogAddress();

    [GeneratedRegex(@"/notifications\?tab=topics$")]
    private static partial Regex TopicsAddress();
}
