using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using Switchboard.Portal.Components.Shared;

namespace Switchboard.Portal.Components.Layout;

public sealed partial class MainLayout
{
    /// <summary>Where the browser keeps the person's choice of light or dark, so it survives reloads.</summary>
    public const string DarkModeKey = "switchboard.darkMode";

    private MudThemeProvider? _theme;
    private ElementReference _main;
    private bool _drawerOpen = true;
    private bool _darkMode;
    private PageErrorBoundary? _shellBoundary;
    private PageErrorBoundary? _pageBoundary;

    /// <summary>The signed-in person, asked once for the shell (search, badge, Sign out, incident strip); null when nobody is.</summary>
    private ClaimsPrincipal? _user;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    // Going to another page leaves an error behind.
    protected override async Task OnParametersSetAsync()
    {
        _pageBoundary?.Recover();
        _shellBoundary?.Recover();
        var user = (await AuthenticationState).User;
        _user = user.Identity?.IsAuthenticated == true ? user : null;
    }

    // The stored choice wins; at the first visit the operating system's setting decides.
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || _theme is null)
        {
            return;
        }

        var stored = await JS.InvokeAsync<string?>("localStorage.getItem", DarkModeKey);
        _darkMode = bool.TryParse(stored, out var chosen) ? chosen : await _theme.GetSystemDarkModeAsync();
        StateHasChanged();
    }

    private async Task ToggleDarkModeAsync()
    {
        _darkMode = !_darkMode;
        await JS.InvokeVoidAsync("localStorage.setItem", DarkModeKey, _darkMode ? "true" : "false");
    }

    private async Task SkipToMainAsync() => await _main.FocusAsync();
}
