using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

public sealed class NotificationTests(PortalRig rig) : BrowserTest(rig)
{
    [Fact]
    public async Task TopicAndConfigurationMadeInTheUi_SendTheEmailForAnApiEvent_TheLogShowsItSent_AndTheEventOpensInTheTestBench()
    {
        await new PortalShell(Page).SignInAsync("ada.admin");
        var keys = new ApiKeysPage(Page);
        await keys.OpenAsync();
        var secret = await keys.CreateAsync("IdM event forwarder", "events:write");
        var notifications = new NotificationPages(Page);
        await notifications.CreateTopicAsync("e2e:left", "{{ identity.username }} left", "Goodbye {{ recipient.email }}");
        await notifications.CreateConfigurationAsync("state:VALID->LEFT", "e2e:left");

        var response = await Rig.Api.PostAsync("/api/events", new()
        {
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = secret },
            DataObject = new
            {
                id = "e2e-evt-1",
                entityType = "IdmIdentity",
                eventType = "UPDATE",
                entityId = "e2e-guid",
                identity = "e2e.leaver",
                before = new { attributes = new { state = "VALID", email = "e2e.leaver@example.test" } },
                after = new { attributes = new { state = "LEFT", email = "e2e.leaver@example.test" } },
            },
        });
        Assert.Equal(202, response.Status);

        var mail = await WaitForMailAsync("e2e.leaver@example.test");
        Assert.Equal("e2e.leaver left", mail.GetProperty("subject").GetString());
        var row = await notifications.DeliveryLogRowAsync("e2e.leaver@example.test");
        await Expect(row).ToContainTextAsync("Sent");
        await Expect(row).ToContainTextAsync("e2e-evt-1");
        await row.GetByRole(AriaRole.Link, new() { Name = "e2e.leaver left" }).ClickAsync();
        await Expect(Page.GetByLabel("Text body")).ToHaveTextAsync("Goodbye e2e.leaver@example.test");

        // The message links to the event it came from, which lists the messages it produced.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Source event" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("e2e-evt-1");
        await Expect(Page.GetByLabel("Messages produced")).ToContainTextAsync("e2e.leaver left");

        // The event's page says what every configuration makes of it, and the test bench opens with it filled in and run.
        var verdict = Page.GetByLabel("Verdicts of every configuration").GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e:left" });
        await Expect(verdict).ToContainTextAsync("fires");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Open in test bench" }).ClickAsync();
        await Expect(Page.GetByLabel("Event JSON (as POST /api/events takes it)")).ToHaveValueAsync(new Regex("e2e-evt-1"));
        await Expect(Page.GetByLabel("Dry run result").GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e:left" })).ToContainTextAsync("fires");
    }

