using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.PageObjects;

public sealed class ApiKeysPage(IPage page)
{
    public ILocator CreateButton => page.GetByRole(AriaRole.Button, new() { Name = "Create API key" });

    public ILocator Row(string name) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });

    public Task OpenAsync() => page.GotoAsync("/api-keys");

    /// <summary>Creates a key through the dialog and returns the secret it shows once.</summary>
    public async Task<string> CreateAsync(string name, string scope)
    {
        await CreateButton.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("Name")).ToBeFocusedAsync();
        await dialog.GetByLabel("Name").FillAsync(name);
        await dialog.GetByLabel("Scopes").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = scope, Exact = true }).ClickAsync();
        await Expect(dialog.GetByLabel("Scopes")).ToHaveValueAsync(scope);

        // Close the drop-down the way a person does, by clicking elsewhere in the dialog, and wait until it has gone.
        await dialog.GetByText("Create API key", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = scope, Exact = true })).ToBeHiddenAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        var secretField = dialog.GetByLabel("New API key");
        await Expect(secretField).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^sbk_"));
        var secret = await secretField.InputValueAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        return secret;
    }

    public async Task RevokeAsync(string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(Row(name)).ToContainTextAsync("Revoked");
    }
}
