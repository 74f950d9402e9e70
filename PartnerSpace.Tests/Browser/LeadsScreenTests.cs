using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using PartnerSpace.Web.Shared;
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
        await leads.ShowFiltersAsync();
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
        await leads.UseLanguageAsync(language);
        await leads.OpenAsync(acmeId);
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
        await leads.UseLanguageAsync(language);

        await Page.SetViewportSizeAsync(360, 740);
        await leads.OpenAsync(acmeId);

        Assert.Null(await leads.SidewaysOverflowAsync()); // the Leads screen fits 360 px

        // Nor does any category's table (cards) inside its box.
        foreach (var category in new[] { "scans", "sharing", "sessions", "networking", "meetings" })
        {
            await leads.Tab(category).ClickAsync();
            await Expect(Page.GetByTestId($"lead-table-{category}").GetByTestId("lead-name").First).ToBeVisibleAsync();
            Assert.False(await leads.TableScrollsSidewaysAsync(), $"The {category} table scrolls sideways at 360 px ({language}).");
        }
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    public async Task QualifyingFromTheListSavesTheFollowUpTheOwnerAndAnAnswerToTheirQuestion()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        string owner;
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var questions = scope.ServiceProvider.GetRequiredService<LeadQuestionService>();
            Assert.True((await questions.AddAsync(acmeId, new("Budget this year?", LeadQuestionKind.Text, []))).IsSuccess);
            owner = (await scope.ServiceProvider.GetRequiredService<LeadQualificationService>().GetOwnersAsync(acmeId))[0].Name;
        }

        await SignInAsDemoAsync("partner-admin");
        var leads = new LeadsPage(Page);
        await leads.OpenAsync(acmeId);
        var name = await leads.LeadNames.Nth(1).InnerTextAsync();
        await Expect(leads.Row(name).GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = $"Qualify {name}" })).ToBeVisibleAsync();

        await leads.Row(name).GetByTestId("lead-qualify").ClickAsync();
        var dialog = Page.GetByTestId("lead-qualification-dialog");
        await Expect(dialog.GetByTestId("lead-person-name")).ToHaveTextAsync(name);
        await leads.ChooseAsync("lead-followup", "Contacted", dialog);
        await leads.ChooseAsync("lead-owner", owner, dialog);
        await dialog.GetByLabel("Budget this year?").FillAsync("About 40k euros");
        await Page.GetByTestId("lead-qualification-save").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        // The row shows the follow-up and the owner.
        await Expect(leads.Row(name).GetByTestId("lead-followup")).ToHaveTextAsync("Contacted");
        await Expect(leads.Row(name).GetByTestId("lead-owner")).ToContainTextAsync(owner);

        // Reopening shows all three saved.
        await leads.Row(name).GetByTestId("lead-qualify").ClickAsync();
        await Expect(dialog.GetByLabel("Budget this year?")).ToHaveValueAsync("About 40k euros");
        await Expect(dialog.Locator(".mud-select").Filter(new() { Has = Page.GetByTestId("lead-followup") }).Locator("input").First).ToHaveValueAsync("Contacted");
        await Expect(dialog.Locator(".mud-select").Filter(new() { Has = Page.GetByTestId("lead-owner") }).Locator("input").First).ToHaveValueAsync(owner);
        await Page.GetByTestId("lead-qualification-cancel").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    public async Task ThePeriodAndTheMeetingStatusFiltersNarrowTheMeetingsList()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        string zone;
        int all, sinceYesterday, declined;
        DateOnly yesterday;
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerSpaceDbContext>>().CreateDbContextAsync();
            zone = await db.Events.Where(e => db.Partners.Any(p => p.Id == acmeId && p.EventId == e.Id)).Select(e => e.TimeZoneId).FirstAsync();
            yesterday = DateOnly.FromDateTime(EventTime.ToEventZone(DateTimeOffset.UtcNow, zone).Date).AddDays(-1);
            var categories = scope.ServiceProvider.GetRequiredService<LeadCategoryService>();
            all = (await categories.GetMeetingsAsync(acmeId, new LeadListQuery())).Total;
            sinceYesterday = (await categories.GetMeetingsAsync(acmeId, new LeadListQuery(From: EventTime.FromEventZone(yesterday.ToDateTime(TimeOnly.MinValue), zone)))).Total;
            declined = (await categories.GetMeetingsAsync(acmeId, new LeadListQuery(Status: MeetingStatus.Declined))).Total;
        }

        Assert.InRange(sinceYesterday, 1, all - 1);
        Assert.InRange(declined, 1, all - 1);
        await SignInAsDemoAsync("partner-admin");
        var leads = new LeadsPage(Page);
        await leads.OpenAsync(acmeId);
        await leads.Tab("meetings").ClickAsync();
        await Expect(leads.LeadNames).ToHaveCountAsync(all);

        await leads.ShowFiltersAsync();
        await leads.From.FillAsync(yesterday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(leads.LeadNames).ToHaveCountAsync(sinceYesterday);

        await leads.From.FillAsync("");
        await Expect(leads.LeadNames).ToHaveCountAsync(all);
        await leads.ChooseAsync("lead-filter-status", "Declined");
        await Expect(leads.LeadNames).ToHaveCountAsync(declined);
        await Expect(leads.MeetingStatuses.Filter(new() { HasNotText = "Declined" })).ToHaveCountAsync(0);

        // A period whose end is before its start says so, and finds nothing.
        await leads.From.FillAsync(yesterday.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await leads.To.FillAsync(yesterday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(Page.GetByText("The end of the period is before its start.")).ToBeVisibleAsync();
        await Expect(leads.LeadNames).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    public async Task AtALaptopsWidthTheFiveTabsShowAndNoTableScrollsSideways(string language)
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        await Page.SetViewportSizeAsync(1280, 900);
        await SignInAsDemoAsync("partner-admin");
        var leads = new LeadsPage(Page);
        await leads.OpenAsync(acmeId);
        await leads.UseLanguageAsync(language);
        await leads.OpenAsync(acmeId);

        var categories = new[] { "scans", "sharing", "sessions", "networking", "meetings" };
        foreach (var category in categories)
        {
            await Expect(leads.Tab(category)).ToBeInViewportAsync(new() { Ratio = 1 });
        }

        await Expect(Page.GetByTestId("lead-tabs").Locator(".mud-tabs-scroll-button:visible")).ToHaveCountAsync(0);
        foreach (var category in categories)
        {
            await leads.Tab(category).ClickAsync();
            await Expect(Page.GetByTestId($"lead-table-{category}").GetByTestId("lead-name").First).ToBeVisibleAsync();
            Assert.False(await leads.TableScrollsSidewaysAsync(), $"The {category} table scrolls sideways at 1280 px ({language}).");
            await Expect(leads.Table.GetByTestId("lead-qualify").First).ToBeInViewportAsync();
        }
    }
}
