using Bunit;
using MudBlazor;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Security;

namespace PartnerSpace.Tests.Components;

/// <summary>The organizer's security log table (issue 8, item 6): rows, filters, empty states.</summary>
[Trait("Spec", "S-4")]
public sealed class SecurityLogTableTests : ComponentTestBase
{
    private readonly List<SecurityLogQuery> _asked = [];

    private static SecurityLogRow Row(SecurityAction action, string target) => new(
        Guid.CreateVersion7(), new DateTimeOffset(2026, 11, 23, 9, 15, 0, TimeSpan.Zero), action, SecurityActorKind.Organizer, "Nadia Organizer",
        target, Guid.NewGuid(), "Acme", "Sales contact → Administrator", "192.0.2.44", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36");

    private IRenderedComponent<SecurityLogTable> RenderTable(params SecurityLogRow[] rows)
    {
        Render<MudPopoverProvider>();
        return Render<SecurityLogTable>(p => p
            .Add(x => x.TimeZoneId, "Europe/Paris")
            .Add(x => x.Load, (query, page, size, ct) =>
            {
                _asked.Add(query);
                var matching = rows.Where(r => query.Search is null || r.Target!.Contains(query.Search, StringComparison.Ordinal)).ToList();
                return Task.FromResult(Result<SecurityLogLines>.Ok(new SecurityLogLines("Europe/Paris", new PagedList<SecurityLogRow>(matching, matching.Count))));
            }));
    }

    [Fact]
    public void ARowSaysWhoWhatTargetWhenAndFromWhere()
    {
        var cut = RenderTable(Row(SecurityAction.RoleChanged, "hugo@acme.example"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=security-who]")));
        Assert.Contains("Nadia Organizer", cut.Find("[data-testid=security-who]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Role changed", cut.Find("[data-testid=security-what]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Sales contact → Administrator", cut.Find("[data-testid=security-details]").TextContent, StringComparison.Ordinal);
        Assert.Contains("hugo@acme.example", cut.Find("[data-testid=security-target]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Acme", cut.Find("[data-testid=security-target]").TextContent, StringComparison.Ordinal);
        Assert.Contains("10:15", cut.Find("[data-testid=security-when]").TextContent, StringComparison.Ordinal);
        Assert.Contains("192.0.2.44", cut.Find("[data-testid=security-origin]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Chrome · Windows", cut.Find("[data-testid=security-origin]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void SearchingAndADateReloadWithTheFiltersAndTheDownloadsFollowThem()
    {
        var cut = RenderTable(Row(SecurityAction.SignedIn, "claire@acme.example"), Row(SecurityAction.SignedIn, "hugo@acme.example"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=security-who]").Count));

        cut.Find("input[data-testid=security-search]").Input("hugo");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=security-who]")), TimeSpan.FromSeconds(3));
        cut.Find("input[data-testid=security-filter-from]").Input("2026-11-20");

        cut.WaitForAssertion(() => Assert.Contains(_asked, q => q is { Search: "hugo", From: { Day: 20 } }));
        var excel = cut.Find("[data-testid=security-download-xlsx]").GetAttribute("href");
        Assert.Equal("/organizer/security/export.xlsx?search=hugo&from=2026-11-20", excel);
        Assert.EndsWith(".csv?search=hugo&from=2026-11-20", cut.Find("[data-testid=security-download-csv]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyLogSaysSoAndAFilterWithoutMatchesSaysThat()
    {
        var cut = RenderTable();

        cut.WaitForAssertion(() => Assert.Contains("Nothing recorded yet", cut.Markup, StringComparison.Ordinal));
        cut.Find("input[data-testid=security-filter-to]").Input("2026-11-20");
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=security-no-match]")));
    }

    [Fact]
    public void APeriodEndingBeforeItStartsIsRefusedWithoutLoading()
    {
        var cut = RenderTable(Row(SecurityAction.SignedIn, "claire@acme.example"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=security-who]")));

        cut.Find("input[data-testid=security-filter-from]").Input("2026-11-22");
        cut.Find("input[data-testid=security-filter-to]").Input("2026-11-20");

        cut.WaitForAssertion(() => Assert.Contains("The end of the period is before its start.", cut.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(_asked, q => q is { From.Day: 22, To.Day: 20 });
    }
}
