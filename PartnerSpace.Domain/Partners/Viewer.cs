using PartnerSpace.Domain.Audit;

namespace PartnerSpace.Domain.Partners;

public enum ViewerKind
{
    Organizer,
    Person,
}

/// <summary>Who is looking: an organizer account or a person of an event (from the sign-in cookie).</summary>
public sealed record Viewer(ViewerKind Kind, Guid Id)
{
    /// <summary>
    /// Where the viewer acts from, for the security log (issue 8): the web layer sets it where it
    /// knows it (the request, or the Blazor circuit's first request); unknown elsewhere.
    /// </summary>
    public RequestOrigin Origin { get; init; } = RequestOrigin.Unknown;
}

public enum PartnerAccess
{
    Allowed,
    Forbidden,
    NotFound,
}
