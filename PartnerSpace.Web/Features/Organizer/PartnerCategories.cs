using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Web.Features.Organizer;

/// <summary>The categories (tiers) in use among partners, for filters and suggestions.</summary>
public static class PartnerCategories
{
    public static IReadOnlyList<string> Of(IEnumerable<PartnerSummary> partners) =>
        [.. partners.Select(p => p.Category).OfType<string>()
            .Distinct(StringComparer.CurrentCultureIgnoreCase)
            .Order(StringComparer.CurrentCulture)];
}
