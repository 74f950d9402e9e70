using System.Text.Json;
using PartnerSpace.Domain.Common;

namespace PartnerSpace.Domain.Leads;

/// <summary>Stores a lead's tags as <c>|a|b|</c>: one column, and a tag filter is <c>LIKE '%|a|%'</c>.</summary>
public static class LeadTags
{
    public const char Separator = '|';

    public static IReadOnlyList<string> Parse(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split(Separator, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Cleans, de-duplicates (ignoring case) and joins tags; null when there are none.</summary>
    public static string? Format(IEnumerable<string>? tags)
    {
        var clean = Normalize(tags);
        return clean.Count == 0 ? null : Separator + string.Join(Separator, clean) + Separator;
    }

    /// <summary>Trimmed tags without separators, the first spelling of each kept.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string>? tags) =>
        (tags ?? [])
            .Select(t => Text.Clean(t?.Replace(Separator, ' ')))
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>The LIKE pattern that finds leads carrying <paramref name="tag"/>.</summary>
    public static string FilterPattern(string tag) => $"%{Separator}{tag.Trim()}{Separator}%";
}

/// <summary>Stores answers to qualification questions as JSON keyed by question id.</summary>
public static class LeadAnswers
{
    public static string? Serialize(IReadOnlyDictionary<Guid, string>? answers)
    {
        var kept = (answers ?? new Dictionary<Guid, string>())
            .Where(a => !string.IsNullOrWhiteSpace(a.Value))
            .ToDictionary(a => a.Key, a => a.Value.Trim());
        return kept.Count == 0 ? null : JsonSerializer.Serialize(kept);
    }

    public static IReadOnlyDictionary<Guid, string> Parse(string? stored) =>
        string.IsNullOrEmpty(stored)
            ? new Dictionary<Guid, string>()
            : JsonSerializer.Deserialize<Dictionary<Guid, string>>(stored) ?? [];
}
