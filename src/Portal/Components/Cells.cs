using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Switchboard.Portal.Components;

/// <summary>
/// MudBlazor's own classes for what a list or a card shows over and over — a link, a line of text, a caption, a status
/// chip, an icon, the card itself — so that it renders them as plain elements. A component (<c>MudLink</c>,
/// <c>MudText</c>, <c>MudChip</c>, <c>MudIcon</c>, <c>MudCard</c>…) lives as long as its page is open, with two render trees
/// each: 50 rows of them made an open Provisioning page hold about 400 components (issue 16, memory per open page).
/// Buttons, check boxes and anything else a person acts on stay components.
/// </summary>
internal static class Cells
{
    public const string Link = "mud-typography mud-link mud-primary-text mud-link-underline-hover";
    public const string Text = "mud-typography mud-typography-body2";
    public const string Caption = "mud-typography mud-typography-caption";
    public const string ErrorCaption = "mud-typography mud-typography-caption mud-error-text";

    /// <summary>An outlined <c>MudCard</c>; its parts are <c>mud-card-header</c>, <c>mud-card-content</c> and <c>mud-card-actions</c> (each with <c>-padding</c>).</summary>
    public const string Card = "mud-paper mud-paper-outlined mud-card";

    /// <summary>A <c>MudIcon</c>: one of MudBlazor's <see cref="Icons"/> as an inline SVG, in <paramref name="classes"/> besides its own.</summary>
    public static MarkupString Icon(string icon, string classes = "mud-icon-size-medium") =>
        new($"<svg class=\"mud-icon-root mud-svg-icon {classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{icon}</svg>");

    /// <summary>The classes of a small <c>MudChip</c> in <paramref name="color"/>; the text goes in a <c>mud-chip-content</c> span.</summary>
    public static string Chip(Color color, Variant variant = Variant.Filled) =>
        $"mud-chip mud-chip-{(variant == Variant.Outlined ? "outlined" : variant == Variant.Text ? "text" : "filled")} mud-chip-size-small mud-chip-color-{color.ToString().ToLowerInvariant()}";
}
