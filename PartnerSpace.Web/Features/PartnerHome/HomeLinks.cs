using PartnerSpace.Domain.Home;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Web.Features.Portal;

namespace PartnerSpace.Web.Features.PartnerHome;

/// <summary>Which tab a Home element or a readiness area opens, and its icon.</summary>
public static class HomeLinks
{
    public static PageKind TabOf(HomeElement element) => element switch
    {
        HomeElement.LeadsCounter => PageKind.Leads,
        HomeElement.MeetingsCounter or HomeElement.PendingRequestsCounter => PageKind.Meetings,
        HomeElement.OpenTasksCounter => PageKind.Tasks,
        HomeElement.DocumentsToReadCounter => PageKind.Documents,
        _ => PageKind.Home,
    };

    public static PageKind TabOf(ReadinessArea area) => area switch
    {
        ReadinessArea.Profile => PageKind.Profile,
        ReadinessArea.Team => PageKind.Team,
        ReadinessArea.Tasks => PageKind.Tasks,
        ReadinessArea.Documents => PageKind.Documents,
        ReadinessArea.Sessions => PageKind.Sessions,
        _ => PageKind.Home,
    };

    /// <summary>The address of the partner's tab of that kind when the menu has it switched on; null otherwise.</summary>
    public static string? Href(Guid partnerId, IReadOnlyList<MenuEntry> menu, PageKind kind) =>
        kind == PageKind.Home ? null : menu.FirstOrDefault(m => m.Kind == kind && m.IsEnabled) is { } entry ? PortalRoutes.For(partnerId, kind, entry.Slug) : null;

    public static string IconOf(HomeElement element) => element switch
    {
        HomeElement.LeadsCounter => MudBlazor.Icons.Material.Outlined.QrCodeScanner,
        HomeElement.MeetingsCounter => MudBlazor.Icons.Material.Outlined.Handshake,
        HomeElement.PendingRequestsCounter => MudBlazor.Icons.Material.Outlined.MarkEmailUnread,
        HomeElement.OpenTasksCounter => MudBlazor.Icons.Material.Outlined.TaskAlt,
        HomeElement.DocumentsToReadCounter => MudBlazor.Icons.Material.Outlined.Description,
        _ => MudBlazor.Icons.Material.Outlined.Checklist,
    };
}
