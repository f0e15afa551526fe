using System.Globalization;
using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

/// <summary>
/// Notifications ahead of a date (issue 17 §2) in the browser: a date watch made in the editor lists the dates it plans,
/// from identity events and from the directory, on the configuration's and the person's Coming up lists.
/// </summary>
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

    [Fact]
    public async Task DirectoryDateSavedThroughTheApi_ShowsOnThePersonsComingUpList_LinkedToItsConfiguration()
    {
        await new PortalShell(Page).SignInAsync("ada.admin");
        var keys = new ApiKeysPage(Page);
        await keys.OpenAsync();
        var secret = await keys.CreateAsync("HR feed for contract ends", "people:write");
        var notifications = new NotificationPages(Page);
        await notifications.CreateTopicAsync("e2e:contract-over", "{{ identity.username }}: contract over", "Your contract is over");
        await notifications.CreateDateWatchAsync("e2e:contract-over", "EAV:contractEnd", 7);
        var contractEnd = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(45);

        // Saving a person rings the date job, which plans the date the directory now holds.
        var response = await Rig.Api.PutAsync("/api/people/e2e.contracted", new()
        {
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = secret },
            DataObject = new
            {
                firstName = "Carla",
                lastName = "Contracted",
                email = "e2e.contracted@example.test",
                state = "VALID",
                attributes = new Dictionary<string, string> { ["contractEnd"] = Day(contractEnd) },
            },
        });
        Assert.Equal(200, response.Status);

        await Page.GotoAsync("/people/e2e.contracted");
        var planned = Page.GetByLabel("Coming up for this person").GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e:contract-over" });
        await Expect(planned).ToContainTextAsync(Day(contractEnd.AddDays(-7)));
        await Expect(planned).ToContainTextAsync("7 days before EAV:contractEnd");
        await planned.GetByRole(AriaRole.Link, new() { Name = "e2e:contract-over" }).ClickAsync();
        await Expect(Page.GetByLabel("Coming up for this configuration").GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e.contracted" }))
            .ToContainTextAsync(Day(contractEnd));
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
