namespace PartnerSpace.Domain.Partners;

/// <summary>
/// S-2.2: a partner's answers to the profile form of S-1.4, one JSON object keyed by field id, so
/// answers survive the organizer reordering, renaming or removing fields.
/// </summary>
public sealed class PartnerProfile
{
    private PartnerProfile()
    {
    }

    public PartnerProfile(Guid partnerId) => PartnerId = partnerId;

    public Guid PartnerId { get; private set; }

    public string AnswersJson { get; private set; } = "{}";

    public DateTimeOffset? UpdatedAt { get; private set; }

    /// <summary>Grows by one per save; guards against two people saving over each other.</summary>
    public int Version { get; private set; }

    internal void Replace(string answersJson, DateTimeOffset at)
    {
        AnswersJson = answersJson;
        UpdatedAt = at;
        Version++;
    }
}
