using PartnerSpace.Domain.Data;

namespace PartnerSpace.Tests.Support;

/// <summary>Who opens a screen: a demo role signed in through <c>/demo/sign-in/{role}</c>, nobody, or Acme's scanning device.</summary>
public enum ScreenUser
{
    Anonymous,
    Organizer,
    PartnerAdmin,
    SalesContact,
    Attendee,
    Device,
}

/// <summary>
/// One screen of the product as a user reaches it. <paramref name="Phone"/>: staff and attendees use it
/// on a phone (the partner tabs, the scanner, the attendee space: issue 10, item 3), so it must fit 360 px.
/// <paramref name="Shot"/>: the README shows it (<c>docs/screenshots/{Name}.png</c>).
/// </summary>
public sealed record Screen(string Name, ScreenUser User, string Path, bool Phone = false, bool Shot = false)
{
    /// <summary>False while a phone screen still scrolls sideways at 360 px (docs/ACCESSIBILITY.md, known gaps): the sweep checks it still does.</summary>
    public bool FitsPhone { get; init; } = true;

    /// <summary>The path with the demo's ids filled in (<c>{acme}</c>: Acme's partner id).</summary>
    public string PathFor(Guid acmeId) => Path.Replace("{acme}", acmeId.ToString(), StringComparison.Ordinal);

    public override string ToString() => Name;
}

/// <summary>Every screen of the product (each <c>@page</c> a user can reach), in the demo event.</summary>
public static class ScreenCatalogue
{
    private const string Partner = "/partner/{acme}";

    public static IReadOnlyList<Screen> All { get; } =
    [
        // Public: the sign-in forms and the partner directory.
        new("sign-in", ScreenUser.Anonymous, "/sign-in", Phone: true),
        new("sign-in-link", ScreenUser.Anonymous, "/sign-in/link", Phone: true),
        new("directory", ScreenUser.Anonymous, $"/e/{DemoData.EventSlug}/partners", Phone: true, Shot: true),
        new("directory-partner", ScreenUser.Anonymous, $"/e/{DemoData.EventSlug}/partners/{{acme}}", Phone: true),
        new("not-found", ScreenUser.Anonymous, "/not-found", Phone: true),

        // The organizer's back office.
        new("organizer-partners", ScreenUser.Organizer, "/organizer", Shot: true),
        new("organizer-partner-team", ScreenUser.Organizer, "/organizer/partners/{acme}/team"),
        new("organizer-partner-access", ScreenUser.Organizer, "/organizer/partners/{acme}/access"),
        new("organizer-menu", ScreenUser.Organizer, "/organizer/menu", Shot: true),
        new("organizer-pages", ScreenUser.Organizer, "/organizer/pages"),
        new("organizer-home", ScreenUser.Organizer, "/organizer/home"),
        new("organizer-forms-profile", ScreenUser.Organizer, "/organizer/forms/profile"),
        new("organizer-forms-team", ScreenUser.Organizer, "/organizer/forms/team"),
        new("organizer-options", ScreenUser.Organizer, "/organizer/options"),
        new("organizer-tasks", ScreenUser.Organizer, "/organizer/tasks"),
        new("organizer-documents", ScreenUser.Organizer, "/organizer/documents"),
        new("organizer-sessions", ScreenUser.Organizer, "/organizer/sessions"),
        new("organizer-discounts", ScreenUser.Organizer, "/organizer/discounts"),
        new("organizer-attendees", ScreenUser.Organizer, "/organizer/attendees"),
        new("organizer-leads", ScreenUser.Organizer, "/organizer/leads"),
        new("organizer-live", ScreenUser.Organizer, "/organizer/live", Shot: true),
        new("organizer-readiness", ScreenUser.Organizer, "/organizer/readiness"),
        new("organizer-emails", ScreenUser.Organizer, "/organizer/emails"),
        new("organizer-outbox", ScreenUser.Organizer, "/organizer/outbox"),
        new("organizer-history", ScreenUser.Organizer, "/organizer/history"),
        new("organizer-security", ScreenUser.Organizer, "/organizer/security"),
        new("organizer-account", ScreenUser.Organizer, "/organizer/account"),

        // The partner space: every tab of the default menu, the Leads screen and its settings, badges.
        new("partner-home", ScreenUser.PartnerAdmin, Partner, Phone: true, Shot: true),
        new("partner-profile", ScreenUser.PartnerAdmin, $"{Partner}/profile", Phone: true),
        new("partner-team", ScreenUser.PartnerAdmin, $"{Partner}/team", Phone: true, Shot: true),
        new("partner-offers", ScreenUser.PartnerAdmin, $"{Partner}/offers", Phone: true),
        new("partner-tasks", ScreenUser.PartnerAdmin, $"{Partner}/tasks", Phone: true),
        new("partner-documents", ScreenUser.PartnerAdmin, $"{Partner}/documents", Phone: true),
        new("partner-sessions", ScreenUser.PartnerAdmin, $"{Partner}/sessions", Phone: true),
        new("partner-contacts", ScreenUser.PartnerAdmin, $"{Partner}/contacts", Phone: true),
        new("partner-meetings", ScreenUser.PartnerAdmin, $"{Partner}/meetings", Phone: true),
        new("partner-calendar", ScreenUser.PartnerAdmin, $"{Partner}/calendar", Phone: true),
        new("partner-discount-codes", ScreenUser.PartnerAdmin, $"{Partner}/discount-codes", Phone: true),
        new("partner-leads", ScreenUser.PartnerAdmin, $"{Partner}/leads", Phone: true, Shot: true),
        new("partner-lead-settings", ScreenUser.PartnerAdmin, $"{Partner}/leads/settings", Phone: true),
        new("partner-badges", ScreenUser.PartnerAdmin, $"{Partner}/badges", Phone: true),

        // A sales contact's business meetings, with the partner switcher (in the attendee space).
        new("sales-meetings", ScreenUser.SalesContact, "/attendee/business", Phone: true, Shot: true),

        // The attendee space.
        new("attendee-home", ScreenUser.Attendee, "/attendee", Phone: true),
        new("attendee-partners", ScreenUser.Attendee, "/attendee/partners", Phone: true, Shot: true),
        new("attendee-partner", ScreenUser.Attendee, "/attendee/partners/{acme}", Phone: true),
        new("attendee-business", ScreenUser.Attendee, "/attendee/business", Phone: true),
        new("attendee-meetings", ScreenUser.Attendee, "/attendee/meetings", Phone: true),
        new("attendee-calendar", ScreenUser.Attendee, "/attendee/calendar", Phone: true),
        new("attendee-contacts", ScreenUser.Attendee, "/attendee/contacts", Phone: true),
        new("attendee-messages", ScreenUser.Attendee, "/attendee/messages", Phone: true),

        // The stand's scanner (a device key, no account).
        new("scanner", ScreenUser.Device, $"/scan#key={DemoData.AcmeDeviceKey}", Phone: true, Shot: true),
    ];

    public static Screen Named(string name) => All.Single(s => s.Name == name);
}
