using System.Text;
using Microsoft.Playwright;

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

    public Task ChooseCsvAsync(string name, string content) =>
        // MudFileUpload adds a fresh input after each choice; the newest one takes the next file.
        page.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload
        {
            Name = name,
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(content),
        });

    public async Task CreateAsync(string username, string firstName)
    {
        await page.GotoAsync("/people/new");
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
