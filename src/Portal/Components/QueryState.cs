using System.Globalization;
using Microsoft.AspNetCore.Components;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal.Components;

/// <summary>
/// The one way a page keeps its state (tab, filters, page, selected group) in the address, so that Back returns to it
/// and a link can be shared; pages read it back with <c>[SupplyParameterFromQuery]</c>. A step someone would go back to
/// (another tab, a group opened) is pushed; a refinement (a filter typed in) replaces the current entry.
/// </summary>
public sealed class QueryState(NavigationManager navigation)
{
    /// <summary>The query parameter an editor returns to after Save or Cancel.</summary>
    public const string ReturnUrlName = "returnUrl";

    /// <summary>The query parameter holding a grid's page, counted from 1 as people count pages; absent on the first.</summary>
    public const string PageName = "page";

    private const string DayFormat = "yyyy-MM-dd";

    /// <summary>A grid's page index (from 0) for the page number in the address.</summary>
    public static int PageIndex(int? pageFromAddress) => Math.Max(0, (pageFromAddress ?? 1) - 1);

    /// <summary>The page number to put in the address for a grid's page index: none for the first page.</summary>
    public static int? PageNumber(int pageIndex) => pageIndex <= 0 ? null : pageIndex + 1;

    /// <summary>A day as the address holds it (yyyy-MM-dd).</summary>
    public static string? DayText(DateTime? day) => day?.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>A day from the address (midnight UTC); anything else is no day.</summary>
    public static DateTime? Day(string? text) =>
        DateTime.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? day : null;

    /// <summary>Sets the values in the address as a new history entry (Back returns to the state before).</summary>
    public void Push(IReadOnlyDictionary<string, object?> values) => Navigate(values, replace: false);

    /// <summary>Sets the values in the address in place of the current entry.</summary>
    public void Replace(IReadOnlyDictionary<string, object?> values) => Navigate(values, replace: true);

    /// <summary>The current address relative to the portal (path and query), for a link back here.</summary>
    public string Here => "/" + navigation.ToBaseRelativePath(navigation.Uri);

    /// <summary><paramref name="href"/> carrying this page's address, so the editor it opens returns here.</summary>
    public string WithReturn(string href) =>
        $"{href}{(href.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{ReturnUrlName}={Uri.EscapeDataString(Here)}";

    /// <summary>Where an editor goes after Save or Cancel: the page it came from (a local path only), else <paramref name="list"/>.</summary>
    public static string ReturnTo(string? returnUrl, string list) =>
        string.IsNullOrEmpty(returnUrl) ? list : ReturnUrl.LocalOrRoot(returnUrl);

    private void Navigate(IReadOnlyDictionary<string, object?> values, bool replace)
    {
        var target = navigation.GetUriWithQueryParameters(values);
        if (!string.Equals(target, navigation.Uri, StringComparison.Ordinal))
        {
            navigation.NavigateTo(target, replace: replace);
        }
    }
}
