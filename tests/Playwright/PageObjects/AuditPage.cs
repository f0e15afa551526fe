using Microsoft.Playwright;

namespace Switchboard.BrowserTests.PageObjects;

public sealed class AuditPage(IPage page)
{
    public ILocator Rows => page.GetByRole(AriaRole.Row);

    public Task OpenAsync(string? actor = null) =>
        page.GotoAsync(actor is null ? "/audit" : $"/audit?actor={Uri.EscapeDataString(actor)}");

    public ILocator Entry(string actor, string action) =>
        Rows.Filter(new() { HasText = actor }).Filter(new() { HasText = action });
}
