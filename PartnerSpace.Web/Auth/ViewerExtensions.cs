using System.Security.Claims;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Web.Auth;

public static class ViewerExtensions
{
    /// <summary>The organizer or person behind a sign-in cookie; null when anonymous or a device.</summary>
    public static Viewer? ToViewer(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var kind = user.FindFirstValue(PartnerSpaceClaims.Kind);
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return null;
        }

        return kind switch
        {
            PartnerSpaceClaims.OrganizerKind => new Viewer(ViewerKind.Organizer, id),
            PartnerSpaceClaims.PersonKind => new Viewer(ViewerKind.Person, id),
            _ => null,
        };
    }

    /// <summary>The viewer acting from <paramref name="origin"/>, for what the security log records.</summary>
    public static Viewer? ToViewer(this ClaimsPrincipal user, RequestOrigin origin) =>
        user.ToViewer() is { } viewer ? viewer with { Origin = origin } : null;

    /// <summary>The signed-in organizer as the history records them; null when not an organizer or person.</summary>
    public static Actor? ToActor(this ClaimsPrincipal user) =>
        user.ToViewer() is { } viewer ? new Actor(viewer.Id, user.FindFirstValue(ClaimTypes.Name) ?? "") : null;

    /// <summary>The one acting, as the security log records them: organizer, person, device or anonymous.</summary>
    public static SecurityActor ToSecurityActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.FindFirstValue(ClaimTypes.Name) ?? user.FindFirstValue(ClaimTypes.Email) ?? "";
        if (user.FindFirstValue(PartnerSpaceClaims.DeviceKey) is { } key)
        {
            return new SecurityActor(SecurityActorKind.Device, Guid.TryParse(key, out var keyId) ? keyId : null, name);
        }

        return user.ToViewer() switch
        {
            { Kind: ViewerKind.Organizer } viewer => new SecurityActor(SecurityActorKind.Organizer, viewer.Id, name),
            { } viewer => new SecurityActor(SecurityActorKind.Person, viewer.Id, name),
            null => SecurityActor.Anonymous,
        };
    }

    /// <summary>Where a request comes from, for the security log.</summary>
    public static RequestOrigin ToOrigin(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new RequestOrigin(http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);
    }

    public static ClaimsPrincipal OrganizerPrincipal(OrganizerUser user, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Principal(authenticationType, user.Id, user.Email ?? "", string.IsNullOrEmpty(user.DisplayName) ? user.Email ?? "" : user.DisplayName, PartnerSpaceClaims.OrganizerKind, user.SecurityStamp);
    }

    public static ClaimsPrincipal PersonPrincipal(SignedInPerson person, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(person);
        var principal = Principal(authenticationType, person.PersonId, person.Email, person.FullName, PartnerSpaceClaims.PersonKind, person.SecurityStamp);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(PartnerSpaceClaims.Event, person.EventId.ToString()));
        return principal;
    }

    private static ClaimsPrincipal Principal(string authenticationType, Guid id, string email, string name, string kind, string? stamp)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, id.ToString()),
            new(ClaimTypes.Name, name),
            new(ClaimTypes.Email, email),
            new(PartnerSpaceClaims.Kind, kind),
        };
        if (stamp is not null)
        {
            claims.Add(new Claim(PartnerSpaceClaims.SecurityStamp, stamp));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }
}
