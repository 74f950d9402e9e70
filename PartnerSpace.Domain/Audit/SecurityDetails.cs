using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Audit;

/// <summary>How the log's details name things: one wording for every recording.</summary>
public static class SecurityDetails
{
    public static string Role(MemberRole role) => role switch
    {
        MemberRole.Administrator => "Administrator",
        MemberRole.SalesContact => "Sales contact",
        MemberRole.RegisteredAttendee => "Registered attendee",
        _ => role.ToString(),
    };
}
