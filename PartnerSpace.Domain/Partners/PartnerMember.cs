namespace PartnerSpace.Domain.Partners;

/// <summary>S-2.3: the role a person has in a partner's team.</summary>
public enum MemberRole
{
    /// <summary>Full access to the partner space.</summary>
    Administrator = 1,

    /// <summary>Shown on the public page, manages meetings from the attendee space; no partner space access.</summary>
    SalesContact = 2,

    /// <summary>A team member with a badge; no partner space access.</summary>
    RegisteredAttendee = 3,
}

/// <summary>Links a person to a partner with a role; a person may belong to several partners (S-3.2).</summary>
public sealed class PartnerMember
{
    private PartnerMember()
    {
    }

    public PartnerMember(Guid partnerId, Guid personId, MemberRole role, DateTimeOffset addedAt)
    {
        PartnerId = partnerId;
        PersonId = personId;
        Role = role;
        AddedAt = addedAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; private set; }

    public Guid PersonId { get; private set; }

    public MemberRole Role { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public Partner? Partner { get; private set; }

    public Person? Person { get; private set; }

    /// <summary>When this member last opened the partner space (S-1.1: "space opened or not").</summary>
    public DateTimeOffset? LastOpenedAt { get; private set; }

    /// <summary>S-1.5: the member's answers to the event's team form, one JSON object keyed by field id.</summary>
    public string AnswersJson { get; private set; } = "{}";

    internal void ChangeRole(MemberRole role) => Role = role;

    internal void ReplaceAnswers(string answersJson) => AnswersJson = answersJson;
}
