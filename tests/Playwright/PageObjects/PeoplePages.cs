using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.PageObjects;

/// <summary>The People pages: the directory, the CSV import, a person and the editor.</summary>
public sealed class PeoplePages(IPage page)
{
    public ILocator ImportButton => page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = false }).Filter(new() { HasText = "people" });
    public ILocator EditButton => page.GetByRole(AriaRole.Button, new() { Name = "Edit" });
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Link(string username) => page.GetByRole(AriaRole.Link, new() { Name = username, Exact = true });

    public Task OpenImportAsync() => page.GotoAsync("/people/import");

    public Task OpenAsync(string username) => page.GotoAsync($"/people/{username}");

    /// <summary>
    /// Chooses a CSV file and waits until the page has read it (it says what the file holds). A file chosen before the page is
    /// interactive goes unseen, so it is chosen again until the page says so.
    /// </summary>
    public async Task ChooseCsvAsync(string name, string content)
    {
        var read = page.GetByText(new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(name)}: "));
        for (var attempt = 1; ; attempt++)
        {
            // MudFileUpload adds a fresh input after each choice; the newest one takes the next file.
            await page.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload
            {
                Name = name,
                MimeType = "text/csv",
                Buffer = Encoding.UTF8.GetBytes(content),
            });
            try
            {
                await Expect(read).ToBeVisibleAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 6)
            {
            }
        }
    }

    public async Task CreateAsync(string username, string firstName)
    {
        await page.GotoAsync("/people/new");

        // The editor focuses Username once it has rendered; typing before that lands where the late focus takes it.
        await Expect(page.GetByLabel("Username")).ToBeFocusedAsync();
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("First name").FillAsync(firstName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
    }

    public async Task RenameAsync(string firstName)
    {
        await EditButton.ClickAsync();
        await page.GetByLabel("First name").FillAsync(firstName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
    }
}
