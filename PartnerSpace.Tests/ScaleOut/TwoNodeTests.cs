using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.ScaleOut;

/// <summary>
/// DESIGN §8, issue 9 item 3: two nodes on PostgreSQL and Redis behind nginx, in a real browser.
/// Live updates cross nodes, and a sign-in made on one node holds on the other.
/// </summary>
[Collection(BrowserTestsDefinition.Name)]
[Trait("Category", "ScaleOut")]
[Trait("Spec", "D-8")]
public sealed class TwoNodeTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    private const string NodeHeader = PartnerSpace.Web.WebServiceExtensions.NodeHeader;

    /// <summary>S-5's second, across nodes: Redis pub/sub adds a hop, not a delay.</summary>
    private static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(1);

    [Fact]
    [Trait("Spec", "S-2.12")]
    [Trait("Spec", "S-5")]
    public async Task AScanPostedToNodeAAppearsWithinASecondOnALeadsScreenServedByNodeB()
    {
        var acme = await cluster.PartnerIdAsync(DemoData.AcmeName);
        await using var context = await cluster.NewContextOnAsync("b");
        await SignInAsDemoAsync(context, "partner-admin", expectedNode: "b");
        var page = await context.NewPageAsync();
        var leads = new LeadsPage(page);
        var response = await page.GotoAsync(LeadsPage.PathOf(acme));
        Assert.Equal("b", await response!.HeaderValueAsync(NodeHeader));
        await leads.WaitForInteractiveAsync();
        var before = await leads.ReadScanCountAsync();

        using var device = new HttpClient { BaseAddress = cluster.NodeA };
        device.DefaultRequestHeaders.Authorization = new("Bearer", DemoData.AcmeDeviceKey);
        using var answer = await device.PostAsJsonAsync("/api/v1/scans", new
        {
            scanId = Guid.CreateVersion7(),
            badgeCode = "DEMO-0042",
            scannedAt = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O", CultureInfo.InvariantCulture),
            scannedBy = DemoData.AcmeAdminEmail,
        });
        var deadline = LiveDeadline.Start(LiveWithin);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        Assert.Equal("a", answer.Headers.GetValues(NodeHeader).Single());

        await Expect(leads.ScanCounter).ToHaveTextAsync($"{before + 1}", new() { Timeout = deadline.RemainingMilliseconds });
    }

    [Fact]
    [Trait("Spec", "S-1.2")]
    [Trait("Spec", "S-5")]
    public async Task AMenuChangeSavedOnNodeBReachesAPartnerOnNodeA()
    {
        var acme = await cluster.PartnerIdAsync(DemoData.AcmeName);
        await using var partnerContext = await cluster.NewContextOnAsync("a");
        await SignInAsDemoAsync(partnerContext, "partner-admin", expectedNode: "a");
        var partnerPage = await partnerContext.NewPageAsync();
        var portal = new PartnerHomePage(partnerPage);
        var shown = await partnerPage.GotoAsync(PartnerHomePage.PathOf(acme));
        Assert.Equal("a", await shown!.HeaderValueAsync(NodeHeader));
        await portal.WaitForInteractiveAsync();
        await partnerPage.EvaluateAsync("() => { window.__psNotReloaded = true; }");

        await using var organizerContext = await cluster.NewContextOnAsync("b");
        await SignInAsDemoAsync(organizerContext, "organizer", expectedNode: "b");
        var organizerPage = await organizerContext.NewPageAsync();
        var editor = new MenuEditorScreen(organizerPage);
        await editor.OpenAsync();
        await Expect(editor.Rows.First).ToBeVisibleAsync();
        var before = await editor.PreviewOrderAsync();

        // Swap the third and fourth tabs with the keyboard twin of drag-and-drop, then publish.
        await editor.Rows.Nth(3).GetByTestId("move-up").ClickAsync();
        await Expect(editor.PreviewItems.Nth(2)).ToHaveTextAsync(before[3]);
        await editor.Publish.ClickAsync();
        await Expect(organizerPage.GetByTestId("unsaved")).ToBeHiddenAsync();
        var deadline = LiveDeadline.Start(LiveWithin);

        // The partner's menu follows the published order (it may show items the preview does not).
        var published = await editor.PreviewOrderAsync();
        IReadOnlyList<string> partnerMenu;
        do
        {
            partnerMenu = await portal.MenuItems.AllInnerTextsAsync();
            if (partnerMenu.Where(published.Contains).SequenceEqual(published.Where(partnerMenu.Contains)))
            {
                break;
            }

            await Task.Delay(20);
        }
        while (deadline.RemainingMilliseconds > 1);

        Assert.Equal(published.Where(partnerMenu.Contains), partnerMenu.Where(published.Contains));
        Assert.NotEqual(before.Where(partnerMenu.Contains), partnerMenu.Where(published.Contains));
        Assert.True(await partnerPage.EvaluateAsync<bool>("() => window.__psNotReloaded === true"), "The partner's page reloaded.");
    }

    [Fact]
    [Trait("Spec", "S-4")]
    public async Task ASignInMadeOnNodeAHoldsOnNodeB()
    {
        var acme = await cluster.PartnerIdAsync(DemoData.AcmeName);
        await using var context = await cluster.NewContextOnAsync("a");
        await SignInAsDemoAsync(context, "partner-admin", expectedNode: "a");
        var page = await context.NewPageAsync();
        var onA = await page.GotoAsync(PartnerHomePage.PathOf(acme));
        Assert.Equal("a", await onA!.HeaderValueAsync(NodeHeader));
        await Expect(page.GetByTestId("partner-title")).ToBeVisibleAsync();

        await cluster.PinAsync(context, "b");
        var onB = await page.GotoAsync(PartnerHomePage.PathOf(acme));

        Assert.Equal("b", await onB!.HeaderValueAsync(NodeHeader));
        Assert.Equal(200, onB.Status);
        Assert.EndsWith(PartnerHomePage.PathOf(acme), new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        var home = new PartnerHomePage(page);
        await home.WaitForInteractiveAsync();
        await Expect(home.Title).ToBeVisibleAsync();
    }

    private static async Task SignInAsDemoAsync(IBrowserContext context, string role, string expectedNode)
    {
        var response = await context.APIRequest.GetAsync($"/demo/sign-in/{role}", new() { MaxRedirects = 0 });
        Assert.Equal(302, response.Status);
        Assert.Equal(expectedNode, response.Headers[NodeHeader.ToLowerInvariant()]);
    }
}
