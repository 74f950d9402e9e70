using PartnerSpace.Domain.Leads;

namespace PartnerSpace.Web.Features.Leads.Qualification;

/// <summary>What the qualification form edits, kept as typed until it is saved (a refused save loses nothing).</summary>
public sealed class LeadQualificationModel
{
    public LeadRating Rating { get; set; }

    public LeadFollowUp FollowUp { get; set; }

    public string? Notes { get; set; }

    public List<string> Tags { get; } = [];

    public Guid? OwnerPersonId { get; set; }

    public Dictionary<Guid, string?> Answers { get; } = [];

    /// <summary>The lead's version the form started from, so that a concurrent change is refused.</summary>
    public int? Version { get; set; }

    public static LeadQualificationModel From(LeadQualification q)
    {
        ArgumentNullException.ThrowIfNull(q);
        var model = new LeadQualificationModel
        {
            Rating = q.Rating,
            FollowUp = q.FollowUp,
            Notes = q.Notes,
            OwnerPersonId = q.OwnerPersonId,
            Version = q.Version,
        };
        model.Tags.AddRange(q.Tags);
        foreach (var (id, answer) in q.Answers)
        {
            model.Answers[id] = answer;
        }

        return model;
    }

    /// <summary>Adds a tag unless it is blank or already there (ignoring case); true when added.</summary>
    public bool AddTag(string? tag)
    {
        var clean = tag?.Trim();
        if (string.IsNullOrEmpty(clean) || Tags.Contains(clean, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        Tags.Add(clean);
        return true;
    }

    public LeadQualification ToDraft() => new(
        Rating,
        FollowUp,
        Notes,
        [.. Tags],
        OwnerPersonId,
        Answers.Where(a => !string.IsNullOrWhiteSpace(a.Value)).ToDictionary(a => a.Key, a => a.Value!),
        Version);
}
