using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Forms;

namespace PartnerSpace.Domain.Public;

/// <summary>The event a public page belongs to.</summary>
public sealed record PublicEvent(Guid Id, string Slug, LocalizedText Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZoneId);

/// <summary>A partner in the public directory: its name, category, logo and the start of its description.</summary>
public sealed record DirectoryEntry(Guid Id, string Name, string? Category, string? Description, Guid? LogoFileId)
{
    public string NameSlug => PublicAddress.NameSlug(Name);
}

/// <summary>
/// The public directory of an event: the partners matching the search and category (all when
/// neither is given), with every category for the filter and how many partners there are in all.
/// </summary>
public sealed record DirectoryListing(PublicEvent Event, IReadOnlyList<string> Categories, IReadOnlyList<DirectoryEntry> Partners, int Total);

/// <summary>
/// A public answer of the profile form. <see cref="Value"/> is the stored answer; a choice field
/// also gives its choices (both languages), an image its file.
/// </summary>
public sealed record PublicAnswer(FormField Field, string Value, IReadOnlyList<LocalizedText> Choices, Guid? ImageId);

/// <summary>A visible offer (S-2.4), in the partner's order.</summary>
public sealed record PublicOffer(Guid Id, string Title, string? Description, string? Link);

/// <summary>A sales contact shown on the public page (S-2.3): a name and a company, never an address.</summary>
public sealed record PublicContact(string Name, string? Company);

/// <summary>A session the partner hosts (S-2.7), with its speakers' names in order.</summary>
public sealed record PublicSession(Guid Id, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Room, string? Type, string? Description, IReadOnlyList<string> Speakers);

/// <summary>A partner's public page (S-2.2, S-2.4): its profile, visible offers, sales contacts and sessions.</summary>
public sealed record PublicPartnerPage(
    PublicEvent Event,
    Guid Id,
    string Name,
    string? Category,
    string? Description,
    Guid? LogoFileId,
    IReadOnlyList<PublicAnswer> Profile,
    IReadOnlyList<PublicOffer> Offers,
    IReadOnlyList<PublicContact> SalesContacts,
    IReadOnlyList<PublicSession> Sessions)
{
    public string NameSlug => PublicAddress.NameSlug(Name);
}

/// <summary>Where a partner's public page is, for links from the portal and the back office; null address for a test partner.</summary>
public sealed record PublicLink(Guid PartnerId, string EventSlug, string Name, bool IsTestPartner)
{
    public string? Address => IsTestPartner ? null : PublicAddress.Partner(EventSlug, PartnerId, Name);
}

/// <summary>
/// Addresses of the public pages. Partners have no slug of their own: the id makes the address,
/// the name after it makes it readable (and may change with the name; the id still finds the page).
/// </summary>
public static class PublicAddress
{
    public const int NameSlugMaxLength = 60;

    public static string Directory(string eventSlug) => $"/e/{eventSlug}/partners";

    public static string Partner(string eventSlug, Guid partnerId, string name) => $"/e/{eventSlug}/partners/{partnerId}/{NameSlug(name)}";

    public static string NameSlug(string name) => Slugs.From(name, NameSlugMaxLength);
}
