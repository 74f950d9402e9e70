using System.Globalization;
using Microsoft.AspNetCore.Identity;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Data;

/// <summary>
/// The demo event seeded into an empty database: a show happening today, 14 partners, 320
/// attendees with badges DEMO-0001 upwards, and scans from the morning. Demo mode only.
/// </summary>
public static partial class DemoData
{
    public const string EventSlug = "industrie-demain";
    public const string OrganizerEmail = "organizer@partnerspace.example";
    public const string OrganizerPassword = "Demo-Organizer-2026!";
    public const string AcmeName = "Acme";
    public const string AcmeAdminEmail = "claire.dubois@acme.example";
    public const string AcmeSalesContactEmail = "hugo.bernard@acme.example";
    public const string AttendeeEmail = "lea.moreau@attendee.example";
    public const string AcmeDeviceKey = "psk_demo_acme";
    public const string TestPartnerName = "Partenaire test";

    /// <summary>S-4: a partner whose space is still closed (it has an administrator).</summary>
    public const string ClosedPartnerName = "Pixel & Fils";

    /// <summary>S-4.1: a partner without an administrator: its space cannot be opened yet.</summary>
    public const string NoAdministratorName = "Terre & Mer Foods";
    public const int AttendeeCount = 320;

    private static readonly (string Name, string Category, string Domain, string Admin, string Sales)[] PartnerRows =
    [
        (AcmeName, "Gold", "acme.example", "Claire Dubois", "Hugo Bernard"),
        (TestPartnerName, "Test", "test-partner.example", "Camille Petit", "Louis Garnier"),
        ("Nordlys Énergie", "Gold", "nordlys.example", "Ingrid Halvorsen", "Mathis Roux"),
        ("Boulangeries Martin", "Silver", "martin.example", "Pierre Martin", "Chloé Faure"),
        ("Helix Biotech", "Silver", "helix.example", "Sarah Cohen", "Adam Lefèvre"),
        ("Orbital Data", "Silver", "orbital.example", "James Whitaker", "Inès Girard"),
        ("Atelier Lumière", "Exhibitor", "lumiere.example", "Manon Lambert", "Théo Bonnet"),
        ("Vélo Urbain", "Exhibitor", "velo-urbain.example", "Julien Mercier", "Emma Fontaine"),
        ("Quantum Logistics", "Exhibitor", "quantum.example", "Priya Raman", "Lucas Chevalier"),
        ("Maison Verte", "Exhibitor", "maison-verte.example", "Anaïs Robin", "Nathan Gauthier"),
        ("Cobalt Security", "Exhibitor", "cobalt.example", "Daniel Novak", "Sofia Perrin"),
        ("Pixel & Fils", "Startup", "pixel.example", "Lina Haddad", "Hugo Marchand"),
        ("Sirius Aerospace", "Gold", "sirius.example", "Olivier Blanc", "Zoé Clément"),
        ("Terre & Mer Foods", "Startup", "terre-mer.example", "Yasmine Benali", "Arthur Dupuis"),
    ];

    private static readonly string[] FirstNames =
    [
        "Léa", "Lucas", "Emma", "Gabriel", "Jade", "Louis", "Alice", "Raphaël", "Chloé", "Jules",
        "Inès", "Adam", "Sarah", "Arthur", "Lina", "Hugo", "Mila", "Paul", "Anna", "Noah",
        "Olivia", "James", "Sophie", "Thomas", "Amelia", "Oscar", "Charlotte", "Leo", "Grace", "Ethan",
    ];

    private static readonly string[] LastNames =
    [
        "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
        "Fournier", "Girard", "Andre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
        "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Evans", "Walker", "Wright", "Hughes", "Green",
    ];

    private static readonly string[] Companies =
    [
        "Airbus", "Michelin", "Decathlon", "Renault Group", "Schneider Electric", "Capgemini", "Saint-Gobain", "Thales",
        "Siemens", "Bosch", "Philips", "Volvo", "Ubisoft", "Doctolib", "BlaBlaCar", "Vinted", "Ledger", "Mirakl",
        "Université de Lyon", "CNRS", "Ville de Lyon", "Région Auvergne-Rhône-Alpes",
    ];

