using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Leads;
using PartnerSpace.Web.Features.Leads.Categories;

namespace PartnerSpace.Tests.Components;

[Trait("Spec", "S-2.12")]
public sealed class LeadComponentsTests : ComponentTestBase
{
    private static LeadSummary Summary(string first, string last, Guid? id = null, string? email = null, LeadRating rating = LeadRating.None, IReadOnlyList<string>? tags = null) =>
        new(id ?? Guid.NewGuid(), 1, first, last, "Navy", email, email is null ? LeadConsent.None : LeadConsent.ScannedBadge, email is null ? null : DateTimeOffset.UtcNow, rating, LeadFollowUp.New, tags ?? [], null);

    private static ScanCategoryRow Row(LeadSummary lead) =>
        new(lead, 2, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow, "staff@acme.example", null);

    [Fact]
    public void CountersShowLeadsScansAndUnknownBadges()
    {
        var cut = Render<LeadCountersCard>(p => p.Add(x => x.Counters, new LeadCounters(12, 30, 2)));

        Assert.Equal("12", cut.Find("[data-testid=counter-leads]").TextContent);
        Assert.Equal("30", cut.Find("[data-testid=counter-scans]").TextContent);
        Assert.Equal("2", cut.Find("[data-testid=counter-unmatched]").TextContent);
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task TableAsksTheServerForThePageAndHighlightsLeadsNewOnALiveReload()
    {
        var old = Summary("Alan", "Turing");
        var fresh = Summary("Grace", "Hopper");
        var pages = new Queue<IReadOnlyList<ScanCategoryRow>>([[Row(old)], [Row(fresh), Row(old)]]);
        LeadListQuery? asked = null;
        var cut = RenderTable((q, _) =>
        {
            asked = q;
            var items = pages.Count > 1 ? pages.Dequeue() : pages.Peek();
            return Task.FromResult(new PagedList<ScanCategoryRow>(items, 40));
        });
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=lead-name]")));

        await cut.InvokeAsync(() => cut.Instance.ReloadAsync(live: true));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=lead-name]").Count));
        Assert.Equal(0, asked!.Page);
        Assert.Equal(25, asked.PageSize);
        var rows = cut.FindAll("tbody tr");
        Assert.Contains("ps-row-new", rows[0].ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("ps-row-new", rows[1].ClassName ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void RowsShowTheEmailOnlyWithConsentAndTheQualification()
    {
        var cut = RenderTable((_, _) => Task.FromResult(new PagedList<ScanCategoryRow>(
            [Row(Summary("Grace", "Hopper", email: "grace@navy.example", rating: LeadRating.Hot, tags: ["cobots"])), Row(Summary("Alan", "Turing"))], 2)));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=lead-name]").Count));
        Assert.Equal("grace@navy.example", Assert.Single(cut.FindAll("[data-testid=lead-email]")).TextContent);
        Assert.Single(cut.FindAll("[data-testid=lead-no-consent]"));
        Assert.Equal("Hot", Assert.Single(cut.FindAll("[data-testid=lead-rating]")).TextContent.Trim());
        Assert.Equal("cobots", Assert.Single(cut.FindAll("[data-testid=lead-tag]")).TextContent.Trim());
    }

    [Fact]
    public void EmptyCategoryShowsItsEmptyStateNotAnError()
    {
        var cut = RenderTable((_, _) => Task.FromResult(new PagedList<ScanCategoryRow>([], 0)));

        cut.WaitForAssertion(() => Assert.Equal("No leads yet", cut.Find("[data-testid=empty-title]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=lead-error]"));
    }

    [Fact]
    public void AFailingLoadShowsAnError()
    {
        var cut = RenderTable((_, _) => throw new InvalidOperationException("database gone"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=lead-error]")));
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task TabsShowEachCategoryWithItsCountAndHighlightTheCountsThatGrew()
    {
        await using var db = new TestDatabase();
        await db.InitializeAsync();
        var ev = await db.AddEventAsync();
        var partner = await db.AddPartnerAsync(ev.Id);
        Services.AddSingleton(db.Categories);
        Services.AddSingleton(new PartnerSpace.Domain.Live.SharedLiveReads(db.Live, db.Time));
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();

        var cut = Render<LeadCategoryTabs>(p => p
            .Add(x => x.PartnerId, partner.Id)
            .Add(x => x.TimeZoneId, "Europe/Paris")
            .Add(x => x.Counts, new LeadCategoryCounts(9, 12, 1, 4, 3, 2, 1, 5))
            .Add(x => x.Grown, new HashSet<LeadCategory> { LeadCategory.Meetings }));

        Assert.Equal("Scans", cut.Find("[data-testid=lead-tab-scans]").TextContent);
        Assert.Equal("Contact sharing and messaging", cut.Find("[data-testid=lead-tab-sharing]").TextContent);
        Assert.Equal(["4", "3", "2", "1", "5"], cut.FindAll("[data-testid^=lead-count-]").Select(c => c.TextContent.Trim()));
        Assert.Equal("true", cut.Find("[data-testid=lead-count-meetings]").GetAttribute("data-new"));
        Assert.Equal("false", cut.Find("[data-testid=lead-count-scans]").GetAttribute("data-new"));
        cut.WaitForAssertion(() => Assert.Equal("No leads yet", cut.Find("[data-testid=empty-title]").TextContent));
        Assert.NotNull(cut.Find("[data-testid=lead-table-scans]"));
    }

    [Fact]
    public void EachRowShowsThePersonWithTheCompanyAndAQualifyButtonNamingThem()
    {
        var cut = RenderTable((_, _) => Task.FromResult(new PagedList<ScanCategoryRow>([Row(Summary("Grace", "Hopper", email: "grace@navy.example"))], 1)));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=lead-name]")));
        Assert.Equal("Navy", cut.Find("[data-testid=lead-company]").TextContent.Trim());
        Assert.Equal("Qualify Grace Hopper", cut.Find("button[data-testid=lead-qualify]").GetAttribute("aria-label"));
    }

    [Fact]
    public void TheFiltersOpenOnDemandAndTheButtonCountsThoseInForce()
    {
        var cut = RenderTable((_, _) => Task.FromResult(new PagedList<ScanCategoryRow>([], 0)));

        // Closed: the search and one button, no filter field.
        var toggle = cut.Find("[data-testid=lead-filters-toggle]");
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        Assert.Equal("Filters", toggle.TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=lead-filter-panel]"));

        toggle.Click();
        Assert.Equal("true", cut.Find("[data-testid=lead-filters-toggle]").GetAttribute("aria-expanded"));
        Assert.Equal(cut.Find("[data-testid=lead-filters-toggle]").GetAttribute("aria-controls"), cut.Find("[data-testid=lead-filter-panel]").Id);
        Assert.NotEmpty(cut.FindAll("input[data-testid=lead-filter-from]"));
        Assert.Empty(cut.FindAll("[data-testid=lead-filter-status]"));

        // A filter in force stays in force when the panel closes, and the button says so.
        cut.Find("input[data-testid=lead-filter-tag]").Input("vip");
        cut.WaitForAssertion(() => Assert.Equal("Filters (1)", cut.Find("[data-testid=lead-filters-toggle]").TextContent.Trim()));
        cut.Find("[data-testid=lead-filters-toggle]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=lead-filter-panel]")));
        Assert.Equal("1", cut.Find("[data-testid=lead-filters-toggle]").GetAttribute("data-active"));
    }

    [Fact]
    public async Task ThePeriodIsTheEventsDaysAndTheMeetingsStatusGoesToTheQuery()
    {
        LeadListQuery? asked = null;
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        var cut = Render<LeadCategoryTable<MeetingCategoryRow>>(p => p
            .Add(x => x.PartnerId, Guid.NewGuid())
            .Add(x => x.Category, LeadCategory.Meetings)
            .Add(x => x.Load, (q, _) =>
            {
                asked = q;
                return Task.FromResult(new PagedList<MeetingCategoryRow>([], 0));
            })
            .Add(x => x.LeadOf, r => r.Lead)
            .Add(x => x.TimeZoneId, "Europe/Paris"));
        cut.WaitForAssertion(() => Assert.NotNull(asked));
        cut.Find("[data-testid=lead-filters-toggle]").Click();
        Assert.NotEmpty(cut.FindAll("[data-testid=lead-filter-status]"));

        cut.Find("input[data-testid=lead-filter-from]").Input("2026-11-23");
        cut.Find("input[data-testid=lead-filter-to]").Input("2026-11-24");

        // Paris is UTC+1 in November: the 23rd starts at 23:00 UTC on the 22nd; "to" includes the 24th.
        cut.WaitForAssertion(() => Assert.Equal(new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.Zero), asked!.To));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero), asked!.From);
        cut.WaitForAssertion(() => Assert.Equal("No lead matches", cut.Find("[data-testid=empty-title]").TextContent));

        // A live reload keeps the filters.
        asked = null;
        await cut.InvokeAsync(() => cut.Instance.ReloadAsync(live: true));
        cut.WaitForAssertion(() => Assert.Equal(new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero), asked?.From));

        // An end before the start is explained.
        cut.Find("input[data-testid=lead-filter-to]").Input("2026-11-20");
        cut.WaitForAssertion(() => Assert.Contains("The end of the period is before its start.", cut.Markup, StringComparison.Ordinal));
    }

    private IRenderedComponent<LeadCategoryTable<ScanCategoryRow>> RenderTable(Func<LeadListQuery, CancellationToken, Task<PagedList<ScanCategoryRow>>> load)
    {
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        return Render<LeadCategoryTable<ScanCategoryRow>>(p => p
            .Add(x => x.PartnerId, Guid.NewGuid())
            .Add(x => x.Category, LeadCategory.Scans)
            .Add(x => x.Load, load)
            .Add(x => x.LeadOf, r => r.Lead)
            .Add(x => x.TimeZoneId, "Europe/Paris"));
    }
}
