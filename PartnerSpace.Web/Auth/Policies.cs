namespace PartnerSpace.Web.Auth;

public static class Policies
{
    /// <summary>An organizer account.</summary>
    public const string Organizer = "organizer";

    /// <summary>An administrator of the partner named by the route, or an organizer of its event.</summary>
    public const string PartnerAdmin = "partner-admin";

    /// <summary>A scanning device with its partner's key.</summary>
    public const string Device = "device";

    public const string SignInRateLimit = "sign-in";
}

/// <summary>The claims PartnerSpace puts in its sign-in cookie.</summary>
public static class PartnerSpaceClaims
{
    public const string Kind = "ps:kind";
    public const string OrganizerKind = "organizer";
    public const string PersonKind = "person";
    public const string Event = "ps:event";
    public const string Partner = "ps:partner";
    public const string DeviceKey = "ps:device-key";

    /// <summary>The account's security stamp at sign-in (Identity's claim name, for organizers and people alike).</summary>
    public const string SecurityStamp = "AspNet.Identity.SecurityStamp";
}