    public static async Task SeedAsync(PartnerSpaceDbContext db, UserManager<OrganizerUser> users, DateTimeOffset now, Files.FileStore? files = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        var random = new Random(2027);
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var today = TimeZoneInfo.ConvertTime(now, paris).Date;
        var opens = new DateTimeOffset(today.AddHours(8), paris.GetUtcOffset(today.AddHours(8)));

        var show = new Event(
            EventSlug,
            new LocalizedText("Salon Industrie de Demain", "Industry of Tomorrow Expo"),
            opens,
            opens.AddDays(2).AddHours(10),
            "Europe/Paris");
        show.MarkScanMailingSent(now.AddDays(-10));
        db.Events.Add(show);

        // Leads are numbered inside the transaction that records them (LeadBook).
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var (pages, items) = DefaultMenu.Create(show.Id);
        foreach (var item in items)
        {
            // The demo show is running: the scan mailing has gone out, so Leads is on (S-1.7).
            item.SetEnabled(true);
        }

        db.Pages.AddRange(pages);
        db.MenuItems.AddRange(items);

        var attendees = new List<(Person Person, Attendee Badge)>();
        for (var i = 1; i <= AttendeeCount; i++)
        {
            var first = i == 1 ? "Léa" : FirstNames[random.Next(FirstNames.Length)];
            var last = i == 1 ? "Moreau" : LastNames[random.Next(LastNames.Length)];
            var company = Companies[random.Next(Companies.Length)];
            var email = i == 1 ? AttendeeEmail : $"{Ascii(first)}.{Ascii(last)}{i}@attendee.example";
            var person = new Person(show.Id, email, first, last, company, i % 3 == 0 ? "en" : "fr");
            var badge = new Attendee(show.Id, person.Id, $"DEMO-{i:0000}", i % 10 == 0 ? "VIP" : "Visitor", opens.AddDays(-30 + (i % 25)));
            attendees.Add((person, badge));
        }

        db.People.AddRange(attendees.Select(a => a.Person));
        db.Attendees.AddRange(attendees.Select(a => a.Badge));

        var partners = new List<(Partner Partner, Person Admin, Person Sales)>();
        foreach (var row in PartnerRows)
        {
            var partner = new Partner(show.Id, row.Name, row.Category, row.Name == TestPartnerName, now.AddDays(-60));
            var admin = Member(show.Id, row.Admin, row.Domain);
            var sales = Member(show.Id, row.Sales, row.Domain);
            db.Partners.Add(partner);
            db.People.AddRange(admin, sales);
            // S-4.1: one partner has lost its administrator (its first person is only a team member now),
            // so opening its space is refused until the organizer names one.
            db.PartnerMembers.Add(new PartnerMember(partner.Id, admin.Id, row.Name == NoAdministratorName ? MemberRole.RegisteredAttendee : MemberRole.Administrator, now.AddDays(-50)));
            if (row.Name is not (NoAdministratorName or ClosedPartnerName))
            {
                // S-4: the other spaces were opened three weeks ago; one is still closed.
                partner.OpenSpace(now.AddDays(-21), "Nadia Organizer");
            }

            db.PartnerMembers.Add(new PartnerMember(partner.Id, sales.Id, MemberRole.SalesContact, now.AddDays(-45)));
            partners.Add((partner, admin, sales));
        }

        // Acme's sales contact also sells for the test partner (S-3.2: the partner dropdown) and
        // is registered to the event (S-3.1); the other sales contacts are not yet.
        var acme = partners[0];
        db.PartnerMembers.Add(new PartnerMember(partners[1].Partner.Id, acme.Sales.Id, MemberRole.SalesContact, now.AddDays(-40)));
        db.Attendees.Add(new Attendee(show.Id, acme.Sales.Id, $"DEMO-{AttendeeCount + 1:0000}", "Exhibitor", now.AddDays(-40)));

        db.DeviceKeys.Add(new DeviceKey(acme.Partner.Id, "Demo scanner", AcmeDeviceKey, now.AddDays(-3)));

        // Earlier scans: since the doors opened, or during the last three hours if it is early.
        var since = now - opens > TimeSpan.FromHours(1) ? opens : now.AddHours(-3);
        foreach (var (partner, admin, sales) in partners)
        {
            var count = partner == acme.Partner ? 60 : random.Next(5, 26);
            for (var s = 0; s < count; s++)
            {
                var (person, badge) = attendees[random.Next(attendees.Count)];
                var scannedAt = since + TimeSpan.FromSeconds(random.NextDouble() * (now - since).TotalSeconds * 0.98);
                var scannedBy = s % 3 == 0 ? sales.Email : admin.Email;
                var scan = new Scan(partner.Id, Guid.CreateVersion7(), badge.BadgeCode, scannedAt, scannedBy, null, scannedAt.AddSeconds(2), null);
                (await LeadBook.CaptureAsync(db, partner.Id, person.Id, LeadSources.Scan, scannedAt, ct)).Take(scan);
                db.Scans.Add(scan);
            }
        }

        db.Scans.Add(new Scan(acme.Partner.Id, Guid.CreateVersion7(), "VISITOR-9001", now.AddMinutes(-42), acme.Admin.Email, "Badge from another show", now.AddMinutes(-42), null));

        // The partner tabs' demo content (S-2.1 to S-2.11), each from its own file and random seed.
        var demo = new DemoContext(db, show, [.. partners.Select(p => new DemoPartner(p.Partner, p.Admin, p.Sales))], [.. attendees], now, opens);
        SeedHome(demo);
        SeedOffers(demo);
        SeedTasks(demo);
        SeedDocuments(demo);
        SeedSessions(demo);
        SeedDiscounts(demo);
        SeedMeetings(demo);
        SeedLeads(demo);

        await db.SaveChangesAsync(ct);
        foreach (var (id, content) in demo.FileContents)
        {
            if (files is not null)
            {
                await files.WriteAsync(id, content, ct);
            }
        }

        await db.SaveChangesAsync(ct);

        // The seed writes shares, messages, meetings, networking contacts and attendance directly: their leads follow.
        await Leads.LeadBackfill.RunAsync(db, show.Id, ct);
        await tx.CommitAsync(ct);

        var organizer = new OrganizerUser { UserName = OrganizerEmail, Email = OrganizerEmail, EmailConfirmed = true, DisplayName = "Nadia Organizer" };
        var created = await users.CreateAsync(organizer, OrganizerPassword);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Could not create the demo organizer: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        db.EventOrganizers.Add(new EventOrganizer(show.Id, organizer.Id));
        SeedSecurityLog(db, show.Id, demo.Partners[0], organizer, now);
        await db.SaveChangesAsync(ct);
    }

