using PartnerSpace.Domain.Common;

namespace PartnerSpace.Domain.Menu;

/// <summary>The default burger menu of a new event's partner space (S-2, S-1.7).</summary>
public static class DefaultMenu
{
    public sealed record Tab(PageKind Kind, string Slug, LocalizedText Label, string Icon, bool Enabled, bool InMenu);

    /// <summary>
    /// The default tabs in order. Discount codes has its page but no menu item (S-1.7: the
    /// organizer adds it); Leads is in the menu but off until the scan mailing goes out.
    /// </summary>
    public static IReadOnlyList<Tab> Tabs { get; } =
    [
        new(PageKind.Home, "home", new("Accueil", "Home"), "home", true, true),
        new(PageKind.Profile, "profile", new("Informations", "Information"), "profile", true, true),
        new(PageKind.Team, "team", new("Équipe", "Team"), "team", true, true),
        new(PageKind.Offers, "offers", new("Offres", "Offers"), "offers", true, true),
        new(PageKind.Tasks, "tasks", new("Tâches", "Tasks"), "tasks", true, true),
        new(PageKind.Documents, "documents", new("Documents", "Documents"), "documents", true, true),
        new(PageKind.Sessions, "sessions", new("Sessions", "Sessions"), "sessions", true, true),
        new(PageKind.Contacts, "contacts", new("Liste de contacts", "Contact list"), "contacts", true, true),
        new(PageKind.Meetings, "meetings", new("Rendez-vous", "Meetings"), "meetings", true, true),
        new(PageKind.Calendar, "calendar", new("Calendrier des rendez-vous", "Meeting calendar"), "calendar", true, true),
        new(PageKind.Leads, "leads", new("Leads", "Leads"), "leads", false, true),
        new(PageKind.DiscountCodes, "discount-codes", new("Codes promo", "Discount codes"), "discount", true, false),
    ];

    /// <summary>Creates the default pages and menu items of an event.</summary>
    public static (IReadOnlyList<Page> Pages, IReadOnlyList<MenuItem> Items) Create(Guid eventId)
    {
        var pages = new List<Page>();
        var items = new List<MenuItem>();
        foreach (var tab in Tabs)
        {
            var page = new Page(eventId, tab.Kind, tab.Slug, tab.Label);
            pages.Add(page);
            if (tab.InMenu)
            {
                items.Add(new MenuItem(eventId, page.Id, items.Count, tab.Label, tab.Icon, tab.Enabled));
            }
        }

        return (pages, items);
    }
}
