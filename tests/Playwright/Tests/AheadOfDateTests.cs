using System.Globalization;
using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

/// <summary>Notifications ahead of a date (issue 17 §2) in the browser: a date watch made in the editor lists the dates it plans.</summary>
public sealed class AheadOfDateTests(PortalRig rig) : BrowserTest(rig)
{
    [Fact]
    public async Task DateWatchMadeInTheEditor_PlansTheDateOfAnIdentityEvent_AndItsComingUpListShowsIt()
    {
        await new PortalShell(Page).SignInAsync("ada.admin");
        var keys = new ApiKeysPage(Page);
        await keys.OpenAsync();
        var secret = await keys.CreateAsync("IdM forwarder for dates", "events:write");
        var notifications = new NotificationPages(Page);
        await notifications.CreateTopicAsync("e2e:contract-ends", "{{ identity.username }}: contract ends", "Your contract ends");
        await notifications.CreateDateWatchAsync("e2e:contract-ends", "validTill", 14);
        var validTill = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60);

        var response = await Rig.Api.PostAsync("/api/events", new()
        {
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = secret },
            DataObject = new
            {
                id = "e2e-date-1",
                entityType = "IdmIdentity",
                eventType = "UPDATE",
                entityId = "e2e-dated-guid",
                identity = "e2e.dated",
                before = new { attributes = new { state = "VALID", email = "e2e.dated@example.test" } },
                after = new { attributes = new { state = "VALID", email = "e2e.dated@example.test", validTill = Day(validTill) } },
            },
        });
        Assert.Equal(202, response.Status);

        await notifications.OpenConfigurationOfTopicAsync("e2e:contract-ends");
        var planned = notifications.ComingUp.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e.dated" });
        await Expect(planned).ToContainTextAsync(Day(validTill.AddDays(-14)));
        await Expect(planned).ToContainTextAsync(Day(validTill));
        await Expect(planned).ToContainTextAsync("14 days before validTill");
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
