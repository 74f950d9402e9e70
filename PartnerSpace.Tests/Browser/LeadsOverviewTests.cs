using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>The organizer's leads overview: counts per partner, live, and the scan mailing (S-1.7, S-5).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class LeadsOverviewTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(1);

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    [Trait("Spec", "S-5")]
    public async Task PartnerCountsMoveLiveWhenAPartnerScans()
    {
        await SignInAsDemoAsync("organizer");
        var overview = new LeadsOverviewPage(Page);
        await overview.OpenAsync();
        var before = await overview.ReadScansAsync(DemoData.AcmeName);
        using var scanner = AcmeScanner();

        await scanner.ScanAsync("DEMO-0077", DemoData.AcmeAdminEmail, DateTimeOffset.UtcNow.AddSeconds(-1));

        var deadline = LiveDeadline.Start(LiveWithin);
        await Expect(overview.Scans(DemoData.AcmeName)).ToHaveTextAsync($"{before + 1}", new() { Timeout = deadline.RemainingMilliseconds });
        await Expect(overview.Row(DemoData.AcmeName)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ps-row-new"));
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.7")]
    public async Task TheDemoShowsTheMailingSentAndTheLeadsTabOn()
    {
        await SignInAsDemoAsync("organizer");
        var overview = new LeadsOverviewPage(Page);
        await overview.OpenAsync();

        await Expect(overview.MailingSent).ToBeVisibleAsync();
        await Expect(overview.SendMailing).ToBeDisabledAsync();
        await Expect(overview.LeadsTabSwitch).ToBeCheckedAsync();
    }
}
