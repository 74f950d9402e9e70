using System.Text;
using Microsoft.AspNetCore.Mvc;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Web.Auth;

namespace PartnerSpace.Web.Features.Team;

/// <summary>
/// S-1.5, S-2.3: a team's badges as files, for the partner's administrators and the organizers,
/// only while "Show badges" is on (404 otherwise, as for a member who has no badge).
/// </summary>
public static class BadgeEndpoints
{
    public static string PagePath(Guid partnerId) => $"/partner/{partnerId}/badges";

    public static string AllPath(Guid partnerId) => $"/partner/{partnerId}/badges.zip";

    public static string OnePath(Guid partnerId, Guid memberId) => $"/partner/{partnerId}/badges/{memberId}.svg";

    public static IEndpointRouteBuilder MapBadgeEndpoints(this IEndpointRouteBuilder app)
    {
        // The partner policy reads {PartnerId} from the route (ADR 0002): 403 to other people.
        app.MapGet("/partner/{PartnerId:guid}/badges/{MemberId:guid}.svg", OneAsync)
            .RequireAuthorization(Policies.PartnerAdmin)
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .ExcludeFromDescription();
        app.MapGet("/partner/{PartnerId:guid}/badges.zip", AllAsync)
            .RequireAuthorization(Policies.PartnerAdmin)
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> OneAsync(Guid partnerId, Guid memberId, HttpContext http, BadgeService badges)
    {
        if (await LoadAsync(partnerId, http, badges) is not { } team || team.Badges.FirstOrDefault(b => b.MemberId == memberId) is not { } badge)
        {
            return Results.NotFound();
        }

        NoStore(http);
        return Results.File(Encoding.UTF8.GetBytes(BadgeSvg.Render(badge, team.EventName.ForCurrentCulture())), "image/svg+xml", BadgeSvg.FileName(badge));
    }

    private static async Task<IResult> AllAsync(Guid partnerId, HttpContext http, BadgeService badges)
    {
        if (await LoadAsync(partnerId, http, badges) is not { Badges.Count: > 0 } team)
        {
            return Results.NotFound();
        }

        NoStore(http);
        return Results.File(BadgeSvg.Zip(team, team.EventName.ForCurrentCulture()), "application/zip", $"badges-{Slugs.From(team.PartnerName, 60)}.zip");
    }

    private static async Task<TeamBadges?> LoadAsync(Guid partnerId, HttpContext http, BadgeService badges) =>
        http.User.ToViewer() is { } viewer && (await badges.GetAsync(viewer, partnerId, http.RequestAborted)).Value is { } team ? team : null;

    // Names and badge codes: not for shared caches; and an SVG opened alone runs nothing.
    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
    }
}
