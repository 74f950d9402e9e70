using PartnerSpace.Domain.Common;

namespace PartnerSpace.Domain.Menu;

/// <summary>S-1.3: the default tabs of S-2 are page kinds; organizers may add custom content pages.</summary>
public enum PageKind
{
    Home = 1,
    Profile = 2,
    Team = 3,
    Offers = 4,
    Tasks = 5,
    Documents = 6,
    Sessions = 7,
    Contacts = 8,
    Meetings = 9,
    Calendar = 10,
    DiscountCodes = 11,
    Leads = 12,
    Custom = 100,
}

/// <summary>A page of an event's partner space.</summary>
public sealed class Page
{
    public const int SlugMaxLength = 60;
    public const int TitleMaxLength = 120;
    public const int IntroductionMaxLength = 4000;
    public const int BodyMaxLength = 50_000;
    public const int HelpMaxLength = 2000;

    private Page()
    {
    }

    public Page(Guid eventId, PageKind kind, string slug, LocalizedText title)
    {
        EventId = eventId;
        Kind = kind;
        Slug = slug;
        Title = title;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    public PageKind Kind { get; private set; }

    /// <summary>The last segment of the page's address in the portal, unique per event.</summary>
    public string Slug { get; private set; } = "";

    public LocalizedText Title { get; private set; } = LocalizedText.Empty;

    public LocalizedText Introduction { get; private set; } = LocalizedText.Empty;

    /// <summary>A custom content page's text, in Markdown (sanitized when rendered).</summary>
    public LocalizedText Body { get; private set; } = LocalizedText.Empty;

    /// <summary>S-1.3: help the partner can open on the page (what to do here, whom to ask).</summary>
    public LocalizedText Help { get; private set; } = LocalizedText.Empty;

    public int Version { get; private set; }

    internal void EditTexts(LocalizedText title, LocalizedText introduction, LocalizedText body, LocalizedText help)
    {
        Title = title;
        Introduction = introduction;
        Body = body;
        Help = help;
        Version++;
    }
}
