using PartnerSpace.Domain.Menu;

namespace PartnerSpace.Web.Features.Portal;

/// <summary>Addresses of the partner portal's pages.</summary>
public static class PortalRoutes
{
    public static string Home(Guid partnerId) => $"/partner/{partnerId}";

    public static string For(Guid partnerId, PageKind kind, string slug) =>
        kind == PageKind.Home ? Home(partnerId) : $"/partner/{partnerId}/{slug}";
}
