using PartnerSpace.Domain.Discounts;
using PartnerSpace.Domain.Menu;

namespace PartnerSpace.Domain.Data;

public static partial class DemoData
{
    public const string AcmeCode = "ACME20";

    private const int TicketCents = 12_000;

    private static readonly (int Partner, string Code, DiscountKind Kind, int Value, int? Quota, int Purchases)[] CodeRows =
    [
        (0, AcmeCode, DiscountKind.Percent, 20, 50, 9),
        (0, "ACME-VIP", DiscountKind.Percent, 100, 10, 3),
        (2, "NORDLYS15", DiscountKind.Percent, 15, 100, 8),
        (4, "HELIX-30", DiscountKind.Amount, 3_000, null, 6),
        (5, "ORBITAL", DiscountKind.Percent, 25, 40, 7),
        (12, "SIRIUS10", DiscountKind.Percent, 10, null, 5),
    ];

    /// <summary>
    /// S-2.11: the demo show is a paid event: six partner codes (two of Acme's), 40 tickets bought
    /// with them and two with a code of the organizer's own; those who came today are checked in.
    /// The Discount codes tab, optional (S-1.7), is in the demo's menu.
    /// </summary>
    static partial void SeedDiscounts(DemoContext demo)
    {
        var random = new Random(1111);
        var page = demo.Db.Pages.Local.Single(p => p.Kind == PageKind.DiscountCodes);
        var tab = DefaultMenu.Tabs.Single(t => t.Kind == PageKind.DiscountCodes);
        demo.Db.MenuItems.Add(new MenuItem(demo.Show.Id, page.Id, demo.Db.MenuItems.Local.Count, tab.Label, tab.Icon, isEnabled: true));

        var ticket = 1;
        var doorsOpen = demo.Now > demo.Opens;
        foreach (var row in CodeRows)
        {
            var code = new DiscountCode(demo.Show.Id, demo.Partners[row.Partner].Partner.Id, row.Code, row.Kind, row.Value, row.Quota, demo.Opens.AddDays(-60), demo.Opens, demo.Now.AddDays(-61));
            demo.Db.DiscountCodes.Add(code);
            for (var i = 0; i < row.Purchases; i++)
            {
                demo.Db.TicketPurchases.Add(Purchase(demo, random, ref ticket, code.Code, code.Id, Discount(row.Kind, row.Value), doorsOpen));
            }
        }

        // Tickets bought with the organizer's own early-bird code: no partner sees them.
        for (var i = 0; i < 2; i++)
        {
            demo.Db.TicketPurchases.Add(Purchase(demo, random, ref ticket, "EARLYBIRD", null, 4_000, doorsOpen));
        }
    }

    private static int Discount(DiscountKind kind, int value) => kind == DiscountKind.Percent ? TicketCents * value / 100 : Math.Min(value, TicketCents);

    private static TicketPurchase Purchase(DemoContext demo, Random random, ref int ticket, string code, Guid? codeId, int discountCents, bool doorsOpen)
    {
        var (person, _) = demo.Attendees[random.Next(demo.Attendees.Count)];
        var purchasedAt = demo.Opens.AddDays(-random.Next(2, 55)).AddMinutes(random.Next(0, 600));
        var came = doorsOpen && random.Next(3) > 0;
        var checkedInAt = came ? demo.Opens + TimeSpan.FromSeconds(random.NextDouble() * (demo.Now - demo.Opens).TotalSeconds) : (DateTimeOffset?)null;
        var purchase = new TicketPurchase(demo.Show.Id, $"TKT-{ticket:00000}", code, codeId, demo.Now.AddHours(-1));
        var buyerIsAttendee = random.Next(4) > 0;
        purchase.Fill(
            $"ORD-{9000 + ticket / 2}", code, codeId,
            buyerIsAttendee ? person.FullName : "Service achats " + person.Company, buyerIsAttendee ? person.Email : null,
            person.FullName, person.Email, random.Next(5) == 0 ? "Pass 3 jours" : "Pass 1 jour",
            TicketCents - discountCents, discountCents, purchasedAt, checkedInAt, demo.Now.AddHours(-1));
        ticket++;
        return purchase;
    }
}
