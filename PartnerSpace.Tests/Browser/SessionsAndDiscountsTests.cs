using System.Globalization;
using MiniExcelLibs;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>Sessions the organizer assigns and the partner completes (S-2.7), and the use of promo codes (S-2.11), live (S-5).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class SessionsAndDiscountsTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.7")]
    [Trait("Spec", "S-1.6")]
    [Trait("Spec", "S-5")]
    public async Task AnAssignedSessionReachesTheOpenTabThePartnerCompletesItAndCountsFollowTheOptions()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var partnerContext = await NewContextAsync();
        await SignInAsDemoAsync("partner-admin", partnerContext);
        var tab = new PartnerSessionsPage(await partnerContext.NewPageAsync());
        await tab.OpenAsync(acme);
        await Expect(tab.Cards).ToHaveCountAsync(2);
        await Expect(tab.Page.GetByTestId("session-card-registrants")).ToHaveCountAsync(0);

        // The organizer creates a session for Acme: the partner's open tab shows it.
        await SignInAsDemoAsync("organizer");
        var organizer = new OrganizerSessionsPage(Page);
        await organizer.OpenAsync();
        await organizer.CreateAsync("Live robotics lab", "15:00", "16:00", "Salle Lumière", "Workshop", DemoData.AcmeName);
        await Expect(organizer.Row("Live robotics lab")).ToBeVisibleAsync();
        await Expect(tab.Cards).ToHaveCountAsync(3);
        await Expect(tab.Card("Live robotics lab").GetByTestId("session-card-no-description")).ToBeVisibleAsync();

        // The partner writes the description and picks a speaker with EDIT: the organizer's table follows.
        await tab.CompleteAsync("Live robotics lab", "Bring your own robot arm.", "Claire Dubois");
        await Expect(tab.Card("Live robotics lab").GetByTestId("session-card-description")).ToHaveTextAsync("Bring your own robot arm.");
        await Expect(tab.Card("Live robotics lab").GetByTestId("session-card-speakers")).ToHaveTextAsync("Claire Dubois");
        await Expect(organizer.Row("Live robotics lab").GetByTestId("session-row-speakers")).ToHaveTextAsync("Claire Dubois");
        await Expect(organizer.Row("Live robotics lab").GetByTestId("session-row-status")).ToHaveTextAsync("Complete");

        // The organizer switches the counts on: the open tab shows them.
        await Page.GotoAsync("/organizer/options");
        await Expect(Page.GetByTestId("options")).ToHaveAttributeAsync("data-ready", "true");
        await Page.GetByLabel("Show the number of registrants").CheckAsync();
        await Page.GetByTestId("save-options").ClickAsync();
        await Expect(Page.GetByText("Options saved.")).ToBeVisibleAsync();
        await Expect(tab.Card(DemoData.AcmeDescribedSession).GetByTestId("session-card-registrants")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByTestId("session-card-present")).ToHaveCountAsync(0);
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.11")]
    [Trait("Spec", "S-5")]
    public async Task ImportedPurchasesReachTheOpenTabAndTheExportHasThem()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var partnerContext = await NewContextAsync();
        await SignInAsDemoAsync("partner-admin", partnerContext);
        var tab = new PartnerDiscountsPage(await partnerContext.NewPageAsync());
        await tab.OpenAsync(acme);
        var before = await tab.ReadTicketsAsync();

        // The organizer imports the ticketing system's export with a ticket bought with Acme's code.
        await SignInAsDemoAsync("organizer");
        var organizer = new OrganizerDiscountsPage(Page);
        await organizer.OpenAsync();
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        await organizer.ChooseCsvAsync("tickets.csv",
            "Ticket number;Order;Promo code;Buyer;Buyer e-mail;Attendee;Attendee e-mail;Ticket type;Price paid;Discount;Purchase date;Check-in\n"
            + $"TKT-LIVE-1;ORD-LIVE;{DemoData.AcmeCode.ToLowerInvariant()};Grace Hopper;grace@navy.example;Grace Hopper;grace@navy.example;Pass 1 jour;96,00;24,00;{yesterday};\n");
        await Expect(organizer.RowStatuses).ToHaveTextAsync(["New"]);
        await organizer.Confirm.ClickAsync();
        await Expect(organizer.Result).ToContainTextAsync("1 tickets added");

        // Acme's open tab shows the new use and its totals.
        await Expect(tab.TicketsTotal).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(tab.Attendees.Filter(new() { HasText = "Grace Hopper" })).ToHaveCountAsync(1);

        // The export downloads a file with every ticket, the new one included.
        var download = await tab.Page.RunAndWaitForDownloadAsync(() => tab.Export.ClickAsync());
        var path = await download.PathAsync();
        var rows = MiniExcel.Query(path, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(before + 1, rows.Count);
        Assert.Contains(rows, r => (string?)r["Attendee"] == "Grace Hopper" && (string?)r["Code"] == DemoData.AcmeCode);
    }
}
