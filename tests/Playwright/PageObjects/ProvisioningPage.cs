using Microsoft.Playwright;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.PageObjects;

/// <summary>The provisioning errors page: the envelope list, its filters and its bulk actions.</summary>
public sealed class ProvisioningPage(IPage page)
{
    public ILocator Rows(string account) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = account });

    /// <summary>Shown by Blazor when an error has ended the page's connection.</summary>
    public ILocator ConnectionLostNotice => page.Locator("#blazor-error-ui");

    public ILocator Snackbar => page.Locator(".mud-snackbar");

    /// <summary>Searches for an account's envelopes, reloading until the capture has stored <paramref name="count"/> of them.</summary>
    public Task SearchUntilAsync(string account, int count) =>
        page.ExpectAfterReloadsAsync($"{count} envelopes of {account} listed", async () =>
        {
            await page.GetByLabel("Search account").FillAsync(account);
            await Expect(Rows(account)).ToHaveCountAsync(count, new() { Timeout = SnapshotPages.TryMilliseconds });
        });

    public async Task SelectAllAsync(string account)
    {
        var rows = Rows(account);
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            await rows.Nth(i).GetByRole(AriaRole.Checkbox).CheckAsync();
        }
    }

    /// <summary>Archives the selected envelopes through the note dialog (no note).</summary>
    public async Task ArchiveSelectedAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
    }

    public async Task ShowStateAsync(string state)
    {
        await page.GetByLabel("State").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = state, Exact = true }).ClickAsync();
    }
}
