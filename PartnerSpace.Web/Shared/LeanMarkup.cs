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
    /// <summary>The classes of a small, non-interactive MudChip; wrap it in a <c>mud-chip-container</c>.</summary>
    public static string Chip(Color color = Color.Default, Variant variant = Variant.Filled) =>
        $"mud-chip mud-chip-{Name(variant)} mud-chip-size-small mud-chip-color-{Name(color)}";

    private static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
