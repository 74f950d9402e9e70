using MiniExcelLibs;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>The Leads screen as an administrator uses it: the five sub-tabs, qualifying a scan, a phone's width (S-2.12).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class LeadsScreenTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    public async Task EachOfTheFiveTabsOpensAndShowsAcmeRows()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        await SignInAsDemoAsync("partner-admin");
        var leads = new LeadsPage(Page);
        await leads.OpenAsync(acmeId);

        // Scans is open first; the others in the order of the tabs.
        foreach (var category in new[] { "scans", "sharing", "sessions", "networking", "meetings" })
        {
            if (category != "scans")
            {
                await leads.Tab(category).ClickAsync();
            }

            await Expect(Page.GetByTestId($"lead-table-{category}")).ToBeVisibleAsync();
            await Expect(Page.GetByTestId($"lead-table-{category}").GetByTestId("lead-name").First).ToBeVisibleAsync();
            Assert.True(await leads.ReadCountAsync(category) > 0, $"Acme has no {category} leads in the demo.");
        }
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    public async Task QualifyingAScanShowsTheRatingAndTagAndTheRatingFilterFindsIt()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        await SignInAsDemoAsync("partner-admin");
        var leads = new LeadsPage(Page);
        await leads.OpenAsync(acmeId);
        var row = leads.Table.Locator("tbody tr").Filter(new() { Has = Page.GetByTestId("lead-qualify") }).Last;
        var name = await row.GetByTestId("lead-name").InnerTextAsync();

        await row.GetByTestId("lead-qualify").ClickAsync();
        var dialog = Page.GetByTestId("lead-qualification-dialog");
        await Expect(dialog.GetByTestId("lead-person-name")).ToHaveTextAsync(name);
        await dialog.GetByTestId("lead-rating-hot").ClickAsync();
        await dialog.GetByTestId("lead-notes").FillAsync("Wants a demo in March.");
        await dialog.GetByTestId("lead-tag-input").FillAsync("browser-vip");
        await dialog.GetByTestId("lead-tag-input").PressAsync("Enter");
        await Expect(dialog.GetByTestId("lead-tag").Filter(new() { HasText = "browser-vip" })).ToBeVisibleAsync();
        await Page.GetByTestId("lead-qualification-save").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        var saved = leads.Table.Locator("tbody tr").Filter(new() { Has = Page.GetByTestId("lead-name").GetByText(name, new() { Exact = true }) });
        await Expect(saved.GetByTestId("lead-rating")).ToHaveTextAsync("Hot");
        await Expect(saved.GetByTestId("lead-tag")).ToContainTextAsync("browser-vip");

        // Reopening shows what was saved.
        await saved.GetByTestId("lead-qualify").ClickAsync();
        await Expect(dialog.GetByTestId("lead-notes")).ToHaveValueAsync("Wants a demo in March.");
        await Expect(dialog.GetByTestId("lead-tag").Filter(new() { HasText = "browser-vip" })).ToBeVisibleAsync();
        await Page.GetByTestId("lead-qualification-cancel").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        // Filtering by the Hot rating keeps the row.
        await Page.Locator(".mud-select").Filter(new() { Has = Page.GetByTestId("lead-filter-rating") }).First.ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").GetByText("Hot", new() { Exact = true }).ClickAsync();
        await Expect(leads.LeadNames.GetByText(name, new() { Exact = true })).ToBeVisibleAsync();
        await Expect(leads.Table.GetByTestId("lead-rating").Filter(new() { HasNotText = "Hot" })).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("en", "Scans|Contact sharing and messaging|Sessions|Networking contacts|Meetings")]
    [InlineData("fr", "Scans|Partage de contact et messages|Sessions|Contacts networking|Rendez-vous")]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    public async Task DownloadExcelHasTheFiveSheetsAndTheScansTheScreenCounts(string language, string sheetNames)
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        await SignInAsDemoAsync("partner-admin");
        var leads = new LeadsPage(Page);
        await leads.OpenAsync(acmeId);
        if (language == "fr")
        {
            await leads.ChooseLanguageAsync("Français");
            await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
            await leads.OpenAsync(acmeId);
        }
        var scans = await leads.ReadCountAsync("scans");

        await Page.GetByTestId("lead-download").ClickAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("lead-download-xlsx").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        try
        {
            var sheets = MiniExcel.GetSheetNames(path);
            Assert.Equal(sheetNames.Split('|'), sheets);
            Assert.Equal(scans, MiniExcel.Query(path, useHeaderRow: true, sheetName: sheets[0]).Count());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    public async Task LeadsScreenHasNoHorizontalScrollAt360Pixels(string language)
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        await SignInAsDemoAsync("partner-admin");
        var leads = new LeadsPage(Page);
        await leads.OpenAsync(acmeId);
        if (language == "fr")
        {
            await leads.ChooseLanguageAsync("Français");
            await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        }

        await Page.SetViewportSizeAsync(360, 740);
        await leads.OpenAsync(acmeId);

        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"The Leads screen scrolls sideways at 360 px: {await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")} px wide.");
    }
}
