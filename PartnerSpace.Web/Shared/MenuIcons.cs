using MudBlazor;

namespace PartnerSpace.Web.Shared;

/// <summary>Maps the menu's symbolic icon names (stored data) to Material icons.</summary>
public static class MenuIcons
{
    /// <summary>The names an organizer can choose from in the menu editor.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["home", "profile", "team", "offers", "tasks", "documents", "sessions", "contacts", "meetings", "calendar", "discount", "leads", "page"];

    public static string For(string? name) => name switch
    {
        "home" => Icons.Material.Outlined.Home,
        "profile" => Icons.Material.Outlined.Storefront,
        "team" => Icons.Material.Outlined.Groups,
        "offers" => Icons.Material.Outlined.LocalOffer,
        "tasks" => Icons.Material.Outlined.TaskAlt,
        "documents" => Icons.Material.Outlined.Description,
        "sessions" => Icons.Material.Outlined.CoPresent,
        "contacts" => Icons.Material.Outlined.Contacts,
        "meetings" => Icons.Material.Outlined.Handshake,
        "calendar" => Icons.Material.Outlined.CalendarMonth,
        "discount" => Icons.Material.Outlined.Discount,
        "leads" => Icons.Material.Outlined.QrCodeScanner,
        _ => Icons.Material.Outlined.Article,
    };
}
