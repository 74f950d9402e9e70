namespace PartnerSpace.Domain.Leads;

/// <summary>The five categories of S-2.12 a lead may come from; a person can be in several.</summary>
[Flags]
public enum LeadSources
{
    None = 0,

    /// <summary>Scans: the team scanned the person's badge.</summary>
    Scan = 1,

    /// <summary>Contact sharing and messaging: the attendee shared their details, or the partner wrote to them.</summary>
    Sharing = 2,

    /// <summary>Sessions: registered to or present at one of the partner's sessions.</summary>
    Session = 4,

    /// <summary>Networking contacts: a member of the partner's staff added the person.</summary>
    Networking = 8,

    /// <summary>Meetings: the attendee asked the partner for a meeting.</summary>
    Meeting = 16,
}

/// <summary>What lets a partner see and export a person's contact details (S-2.12).</summary>
public enum LeadConsent
{
    /// <summary>No consent, or withdrawn: name and company only.</summary>
    None = 0,

    /// <summary>The attendee handed their badge over to be scanned.</summary>
    ScannedBadge = 1,

    /// <summary>The attendee chose to share their details with the partner.</summary>
    SharedContact = 2,

    /// <summary>The attendee accepted a partner's message asking to share them.</summary>
    AcceptedMessage = 3,
}

/// <summary>How promising the lead is.</summary>
public enum LeadRating
{
    None = 0,
    Cold = 1,
    Warm = 2,
    Hot = 3,
}

/// <summary>Where the partner's follow-up of the lead stands.</summary>
public enum LeadFollowUp
{
    New = 0,
    ToContact = 1,
    Contacted = 2,
    Opportunity = 3,
    Won = 4,
    NotInterested = 5,
}

/// <summary>A partner's qualification of a lead, as the screens and the API edit it.</summary>
/// <param name="Answers">Answers to the partner's questions by question id; empty answers are dropped.</param>
/// <param name="Version">The lead's version the editor started from; a stale one is refused.</param>
public sealed record LeadQualification(
    LeadRating Rating,
    LeadFollowUp FollowUp,
    string? Notes,
    IReadOnlyList<string> Tags,
    Guid? OwnerPersonId,
    IReadOnlyDictionary<Guid, string> Answers,
    int? Version = null)
{
    public static readonly LeadQualification Empty = new(LeadRating.None, LeadFollowUp.New, null, [], null, new Dictionary<Guid, string>());
}
