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

    [GeneratedRegex(@"/notifications\?tab=delivery-log$")]
    private static partial Regex DeliveryLogAddress();

    [GeneratedRegex(@"/notifications\?tab=topics$")]
    private static partial Regex TopicsAddress();
}
