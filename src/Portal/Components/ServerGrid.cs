using MudBlazor;
using Switchboard.Domain;

namespace Switchboard.Portal.Components;

/// <summary>The one way a page feeds a <see cref="MudDataGrid{T}"/> paged on the server and asks it to load again.</summary>
public static class ServerGrid
{
    /// <summary>A page of a feature service's list as the grid takes it.</summary>
    public static GridData<T> ToGridData<T>(this Paged<T> page) => new() { Items = page.Items, TotalItems = page.TotalCount };

    /// <summary>Loads the grid's current page again (after a filter changed or an action); nothing when the grid is not shown yet.</summary>
    public static Task ReloadAsync<T>(this MudDataGrid<T>? grid) => grid?.ReloadServerData() ?? Task.CompletedTask;
}
