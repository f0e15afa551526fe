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

    /// <summary>
    /// A small <c>MudChip</c> as markup: its container, the chip in <paramref name="color"/> (with <paramref name="icon"/>
    /// before the text when given) and the text; <paramref name="label"/> becomes the chip's <c>aria-label</c>.
    /// </summary>
    public static RenderFragment Chip(string text, Color color, Variant variant = Variant.Filled, string? label = null, string? icon = null) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-chip-container");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", ChipClasses(color, variant));
        builder.AddAttribute(4, "aria-label", label);
        if (icon is not null)
        {
            builder.AddContent(5, Icon(icon, "mud-icon-size-small mud-chip-icon"));
        }

        builder.OpenElement(6, "span");
        builder.AddAttribute(7, "class", "mud-chip-content");
        builder.AddContent(8, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    private static string ChipClasses(Color color, Variant variant) =>
        $"mud-chip mud-chip-{(variant == Variant.Outlined ? "outlined" : variant == Variant.Text ? "text" : "filled")} mud-chip-size-small mud-chip-color-{color.ToString().ToLowerInvariant()}";
}
