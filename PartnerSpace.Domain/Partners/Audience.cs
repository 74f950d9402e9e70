using System.Text.Json;

namespace PartnerSpace.Domain.Partners;

/// <summary>Whom the organizer assigns a task or a document to (S-2.5, S-2.6).</summary>
public enum AudienceKind
{
    /// <summary>Every partner of the event, including those added later.</summary>
    AllPartners = 0,

    /// <summary>The partners of one or more categories (Gold, Startup…), including those added later.</summary>
    Categories = 1,

    /// <summary>Partners chosen one by one.</summary>
    ChosenPartners = 2,
}

/// <summary>
/// An assignment's audience, resolved when read: a partner added to the event or moved to a
/// category later sees what its audience includes. Stored as one JSON column.
/// </summary>
public sealed record Audience(AudienceKind Kind, IReadOnlyList<string> Categories, IReadOnlyList<Guid> PartnerIds)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Audience All { get; } = new(AudienceKind.AllPartners, [], []);

    public static Audience OfCategories(params IEnumerable<string> categories) => new(AudienceKind.Categories, [.. categories], []);

    public static Audience OfPartners(params IEnumerable<Guid> partnerIds) => new(AudienceKind.ChosenPartners, [], [.. partnerIds]);

    /// <summary>Whether the partner is in this audience; categories compare case-insensitively.</summary>
    public bool Includes(Guid partnerId, string? category) => Kind switch
    {
        AudienceKind.AllPartners => true,
        AudienceKind.Categories => category is not null && Categories.Contains(category, StringComparer.OrdinalIgnoreCase),
        AudienceKind.ChosenPartners => PartnerIds.Contains(partnerId),
        _ => false,
    };

    /// <summary>An audience that can include nobody (no category, no partner chosen) is invalid.</summary>
    public bool IsEmpty => Kind switch
    {
        AudienceKind.Categories => Categories.Count == 0,
        AudienceKind.ChosenPartners => PartnerIds.Count == 0,
        _ => false,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static Audience FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? All : JsonSerializer.Deserialize<Audience>(json, Json) ?? All;
}
