using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace PartnerSpace.Web.Shared;

/// <summary>
/// MudBlazor's look without its components, for the cells of long live lists (the Leads screen:
/// DESIGN §9, 2,000 open screens). Every component a row holds costs its circuit two render-tree
/// buffers (about 5 KB) for as long as the screen is open, and a 25-row page of MudTd, MudText,
/// MudChip, MudLink and MudTooltip with MudIconButton was about 480 of them. Those cells are plain
/// elements with the classes the components write (MudBlazor 9): they look the same and hold no
/// component.
/// </summary>
public static class LeanMarkup
{
    /// <summary>
    /// A small, non-interactive MudChip as markup of its parent (a fragment, not a component), with
    /// an optional Material icon before the text and a <c>data-testid</c> on the chip.
    /// </summary>
    public static RenderFragment Chip(string text, Color color = Color.Default, Variant variant = Variant.Filled, string? testId = null, string? icon = null) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "mud-chip-container");
        builder.OpenElement(2, "span");
        builder.AddAttribute(3, "class", $"mud-chip mud-chip-{Name(variant)} mud-chip-size-small mud-chip-color-{Name(color)}");
        if (testId is not null)
        {
            builder.AddAttribute(4, "data-testid", testId);
        }

        if (icon is not null)
        {
            builder.OpenElement(5, "svg");
            builder.AddAttribute(6, "class", "mud-icon-root mud-svg-icon mud-icon-size-small mud-chip-icon");
            builder.AddAttribute(7, "focusable", "false");
            builder.AddAttribute(8, "viewBox", "0 0 24 24");
            builder.AddAttribute(9, "aria-hidden", "true");
            builder.AddMarkupContent(10, icon);
            builder.CloseElement();
        }

        builder.OpenElement(11, "span");
        builder.AddAttribute(12, "class", "mud-chip-content");
        builder.AddContent(13, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    private static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