    [Fact]
    public async Task ChannelChoiceInTheEditor_SendsAMattermostDirectMessageAndAChannelPost_AndTheWebhookIsOnlyHinted()
    {
        using var simulator = new HttpClient { BaseAddress = new Uri(Rig.MattermostUrl) };
        var ct = TestContext.Current.CancellationToken;
        (await simulator.PostAsJsonAsync("/simulator/users", new[] { new { username = "e2e.chat", email = "e2e.chat@example.test" } }, ct)).EnsureSuccessStatusCode();
        (await simulator.PostAsJsonAsync("/simulator/bots", new { username = "switchboard-bot", token = PortalRig.MattermostBotToken }, ct)).EnsureSuccessStatusCode();
        var hook = (await (await simulator.PostAsJsonAsync("/simulator/hooks", new { channel = "e2e-alerts" }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct))
            .GetProperty("id").GetString()!;
        await new PortalShell(Page).SignInAsync("ada.admin");
        var keys = new ApiKeysPage(Page);
        await keys.OpenAsync();
        var secret = await keys.CreateAsync("IdM forwarder for Mattermost", "events:write");
        var notifications = new NotificationPages(Page);
        await notifications.CreateTopicWithMattermostMessageAsync("e2e:chat", "{{ identity.username }} retired", "**{{ identity.username }}** retired");

        // A channel post needs its webhook: the editor says so and keeps the form.
        await notifications.FillConfigurationAsync("state:VALID->RETIRED", "e2e:chat", email: false, directMessage: true, channelPost: true);
        await notifications.SaveConfigurationAsync();
        await Expect(Page.GetByText("Give the incoming webhook's URL of the channel to post to.")).ToBeVisibleAsync();
        await notifications.WebhookUrl.FillAsync($"{Rig.MattermostUrl}/hooks/{hook}");
        await notifications.SaveConfigurationAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Notifications" })).ToBeVisibleAsync();

        var response = await Rig.Api.PostAsync("/api/events", new()
        {
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = secret },
            DataObject = new
            {
                id = "e2e-chat-1",
                entityType = "IdmIdentity",
                eventType = "UPDATE",
                entityId = "e2e-chat-guid",
                identity = "E2E.Chat",
                before = new { attributes = new { state = "VALID", email = "e2e.chat@example.test" } },
                after = new { attributes = new { state = "RETIRED", email = "e2e.chat@example.test" } },
            },
        });
        Assert.Equal(202, response.Status);

        var posts = await Eventually.MatchesAsync("the direct message and the channel post at the simulator", async () =>
            (await simulator.GetFromJsonAsync<JsonElement>("/simulator/posts", ct)).EnumerateArray()
                .Where(p => p.GetProperty("message").GetString() == "**E2E.Chat** retired").Select(p => p.Clone()).ToList(),
            found => found.Count == 2);
        Assert.Contains(posts, p => p.GetProperty("channel").GetString() == "e2e-alerts");
        Assert.Contains(posts, p => p.GetProperty("user").GetString() == "switchboard-bot");
        await Expect(await notifications.DeliveryLogRowAsync("@e2e.chat")).ToContainTextAsync("Mattermost DM");
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "E2E.Chat retired" }).Filter(new() { HasText = "Mattermost channel" })).ToContainTextAsync("Sent");

        // The grid names the channels; the editor shows only the webhook's hint, never the URL.
        await Page.GotoAsync("/notifications");
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "state:VALID->RETIRED" })).ToContainTextAsync("identity · by Mattermost DM, Mattermost channel post");
        await notifications.OpenConfigurationAsync("state:VALID->RETIRED");
        await Expect(Page.GetByText($"Stored: {Rig.MattermostUrl}/hooks/{hook[..4]}…")).ToBeVisibleAsync();
        await Expect(notifications.WebhookUrl).ToHaveValueAsync("");
        Assert.DoesNotContain(hook, await Page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigestChoiceInTheEditor_RefusesABadCron_KeepsTheScheduleAndTheDigestTemplate_AndTheGridNamesIt()
    {
        await new PortalShell(Page).SignInAsync("ada.admin");
        var notifications = new NotificationPages(Page);
        await notifications.CreateTopicAsync("e2e:digest", "{{ identity.username }} retired", "{{ identity.username }} retired");

        // The topic's digest e-mail, previewed with two sample changes before it is saved.
        await Page.GotoAsync("/notifications/topics/e2e:digest");
        await Page.GetByText("Digest e-mail", new() { Exact = true }).ClickAsync();
        await Page.GetByLabel("Digest subject").FillAsync("{{ count }} people retired");
        await Page.GetByLabel("Digest text body").FillAsync("{% for item in items %}{{ item.identity.username }} {% endfor %}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(Page.GetByText("Digest of two changes: 2 people retired")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Digest text preview")).ToHaveTextAsync("jan.novak jan.novak");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Notifications" })).ToBeVisibleAsync();

        await notifications.FillConfigurationAsync("state:VALID->PENSIONED", "e2e:digest", email: true, directMessage: false, channelPost: false);
        await notifications.ChooseEmailDeliveryAsync("Digest: at set times (cron)");
        await Page.GetByLabel("Cron expression").FillAsync("every morning");
        await notifications.SaveConfigurationAsync();
        await Expect(Page.GetByText("Give five cron fields, minute hour day month weekday")).ToBeVisibleAsync();
        await Page.GetByLabel("Cron expression").FillAsync("0 8 * * 1-5");
        await notifications.SaveConfigurationAsync();

        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "state:VALID->PENSIONED" })).ToContainTextAsync("digest at 0 8 * * 1-5");
        await notifications.OpenConfigurationAsync("state:VALID->PENSIONED");
        await Expect(Page.GetByLabel("Cron expression")).ToHaveValueAsync("0 8 * * 1-5");
        await Page.GotoAsync("/notifications/topics/e2e:digest");
        await Expect(Page.GetByLabel("Digest subject")).ToHaveValueAsync("{{ count }} people retired");
    }

    [Fact]
    public async Task MessageThatFailedWhileTheMailServerWasDown_IsResentByAnOperator_AndArrives()
    {
        var admin = await OtherSessionAsync();
        await new PortalShell(admin).SignInAsync("ada.admin");
        var keys = new ApiKeysPage(admin);
        await keys.OpenAsync();
        var secret = await keys.CreateAsync("IdM forwarder for resend", "events:write");
        var adminNotifications = new NotificationPages(admin);
        await adminNotifications.CreateTopicAsync("e2e:suspended", "{{ identity.username }} suspended", "Suspended: {{ recipient.email }}");
        await adminNotifications.CreateConfigurationAsync("state:VALID->SUSPENDED", "e2e:suspended");
        await Rig.StopSmtpServerAsync();
        try
        {
            var response = await Rig.Api.PostAsync("/api/events", new()
            {
                Headers = new Dictionary<string, string> { ["X-Api-Key"] = secret },
                DataObject = new
                {
                    id = "e2e-resend-1",
                    entityType = "IdmIdentity",
                    eventType = "UPDATE",
                    entityId = "e2e-resend",
                    identity = "e2e.resend",
                    before = new { attributes = new { state = "VALID", email = "e2e.resend@example.test" } },
                    after = new { attributes = new { state = "SUSPENDED", email = "e2e.resend@example.test" } },
                },
            });
            Assert.Equal(202, response.Status);
            await ExpectRowStatusAsync(new NotificationPages(admin), "e2e.resend@example.test", "Failed");
        }
        finally
        {
            await Rig.StartSmtpServerAsync();
        }

        await new PortalShell(Page).SignInAsync("otto.operator");
        var notifications = new NotificationPages(Page);
        var row = await notifications.DeliveryLogRowAsync("e2e.resend@example.test");
        await row.GetByRole(AriaRole.Button, new() { Name = "Resend message", Exact = false }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Resend", Exact = true }).ClickAsync();
        await Expect(Page.GetByText("1 message queued again.")).ToBeVisibleAsync();

        var mail = await WaitForMailAsync("e2e.resend@example.test");
        Assert.Equal("e2e.resend suspended", mail.GetProperty("subject").GetString());
        await ExpectRowStatusAsync(notifications, "e2e.resend@example.test", "Sent");
    }

    [Fact]
    public async Task Backtest_OfAnUnsavedRule_ShowsTheDifferenceFromTheSavedVersion_AndSavesNothing()
    {
        await new PortalShell(Page).SignInAsync("ada.admin");
        var keys = new ApiKeysPage(Page);
        await keys.OpenAsync();
        var secret = await keys.CreateAsync("IdM forwarder for backtest", "events:write");
        var notifications = new NotificationPages(Page);
        await notifications.CreateTopicAsync("e2e:backtest", "{{ identity.username }} code changed", "Code: {{ recipient.email }}");
        await notifications.CreateConfigurationAsync("EAV:bte2e:1->2", "e2e:backtest");
        foreach (var (who, to) in new[] { ("e2e.bt1", "2"), ("e2e.bt2", "3") })
        {
            var response = await Rig.Api.PostAsync("/api/events", new()
            {
                Headers = new Dictionary<string, string> { ["X-Api-Key"] = secret },
                DataObject = new
                {
                    id = $"e2e-bt-{who}",
                    entityType = "IdmIdentity",
                    eventType = "UPDATE",
                    entityId = $"guid-{who}",
                    identity = who,
                    before = new { attributes = new { email = $"{who}@example.test" }, eav = new { bte2e = "1" } },
                    after = new { attributes = new { email = $"{who}@example.test" }, eav = new { bte2e = to } },
                },
            });
            Assert.Equal(202, response.Status);
        }

        await notifications.OpenConfigurationAsync("EAV:bte2e:1->2");
        var outcome = await notifications.BacktestAsync("EAV:bte2e:CHANGED");

        await Expect(outcome).ToContainTextAsync("Difference: +1 events, +1 recipients");
        await Expect(outcome).ToContainTextAsync("e2e.bt2@example.test");
        await Page.GotoAsync("/notifications");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "EAV:bte2e:1->2", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "EAV:bte2e:CHANGED", Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Viewer_SeesNoEditToggleOrResend_AndIsRefusedTheEditors()
    {
        await new PortalShell(Page).SignInAsync("vera.viewer");
        await Page.GotoAsync("/notifications");

        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Configurations" })).ToBeVisibleAsync();
        // Each of these is on the page for the roles that may use it whatever the data (e.g. "Resend 0 selected").
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "New configuration" })).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Topics" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "New topic" })).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Delivery log" }).ClickAsync();
        await Expect(Page.GetByLabel("Recipient")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Resend", Exact = false })).ToHaveCountAsync(0);

        foreach (var path in new[] { "/notifications/configurations/new", "/notifications/topics/new" })
        {
            await Page.GotoAsync(path);
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "No access" })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task Operator_SeesResend_ButNotTheEditors()
    {
        await new PortalShell(Page).SignInAsync("otto.operator");
        await Page.GotoAsync("/notifications");

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Delivery log" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Resend 0 selected" })).ToBeDisabledAsync();
        await Page.GotoAsync("/notifications/topics/new");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "No access" })).ToBeVisibleAsync();
    }

    /// <summary>The delivery log shows a snapshot: it is opened again until the row reaches the status.</summary>
    private static async Task ExpectRowStatusAsync(NotificationPages notifications, string recipient, string status) =>
        await Eventually.MatchesAsync($"the delivery log row of {recipient} {status}", async () =>
        {
            var row = await notifications.DeliveryLogRowAsync(recipient);
            try
            {
                await Expect(row).ToContainTextAsync(status, new() { Timeout = SnapshotPages.TryMilliseconds });
                return null;
            }
            catch (PlaywrightException failed)
            {
                return failed.Message;
            }
        }, failure => failure is null);

    private async Task<JsonElement> WaitForMailAsync(string recipient)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Rig.MailUrl) };
        var mails = await Eventually.MatchesAsync($"a mail for {recipient} at the SMTP server", async () =>
            JsonDocument.Parse(await http.GetStringAsync("/api/email", TestContext.Current.CancellationToken)).RootElement
                .EnumerateArray().Where(mail => mail.GetProperty("to")[0].GetProperty("address").GetString() == recipient).Select(mail => mail.Clone()).ToList(),
            found => found.Count > 0);
        return mails[0];
    }
}
