using MudBlazor;

namespace Switchboard.Portal.Components;

/// <summary>
/// MudBlazor's own classes for what a list shows on every row — a link, a line of text, a caption, a status chip — so that
/// a row renders them as plain elements. A component per cell (<c>MudLink</c>, <c>MudText</c>, <c>MudChip</c>) lives as
/// long as its page is open, with two render trees each: 50 rows of them made an open Provisioning page hold about 400
/// components (issue 16, memory per open page). Buttons, check boxes and anything else a person acts on stay components.
/// </summary>
internal static class Cells
{
    public const string Link = "mud-typography mud-link mud-primary-text mud-link-underline-hover";
    public const string Text = "mud-typography mud-typography-body2";
    public const string Caption = "mud-typography mud-typography-caption";
    public const string ErrorCaption = "mud-typography mud-typography-caption mud-error-text";

    /// <summary>The classes of a small <c>MudChip</c> in <paramref name="color"/>; the text goes in a <c>mud-chip-content</c> span.</summary>
    public static string Chip(Color color, Variant variant = Variant.Filled) =>
        $"mud-chip mud-chip-{(variant == Variant.Outlined ? "outlined" : variant == Variant.Text ? "text" : "filled")} mud-chip-size-small mud-chip-color-{color.ToString().ToLowerInvariant()}";
}
