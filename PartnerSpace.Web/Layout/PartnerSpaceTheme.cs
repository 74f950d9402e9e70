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
            // WCAG 2.2 AA (issue 10): every colour that carries text reaches 4.5:1 on white and on the
            // background, as text and as a filled chip's ground (MudBlazor's defaults are 2.2 to 3.7).
            Success = "#15803D",
            Error = "#B91C1C",
            Warning = "#B45309",
            Info = "#1D4ED8",
            TextSecondary = "rgba(0,0,0,0.64)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
