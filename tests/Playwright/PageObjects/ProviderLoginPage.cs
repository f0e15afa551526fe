using Microsoft.Playwright;

namespace Switchboard.BrowserTests.PageObjects;

/// <summary>The test identity provider's development login form (any password works).</summary>
public sealed class ProviderLoginPage(IPage page)
{
    public ILocator LoginField => page.Locator("input[name=login]");

    public async Task SignInAsync(string login)
    {
        await LoginField.FillAsync(login);
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
    }

    public Task ConfirmSignOutAsync() =>
        page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
}
