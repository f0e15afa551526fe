using Microsoft.AspNetCore.Components;
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

    [Inject] private IJSRuntime JS { get; set; } = default!;

    // Going to another page leaves an error behind.
    protected override void OnParametersSet()
    {
        _pageBoundary?.Recover();
        _shellBoundary?.Recover();
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
