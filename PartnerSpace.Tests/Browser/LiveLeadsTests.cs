using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>Scans from devices reach open screens without a reload (S-2.12, S-5).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class LiveLeadsTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    /// <summary>
    /// S-5: a scan shows on open screens within a second of the API's answer. Measured here
    /// (2 cores, 3 suite runs and 3 class runs): 20–80 ms, so the spec's 1 s holds as the timeout.
    /// </summary>
    private static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Blazor retries a lost connection ten times at once, then every 5 seconds: after the
    /// network is back, the next attempt can be up to 5 seconds away.
    /// </summary>
    private static readonly TimeSpan ReconnectWithin = TimeSpan.FromSeconds(15);

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    [Trait("Spec", "S-5")]
    public async Task ScanPostedToApiAppearsLiveOnOpenLeadsScreen()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        await SignInAsDemoAsync("partner-admin");
        var leads = new LeadsPage(Page);
        await leads.OpenAsync(acmeId);
        var scansBefore = await leads.ReadScanCountAsync();
        using var scanner = AcmeScanner();

        var attendee = await scanner.ScanAsync("DEMO-0123", DemoData.AcmeAdminEmail, DateTimeOffset.UtcNow.AddSeconds(-1));

        var deadline = LiveDeadline.Start(LiveWithin);
        await Expect(leads.ScanCounter).ToHaveTextAsync($"{scansBefore + 1}", new() { Timeout = deadline.RemainingMilliseconds });
        await Expect(leads.LeadNames.First).ToHaveTextAsync(attendee.FullName, new() { Timeout = deadline.RemainingMilliseconds });

        // Issue 10: a screen reader hears it, politely, from a status region.
        var announcement = Page.GetByTestId("lead-announcement");
        await Expect(announcement).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(announcement).ToHaveTextAsync("1 new lead");
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    [Trait("Spec", "S-5")]
    public async Task ScanPostedToApiUpdatesHomeCountersLive()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        // S-2.1: the Home page counts leads; a badge Acme has not scanned yet makes a new one.
        var badge = await Portal.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Attendees
            .Where(a => a.BadgeCode.StartsWith("DEMO-02") && !db.Leads.Any(l => l.PartnerId == acmeId && l.PersonId == a.PersonId))
            .OrderBy(a => a.BadgeCode).Select(a => a.BadgeCode)));
        await SignInAsDemoAsync("partner-admin");
        var home = new PartnerHomePage(Page);
        await home.OpenAsync(acmeId);
        var leadsBefore = await home.ReadCounterAsync("LeadsCounter");
        using var scanner = AcmeScanner();

        await scanner.ScanAsync(badge, DemoData.AcmeAdminEmail, DateTimeOffset.UtcNow.AddSeconds(-1));

        var deadline = LiveDeadline.Start(LiveWithin);
        await Expect(home.Counter("LeadsCounter")).ToHaveTextAsync($"{leadsBefore + 1}", new() { Timeout = deadline.RemainingMilliseconds });
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    [Trait("Spec", "S-5")]
    public async Task AScanWhileOnPageTwoWithASearchKeepsPageAndSearchAndHighlightsTheCount()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        // A badge Acme has not scanned yet: a new lead, which lands on page 1 (newest scan first).
        var badge = await Portal.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Attendees
            .Where(a => a.BadgeCode.StartsWith("DEMO-03") && !db.Leads.Any(l => l.PartnerId == acmeId && l.PersonId == a.PersonId))
            .OrderBy(a => a.BadgeCode).Select(a => a.BadgeCode)));
        await SignInAsDemoAsync("partner-admin");
        var leads = new LeadsPage(Page);
        await leads.OpenAsync(acmeId);
        await Expect(leads.Tab("sharing")).ToHaveTextAsync("Contact sharing and messaging");
        var before = await leads.ReadCountAsync("scans");
        Assert.True(before > 25, $"Acme needs a second page of scans ({before}).");

        // Every scanned lead consented: searching their e-mail domain keeps them all.
        await leads.Search.FillAsync("@attendee.example");
        await Expect(leads.Filters).ToHaveAttributeAsync("data-search", "@attendee.example");
        await Expect(leads.PagerInfo).ToContainTextAsync($"of {before}");
        await leads.NextPage.ClickAsync();
        await Expect(leads.PagerInfo).ToContainTextAsync($"26-");
        var secondPageFirst = await leads.LeadNames.First.InnerTextAsync();
        using var scanner = AcmeScanner();

        await scanner.ScanAsync(badge, DemoData.AcmeAdminEmail, DateTimeOffset.UtcNow.AddSeconds(-1));

        var deadline = LiveDeadline.Start(LiveWithin);
        await Expect(leads.Count("scans")).ToHaveTextAsync($"{before + 1}", new() { Timeout = deadline.RemainingMilliseconds });
        await Expect(leads.Count("scans")).ToHaveAttributeAsync("data-new", "true", new() { Timeout = deadline.RemainingMilliseconds });
        await Expect(leads.PagerInfo).ToContainTextAsync($"26-50 of {before + 1}", new() { Timeout = deadline.RemainingMilliseconds });
        await Expect(leads.Search).ToHaveValueAsync("@attendee.example");

        // The new lead is on page 1: page 2 shifted by one, and its new first row is highlighted.
        Assert.NotEqual(secondPageFirst, await leads.LeadNames.First.InnerTextAsync());
        await Expect(leads.NewRows).ToHaveCountAsync(1);
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-5")]
    public async Task LeadsScreenCatchesUpAfterConnectionLoss()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        await SignInAsDemoAsync("partner-admin");
        var connection = await ConnectionCutter.InstallAsync(Page);
        var leads = new LeadsPage(Page);
        await leads.OpenAsync(acmeId);
        var scansBefore = await leads.ReadScanCountAsync();
        await Page.EvaluateAsync("() => { window.__psNotReloaded = true; }");
        using var scanner = AcmeScanner();

        Assert.True(await connection.CutAsync() > 0, "The page had no open WebSocket to drop.");
        await Expect(leads.ReconnectBanner).ToBeVisibleAsync();
        var now = DateTimeOffset.UtcNow;
        // Later than any scan an earlier test of the shared portal made (one scans at its "now - 1 s"),
        // so these two are the first rows whatever ran just before.
        var first = await scanner.ScanAsync("DEMO-0201", DemoData.AcmeAdminEmail, now.AddSeconds(1));
        var second = await scanner.ScanAsync("DEMO-0202", DemoData.AcmeAdminEmail, now.AddSeconds(2));

        // Both scans arrived while the screen was cut off: it still shows the old count.
        await Expect(leads.ReconnectBanner).ToBeVisibleAsync();
        Assert.Equal(scansBefore, await leads.ReadScanCountAsync());

        connection.Restore();

        await Expect(leads.ReconnectBanner).ToBeHiddenAsync(new() { Timeout = (float)ReconnectWithin.TotalMilliseconds });
        await Expect(leads.ScanCounter).ToHaveTextAsync($"{scansBefore + 2}");
        await Expect(leads.LeadNames.Nth(0)).ToHaveTextAsync(second.FullName);
        await Expect(leads.LeadNames.Nth(1)).ToHaveTextAsync(first.FullName);
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__psNotReloaded === true"), "The page reloaded to catch up.");
    }
}
