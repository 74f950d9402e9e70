namespace PartnerSpace.Domain.Partners;

public enum ViewerKind
{
    Organizer,
    Person,
}

/// <summary>Who is looking: an organizer account or a person of an event (from the sign-in cookie).</summary>
public sealed record Viewer(ViewerKind Kind, Guid Id);

public enum PartnerAccess
{
    Allowed,
    Forbidden,
    NotFound,
}
