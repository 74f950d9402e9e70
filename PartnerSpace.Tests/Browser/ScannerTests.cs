using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>The phone scanner at 360 px: offline queue, retries without duplicates, qualification (S-2.12, S-5).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class ScannerTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    private const string BatchUrl = "**/api/v1/scans/batch";

    /// <summary>A phone: 360×740. Service workers are blocked so that routes see every API call.</summary>
    private async Task<ScannerScreen> OpenPhoneAsync()
    {
        var context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.Address.ToString(),
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        context.SetDefaultTimeout((float)BrowserFixture.DefaultTimeout.TotalMilliseconds);
        await Context.DisposeAsync();
        var page = await context.NewPageAsync();
        page.Console += (_, m) => Output.WriteLine($"[browser {m.Type}] {m.Text}");
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var (_, token) = await Portal.Services.GetRequiredService<DeviceKeyService>().CreateAsync(acme, "Stand phone");
        var scanner = new ScannerScreen(page);
        await scanner.OpenWithKeyAsync(token);
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("key="));
        await scanner.ChooseScannedByAsync(DemoData.AcmeAdminEmail);
        return scanner;
    }

    private Task<int> StoredScansAsync(string badge) =>
        Portal.QueryAsync(db => db.Scans.CountAsync(s => s.BadgeCode == badge));

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    [Trait("Spec", "S-5")]
    public async Task OfflineScansQueueSurviveAReloadAndArriveOnceOnline()
    {
        var scanner = await OpenPhoneAsync();
        var context = scanner.Page.Context;
        var before = (await StoredScansAsync("DEMO-0171"), await StoredScansAsync("DEMO-0172"));

        await context.SetOfflineAsync(true);
        await scanner.TypeBadgeAsync("DEMO-0171");
        await scanner.TypeBadgeAsync("DEMO-0172");

        await Expect(scanner.Waiting).ToHaveTextAsync("2 waiting");
        Assert.Equal(before, (await StoredScansAsync("DEMO-0171"), await StoredScansAsync("DEMO-0172")));

        // The portal stays out of reach (no network for scans) while the page reloads.
        await scanner.Page.RouteAsync(BatchUrl, route => route.AbortAsync());
        await context.SetOfflineAsync(false);
        await scanner.Page.ReloadAsync();
        await scanner.WaitReadyAsync();
        await Expect(scanner.Waiting).ToHaveTextAsync("2 waiting");
        await Expect(scanner.Rows).ToHaveCountAsync(2);

        await scanner.Page.UnrouteAsync(BatchUrl);
        await context.SetOfflineAsync(true);
        await context.SetOfflineAsync(false); // the 'online' event sends the queue

        await Expect(scanner.Waiting).ToHaveTextAsync("All sent");
        await Expect(scanner.Row("DEMO-0171").GetByTestId("scanner-scan-status")).ToHaveTextAsync("sent");
        await Expect(scanner.Row("DEMO-0172").GetByTestId("scanner-scan-name")).Not.ToHaveTextAsync("DEMO-0172");
        Assert.Equal((before.Item1 + 1, before.Item2 + 1), (await StoredScansAsync("DEMO-0171"), await StoredScansAsync("DEMO-0172")));
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    public async Task BatchStoredButAnswerLostIsRetriedWithoutDuplicate()
    {
        var scanner = await OpenPhoneAsync();
        var before = await StoredScansAsync("DEMO-0173");
        var lost = 0;
        await scanner.Page.RouteAsync(BatchUrl, async route =>
        {
            if (Interlocked.Increment(ref lost) == 1)
            {
                // The server stores the batch, then the answer never reaches the phone.
                await using var stored = await route.FetchAsync();
                await route.AbortAsync();
                return;
            }

            await route.ContinueAsync();
        });

        await scanner.TypeBadgeAsync("DEMO-0173");

        await Expect(scanner.Row("DEMO-0173").GetByTestId("scanner-scan-status")).ToHaveTextAsync("sent", new() { Timeout = 20_000 });
        Assert.True(lost >= 2, "the batch was sent again");
        Assert.Equal(before + 1, await StoredScansAsync("DEMO-0173"));
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    public async Task ScannedAttendeeIsQualifiedFromThePhoneWithoutHorizontalScroll()
    {
        var scanner = await OpenPhoneAsync();

        await scanner.TypeBadgeAsync("DEMO-0174");
        await scanner.TypeBadgeAsync("NOT-A-BADGE-0174");
        await Expect(scanner.Row("NOT-A-BADGE-0174").GetByTestId("scanner-scan-name")).ToHaveTextAsync("Unknown badge (kept, matched later)");
        var row = scanner.Row("DEMO-0174");
        await Expect(row.GetByTestId("scanner-scan-name")).Not.ToHaveTextAsync("DEMO-0174");
        Assert.True(await scanner.ScrollWidthAsync() <= 360, "the list scrolls sideways at 360 px");

        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(scanner.Sheet).ToBeVisibleAsync();
        Assert.True(await scanner.ScrollWidthAsync() <= 360, "the sheet scrolls sideways at 360 px");
        await scanner.Page.GetByTestId("scanner-rating-hot").CheckAsync();
        await scanner.Page.GetByTestId("scanner-followup").SelectOptionAsync("toContact");
        await scanner.Page.GetByTestId("scanner-notes").FillAsync("Met at the stand, wants pricing");
        await scanner.Page.GetByTestId("scanner-tags").FillAsync("pricing, robotics");
        await scanner.Page.GetByTestId("scanner-sheet-save").ClickAsync();

        await Expect(scanner.Sheet).ToBeHiddenAsync();
        await Expect(row).ToContainTextAsync("Hot");
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var lead = await Portal.QueryAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.PartnerId == acme
            && db.Attendees.Any(a => a.BadgeCode == "DEMO-0174" && a.PersonId == l.PersonId)));
        Assert.Equal(LeadRating.Hot, lead.Rating);
        Assert.Equal(LeadFollowUp.ToContact, lead.FollowUp);
        Assert.Equal("Met at the stand, wants pricing", lead.Notes);
        Assert.Equal(["pricing", "robotics"], lead.TagList);
        Assert.Equal(DemoData.AcmeAdminEmail, lead.QualifiedBy);
    }
}
