using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

/// <summary>Provisioning envelopes end to end: the daemon simulator answers on a real RabbitMQ node, the portal captures and reruns.</summary>
public sealed class ProvisioningTests(PortalRig rig) : BrowserTest(rig)
{
    /// <summary>Sends a create request for an account the simulator answers with a 409, and opens its envelope.</summary>
    private async Task OpenConflictEnvelopeAsync(string login, string account)
    {
        await RabbitMqNode.SendRequestAsync(Rig.AmqpUri, "create",
            $$"""{"gram_account_uuid":"36a7e016-a300-4f52-85f4-6804dede6c6b","primary_email":"{{account}}","aliases":[]}""");
        await new PortalShell(Page).SignInAsync(login, "/provisioning");
        await Expect(Page.GetByLabel("Capture status")).ToContainTextAsync("Capturing from RabbitMQ");
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = account });
        await Page.ExpectAfterReloadsAsync($"the envelope of {account} listed", () => Expect(row.First).ToBeVisibleAsync(new() { Timeout = SnapshotPages.TryMilliseconds }));

        await row.First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(new PortalShell(Page).Heading).ToContainTextAsync("Envelope");
    }

    [Fact]
    public async Task Operator_ReadsTheGuidanceOfA409_RerunsIt_AndSeesItSucceed()
    {
        await OpenConflictEnvelopeAsync("otto.operator", PortalRig.ConflictOnceAccount);

        var guidance = Page.GetByLabel("Guidance");
        await Expect(guidance).ToContainTextAsync("Google account already registered in GrAM");
        await Expect(guidance).ToContainTextAsync("checks that this Google account belongs to this person");
        await Expect(Page.GetByLabel("Failure")).ToContainTextAsync("409");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Rerun", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Rerun" }).ClickAsync();

        var timeline = Page.GetByLabel("Timeline");
        await Expect(timeline).ToContainTextAsync("Rerun published", new() { Timeout = 15_000 });
        await Expect(timeline).ToContainTextAsync("Success reply", new() { Timeout = 30_000 });
        await Expect(Page.GetByText("Succeeded later").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task BulkArchive_CompletesWithTheProgressGone_ThePageStillResponds_AndAReloadKeepsItsFilters()
    {
        const string account = "bulk.archive@gadz.org";
        for (var i = 0; i < 3; i++)
        {
            await RabbitMqNode.PublishFailureReplyAsync(Rig.AmqpUri, account);
        }

        await new PortalShell(Page).SignInAsync("otto.operator", "/provisioning");
        var provisioning = new ProvisioningPage(Page);
        await provisioning.SearchUntilAsync(account, 3);
        await provisioning.SelectAllAsync(account);

        await provisioning.ArchiveSelectedAsync();

        await Expect(provisioning.Snackbar.Filter(new() { HasText = "archived" })).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Progress")).ToHaveCountAsync(0);
        await Expect(provisioning.Rows(account)).ToHaveCountAsync(0);

        // Still alive: the filter answers, and Blazor never reported a lost connection.
        await provisioning.ShowStateAsync("Archived");
        await Expect(provisioning.Rows(account)).ToHaveCountAsync(3);
        await Expect(provisioning.ConnectionLostNotice).ToBeHiddenAsync();

        // The search and the state are in the address: a reload shows the same list.
        await Page.ReloadAsync();
        await Expect(Page.GetByLabel("Search account")).ToHaveValueAsync(account);
        await Expect(provisioning.Rows(account)).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task Viewer_SeesTheEnvelope_ButNoRerun()
    {
        await OpenConflictEnvelopeAsync("vera.viewer", PortalRig.AddressTakenAccount);

        await Expect(Page.GetByLabel("Guidance")).ToContainTextAsync("Address already used at Google");
        await Expect(Page.GetByLabel("Original request")).ToContainTextAsync(PortalRig.AddressTakenAccount);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Rerun", Exact = true })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Resolve" })).ToHaveCountAsync(0);
    }
}
