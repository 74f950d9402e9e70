using MudBlazor;

namespace PartnerSpace.Web.Layout;

/// <summary>The one theme (DESIGN §3): the brand colours of wwwroot-assets/theme.</summary>
public static class PartnerSpaceTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4338CA",
            Secondary = "#0E7490",
            Tertiary = "#C2410C",
            AppbarBackground = "#312E81",
            Background = "#F7F7FB",
            DrawerBackground = "#FFFFFF",
            Success = "#15803D",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
