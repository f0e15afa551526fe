using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

/// <summary>Exchange Listeners: one deployment on the simulator, one on a closed port.</summary>
public sealed class ListenerTests(PortalRig rig) : BrowserTest(rig)
{
    private ILocator Card(string name) => Page.GetByLabel($"Deployment {name}");

    [Fact]
    public async Task UpAndDownDeployments_AreShown_AndCheckNowUpdatesTheCard()
    {
        await new PortalShell(Page).SignInAsync("otto.operator", "/listeners");

        await Expect(Card("listener-up").GetByLabel("State")).ToHaveTextAsync("Up");
        await Expect(Card("listener-up").GetByLabel("Replicas")).ToContainTextAsync("1 of 3 recommended replicas (120 active mailboxes): too few");
        var down = Card("listener-down");
        // Other tests in this rig check listener-down too, so its state before the click is unknown; its last check time is not.
        var lastCheckBefore = await down.GetByLabel("Last check").InnerTextAsync();

        await down.GetByRole(AriaRole.Button, new() { Name = "Check listener-down now" }).ClickAsync();
        await Expect(down.GetByLabel("Last check")).Not.ToHaveTextAsync(lastCheckBefore);
        await Expect(down.GetByLabel("State")).ToHaveTextAsync("Down");
        await Expect(down.GetByLabel("Last check")).ToContainTextAsync("no answer");

        // The Down ones alone, by a link that can be shared.
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Deployments by state" }).GetByRole(AriaRole.Link, new() { NameRegex = new("^Down \\(\\d+\\)$") }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/listeners\\?state=Down$"));
        await Expect(Card("listener-down")).ToBeVisibleAsync();
        await Expect(Card("listener-up")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheListShowsAHeartbeat_AndTheDeploymentPageItsLatencyAndStatesOverTheDay()
    {
        await new PortalShell(Page).SignInAsync("otto.operator", "/listeners");
        var up = Card("listener-up");
        await up.GetByRole(AriaRole.Button, new() { Name = "Check listener-up now" }).ClickAsync();
        await Expect(up.GetByRole(AriaRole.Img, new() { NameRegex = new("^Heartbeat of listener-up, last \\d+ checks: \\d+ Up") })).ToBeVisibleAsync();

        await up.GetByRole(AriaRole.Link, new() { Name = "listener-up" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Check listener-up now" }).ClickAsync();

        var lastDay = Page.GetByLabel("Last day");
        await Expect(lastDay.GetByLabel("Latency of listener-up")).ToBeVisibleAsync();
        await Expect(lastDay.GetByLabel("Latency scale")).ToContainTextAsync("Median and 95th percentile");
        await Expect(lastDay.GetByLabel("State timeline of listener-up").Locator("span.state-up").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SettingsHelper_ShowsTheExactCreatioValues()
    {
        await new PortalShell(Page).SignInAsync("vera.viewer", "/listeners/listener-up");

        var settings = Page.GetByLabel("Creatio settings");
        await Expect(settings.GetByRole(AriaRole.Textbox, new() { Name = "ExchangeListenerServiceUri" })).ToHaveValueAsync($"{Rig.ListenerUrl}/api/listeners");
        await Expect(settings.GetByRole(AriaRole.Textbox, new() { Name = "BpmonlineExchangeEventsEndpointUrl" }))
            .ToHaveValueAsync($"{Rig.ListenerUrl}/0/ServiceModel/ExchangeListenerService.svc/NewEmail");
        await Expect(settings.GetByLabel("Replica advice")).ToContainTextAsync("1 replica deployed, 3 recommended");
        await Expect(Page.GetByLabel("Status body")).ToContainTextAsync("Started");
    }
}
