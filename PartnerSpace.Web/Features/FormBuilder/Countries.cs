using System.Collections.Concurrent;
using System.Globalization;

namespace PartnerSpace.Web.Features.FormBuilder;

/// <summary>Countries for the Country field: ISO 3166 codes, named and sorted in the user's language.</summary>
public static class Countries
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<(string Code, string Name)>> ByCulture = new(StringComparer.Ordinal);

    public static IReadOnlyList<(string Code, string Name)> All()
    {
        var culture = CultureInfo.CurrentUICulture;
        return ByCulture.GetOrAdd(culture.Name, _ =>
        {
            var comparer = StringComparer.Create(culture, ignoreCase: true);
            return
            [
                .. CultureInfo.GetCultures(CultureTypes.SpecificCultures)
                    .Select(c => (Culture: c, Region: TryRegion(c.Name)))
                    .Where(x => x.Region is { TwoLetterISORegionName: [>= 'A' and <= 'Z', >= 'A' and <= 'Z'] })
                    .DistinctBy(x => x.Region!.TwoLetterISORegionName)
                    .Select(x => (x.Region!.TwoLetterISORegionName, RegionName(x.Culture) ?? x.Region.EnglishName))
                    .OrderBy(r => r.Item2, comparer),
            ];
        });
    }

    /// <summary>The country's name in the user's language, or the code itself when unknown.</summary>
    public static string NameOf(string? code) =>
        string.IsNullOrEmpty(code) ? "" : All().FirstOrDefault(c => c.Code == code).Name ?? code;

    /// <summary>
    /// RegionInfo names follow the OS or the region's own language; a culture's DisplayName is in
    /// the UI language ("allemand (Allemagne)"): its last parenthesised part is the region.
    /// </summary>
    private static string? RegionName(CultureInfo culture)
    {
        var name = culture.DisplayName;
        var open = name.LastIndexOf('(');
        if (open < 0 || !name.EndsWith(')'))
        {
            return null;
        }

        var inside = name[(open + 1)..^1];
        var region = inside[(inside.LastIndexOf(", ", StringComparison.Ordinal) + 1)..].Trim();
        return region.Length > 0 ? region : null;
    }

    private static RegionInfo? TryRegion(string culture)
    {
        try
        {
            return new RegionInfo(culture);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
