using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.PageObjects;

/// <summary>The Notifications pages: topic and configuration editors, and the delivery log.</summary>
public sealed class NotificationPages(IPage page)
{
    public async Task CreateTopicAsync(string code, string subject, string text)
    {
        await page.GotoAsync("/notifications/topics/new");
        await page.GetByLabel("Code").FillAsync(code);
        await page.GetByLabel("Subject", new() { Exact = true }).FillAsync(subject);
        await page.GetByLabel("HTML body", new() { Exact = true }).FillAsync($"<p>{text}</p>");
        await page.GetByLabel("Text body", new() { Exact = true }).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notifications" })).ToBeVisibleAsync();
    }

    public async Task CreateConfigurationAsync(string rule, string topic)
    {
        await page.GotoAsync("/notifications/configurations/new");
        await page.GetByLabel("Rule", new() { Exact = true }).FillAsync(rule);
        await page.GetByLabel("Topic").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = topic, Exact = true }).ClickAsync();
        await page.GetByLabel("Send to the identity").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notifications" })).ToBeVisibleAsync();
    }

    public async Task CreateTopicWithMattermostMessageAsync(string code, string subject, string markdown)
    {
        await page.GotoAsync("/notifications/topics/new");
        await page.GetByLabel("Code").FillAsync(code);
        await page.GetByLabel("Subject", new() { Exact = true }).FillAsync(subject);
        await page.GetByLabel("Text body", new() { Exact = true }).FillAsync(subject);
        await page.GetByLabel("Mattermost message").FillAsync(markdown);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notifications" })).ToBeVisibleAsync();
    }

    /// <summary>Fills a new configuration that sends to the identity, choosing its channels; saving is the caller's.</summary>
    public async Task FillConfigurationAsync(string rule, string topic, bool email, bool directMessage, bool channelPost)
    {
        await page.GotoAsync("/notifications/configurations/new");
        await page.GetByLabel("Rule", new() { Exact = true }).FillAsync(rule);
        await page.GetByLabel("Topic").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = topic, Exact = true }).ClickAsync();
        await page.GetByLabel("Send to the identity").CheckAsync();
        var channels = page.GetByRole(AriaRole.Group, new() { Name = "Channels" });
        await channels.GetByLabel("E-mail").SetCheckedAsync(email);
        await channels.GetByLabel("Mattermost direct message").SetCheckedAsync(directMessage);
        await channels.GetByLabel("Mattermost channel post").SetCheckedAsync(channelPost);
    }

    /// <summary>Chooses how the open configuration editor delivers e-mail, by the option's text (e.g. "Digest: at set times (cron)").</summary>
    public async Task ChooseEmailDeliveryAsync(string option)
    {
        await page.GetByLabel("E-mail delivery").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    /// <summary>Creates a configuration that sends the topic to the identity <paramref name="days"/> before the date in <paramref name="attribute"/>.</summary>
    public async Task CreateDateWatchAsync(string topic, string attribute, int days)
    {
        await page.GotoAsync("/notifications/configurations/new");
        await page.GetByLabel("Topic").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = topic, Exact = true }).ClickAsync();
        await page.GetByLabel("Send to the identity").CheckAsync();
        await page.GetByLabel("Fire ahead of a date instead of on a change").CheckAsync();
        await page.GetByLabel("Date attribute").FillAsync(attribute);
        await page.GetByLabel("Days", new() { Exact = true }).FillAsync(days.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notifications" })).ToBeVisibleAsync();
    }

    /// <summary>Opens a saved configuration's editor from the configurations grid, by its topic.</summary>
    public async Task OpenConfigurationOfTopicAsync(string topic)
    {
        await page.GotoAsync("/notifications");
        var row = page.GetByLabel("Notification configurations").GetByRole(AriaRole.Row).Filter(new() { HasText = topic });
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Configuration \\d+$") })).ToBeVisibleAsync();
    }

    /// <summary>The open configuration's Coming up list.</summary>
    public ILocator ComingUp => page.GetByLabel("Coming up for this configuration");

    public ILocator WebhookUrl => page.GetByLabel("Incoming webhook URL");

    public async Task SaveConfigurationAsync() => await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

    /// <summary>Opens a saved configuration's editor from the configurations grid, by its rule.</summary>
    public async Task OpenConfigurationAsync(string rule)
    {
        await page.GotoAsync("/notifications");
        await page.GetByRole(AriaRole.Link, new() { Name = rule, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Configuration \\d+$") })).ToBeVisibleAsync();
    }

    /// <summary>Changes the rule in the open editor without saving, runs the backtest and returns its outcome.</summary>
    public async Task<ILocator> BacktestAsync(string rule)
    {
        await page.GetByLabel("Rule", new() { Exact = true }).FillAsync(rule);
        await page.GetByRole(AriaRole.Button, new() { Name = "Backtest", Exact = true }).ClickAsync();
        return page.GetByRole(AriaRole.Status, new() { Name = "Backtest outcome" });
    }

    public async Task<ILocator> DeliveryLogRowAsync(string recipient)
    {
        await page.GotoAsync("/notifications");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Delivery log" }).ClickAsync();
        return page.GetByRole(AriaRole.Row).Filter(new() { HasText = recipient });
    }
}
