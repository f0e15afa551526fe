using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.PageObjects;

/// <summary>What every page of the portal has: the app bar with the signed-in person and the navigation drawer.</summary>
public sealed class PortalShell(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator SignedInUser => page.GetByLabel("Signed-in user");
    public ILocator Role => page.GetByLabel("Role", new() { Exact = true });
    public ILocator Navigation => page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });

    public ILocator NavLink(string name) => Navigation.GetByRole(AriaRole.Link, new() { Name = name });

    /// <summary>Opens the portal, signs in through the identity provider, and waits for the Dashboard.</summary>
    public async Task SignInAsync(string login, string path = "/")
    {
        await page.GotoAsync(path);
        await new ProviderLoginPage(page).SignInAsync(login);
        await Expect(SignedInUser).ToHaveTextAsync(login);
    }

    /// <summary>
    /// Presses Ctrl+K until the quick search has the focus: the shortcut works once the page is interactive, and a page
    /// just loaded on a busy machine may not be yet.
    /// </summary>
    public async Task OpenQuickSearchAsync()
    {
        var box = page.GetByLabel("Quick search");
        for (var attempt = 1; ; attempt++)
        {
            await page.Keyboard.PressAsync("Control+k");
            try
            {
                await Expect(box).ToBeFocusedAsync(new() { Timeout = 1_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 30)
            {
            }
        }
    }

    public Task SignOutAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
}
