using Microsoft.Playwright;

namespace Switchboard.BrowserTests.PageObjects;

public sealed class AuditPage(IPage page)
{
    public ILocator Rows => page.GetByRole(AriaRole.Row);

    public Task OpenAsync(string? actor = null) =>
        page.GotoAsync(actor is null ? "/audit" : $"/audit?actor={Uri.EscapeDataString(actor)}");

    public Task OpenAboutAsync(string objectType, string objectId) =>
        page.GotoAsync($"/audit?objectType={Uri.EscapeDataString(objectType)}&objectId={Uri.EscapeDataString(objectId)}");

    /// <summary>Opens an entry's own page from its row (its time is the link).</summary>
    public Task OpenEntryAsync(string actor, string action) =>
        Entry(actor, action).First.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$") }).ClickAsync();

    public ILocator Entry(string actor, string action) =>
        Rows.Filter(new() { HasText = actor }).Filter(new() { HasText = action });
}