    static partial void SeedHome(DemoContext demo);

    static partial void SeedOffers(DemoContext demo);

    static partial void SeedTasks(DemoContext demo);

    static partial void SeedDocuments(DemoContext demo);

    static partial void SeedSessions(DemoContext demo);

    static partial void SeedDiscounts(DemoContext demo);

    static partial void SeedMeetings(DemoContext demo);

    static partial void SeedLeads(DemoContext demo);

    private static Person Member(Guid eventId, string fullName, string domain)
    {
        var space = fullName.IndexOf(' ', StringComparison.Ordinal);
        var first = fullName[..space];
        var last = fullName[(space + 1)..];
        return new Person(eventId, $"{Ascii(first)}.{Ascii(last)}@{domain}", first, last, null, "fr");
    }

    private static string Ascii(string name)
    {
        var decomposed = name.Normalize(System.Text.NormalizationForm.FormD);
        var letters = decomposed.Where(c => char.IsAsciiLetter(c)).ToArray();
        return new string(letters).ToLower(CultureInfo.InvariantCulture);
    }
}

/// <summary>A demo partner with its administrator and sales contact; the first is Acme.</summary>
public sealed record DemoPartner(Partner Partner, Person Admin, Person Sales);

/// <summary>What the demo seed made before the partner tabs' content: added to <see cref="Db"/>, saved once after.</summary>
public sealed record DemoContext(
    PartnerSpaceDbContext Db,
    Event Show,
    IReadOnlyList<DemoPartner> Partners,
    IReadOnlyList<(Person Person, Attendee Badge)> Attendees,
    DateTimeOffset Now,
    DateTimeOffset Opens)
{
    /// <summary>Bytes of the demo's stored files (documents), written to the file store after the save.</summary>
    public List<(Guid Id, byte[] Content)> FileContents { get; } = [];
}
