using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using MudBlazor.Interfaces;
using Switchboard.Domain.Access;
using Switchboard.Infrastructure.Access;

namespace Switchboard.Portal.Components.Layout;

/// <summary>The main menu: every page for everyone with a role; API keys and Sessions for Admins only.</summary>
public sealed partial class NavMenu
{
    private static readonly MenuEntry[] Everyone =
    [
        new(PageRoutes.Dashboard, Icons.Material.Filled.Dashboard, "Dashboard", NavLinkMatch.All),
        new(PageRoutes.Notifications, Icons.Material.Filled.NotificationsActive, "Notifications"),
        new(PageRoutes.MattermostTokens, Icons.Material.Filled.Key, "Mattermost tokens"),
        new(PageRoutes.Provisioning, Icons.Material.Filled.ErrorOutline, "Provisioning errors"),
        new(PageRoutes.ChatOps, Icons.Material.Filled.Forum, "ChatOps"),
        new(PageRoutes.Listeners, Icons.Material.Filled.MonitorHeart, "Exchange Listeners"),
        new(PageRoutes.People, Icons.Material.Filled.People, "People"),
        new(PageRoutes.BackgroundJobs, Icons.Material.Filled.Schedule, "Background jobs"),
        new(PageRoutes.Audit, Icons.Material.Filled.History, "Audit"),
    ];

    private static readonly MenuEntry[] AdminsToo =
    [
        .. Everyone,
        new(PageRoutes.ApiKeys, Icons.Material.Filled.Key, "API keys"),
        new(PageRoutes.Sessions, Icons.Material.Filled.Devices, "Sessions"),
    ];

    private IReadOnlyList<MenuEntry> Shown { get; set; } = Everyone;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The drawer the menu sits in (it closes on navigation while it covers the page).</summary>
    [CascadingParameter] private INavigationEventReceiver? Drawer { get; set; }

    protected override async Task OnParametersSetAsync() =>
        Shown = (await AuthenticationState).User.Has(PortalRole.Admin) ? AdminsToo : Everyone;

    private Task NavigatedAsync() => Drawer?.OnNavigation() ?? Task.CompletedTask;

    private sealed record MenuEntry(string Href, string Icon, string Text, NavLinkMatch Match = NavLinkMatch.Prefix);
}
