using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>The organizers' live figures in a real browser: a scan from a device moves them without a reload (issue 9, S-5).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class LiveFiguresTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "D-9")]
    [Trait("Spec", "S-5")]
    public async Task AScanMovesTheFiguresLiveAndThisNodeCountsTheOpenScreen()
    {
        await SignInAsDemoAsync("organizer");
        var figures = new LiveFiguresPage(Page);
        await figures.OpenAsync();
        await Expect(figures.SectionHeading("This node")).ToBeVisibleAsync();
        await Expect(figures.OpenCircuits).Not.ToHaveTextAsync("0");
        var before = await LiveFiguresPage.ReadAsync(figures.ScansToday);
        using var scanner = AcmeScanner();

        await scanner.ScanAsync("DEMO-0123", DemoData.AcmeAdminEmail, DateTimeOffset.UtcNow.AddSeconds(-1));

        await Expect(figures.ScansToday).ToHaveTextAsync($"{before + 1:N0}", new() { Timeout = 3000 });
        await Expect(figures.NewestMinuteCount).Not.ToHaveTextAsync("0");
    }
}
