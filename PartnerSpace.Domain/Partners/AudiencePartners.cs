using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Partners;

/// <summary>A partner as an audience sees it: enough to tell whether it is in, and to name it.</summary>
public sealed record AudiencePartner(Guid Id, string Name, string? Category, bool IsTestPartner);

/// <summary>
/// The one audience resolution of tasks and documents (S-2.5, S-2.6): the event's partners are
/// read, and each audience is resolved against them when read, so a partner added later, or moved
/// to a category, sees what its audience includes.
/// </summary>
public static class AudiencePartners
{
    public const int CategoryMaxLength = Partner.CategoryMaxLength;

    /// <summary>Every partner of the event, by name.</summary>
    public static async Task<IReadOnlyList<AudiencePartner>> OfEventAsync(PartnerSpaceDbContext db, Guid eventId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Partners.AsNoTracking()
            .Where(p => p.EventId == eventId)
            .OrderBy(p => p.Name)
            .Select(p => new AudiencePartner(p.Id, p.Name, p.Category, p.IsTestPartner))
            .ToListAsync(ct);
    }

    /// <summary>The partners among <paramref name="partners"/> the audience includes.</summary>
    public static IReadOnlyList<AudiencePartner> In(this Audience audience, IEnumerable<AudiencePartner> partners)
    {
        ArgumentNullException.ThrowIfNull(audience);
        return [.. partners.Where(p => audience.Includes(p.Id, p.Category))];
    }

    /// <summary>Whether one partner is in the audience.</summary>
    public static bool Includes(this Audience audience, AudiencePartner partner)
    {
        ArgumentNullException.ThrowIfNull(audience);
        ArgumentNullException.ThrowIfNull(partner);
        return audience.Includes(partner.Id, partner.Category);
    }

    /// <summary>
    /// The audience as it is stored: categories trimmed and without duplicates, chosen partners
    /// only of this event. Null with a message when it would include nobody or is malformed.
    /// </summary>
    public static (Audience? Audience, string? Problem) Clean(Audience? audience, IReadOnlyList<AudiencePartner> partners)
    {
        ArgumentNullException.ThrowIfNull(partners);
        if (audience is null || !Enum.IsDefined(audience.Kind))
        {
            return (null, "Choose whom this is for.");
        }

        switch (audience.Kind)
        {
            case AudienceKind.Categories:
                var categories = (audience.Categories ?? []).Select(c => c?.Trim()).OfType<string>().Where(c => c.Length > 0)
                    .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                if (categories.Count == 0)
                {
                    return (null, "Choose at least one category.");
                }

                return categories.Any(c => c.Length > CategoryMaxLength)
                    ? (null, $"A category is at most {CategoryMaxLength} characters.")
                    : (Audience.OfCategories(categories), null);
            case AudienceKind.ChosenPartners:
                var known = partners.Select(p => p.Id).ToHashSet();
                var chosen = (audience.PartnerIds ?? []).Distinct().ToList();
                if (chosen.Count == 0)
                {
                    return (null, "Choose at least one partner.");
                }

                return chosen.Any(id => !known.Contains(id))
                    ? (null, "A chosen partner is no longer in this event: choose again.")
                    : (Audience.OfPartners(chosen), null);
            default:
                return (Audience.All, null);
        }
    }
}
