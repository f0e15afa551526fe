using System.Text.Json;
using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

public sealed class NotificationTests(PortalRig rig) : BrowserTest(rig)
{
    [Fact]
    public async Task TopicAndConfigurationMadeInTheUi_SendTheEmailForAnApiEvent_AndTheLogShowsItSent()
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
    }

    private async Task<JsonElement> WaitForMailAsync(string recipient)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Rig.MailUrl) };
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var mails = JsonDocument.Parse(await http.GetStringAsync("/api/email", TestContext.Current.CancellationToken)).RootElement;
            foreach (var mail in mails.EnumerateArray())
            {
                if (mail.GetProperty("to")[0].GetProperty("address").GetString() == recipient)
                {
                    return mail.Clone();
                }
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"No mail for {recipient} reached the SMTP server within 20 s.");
    }
}
