using Bunit;
using MudBlazor;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Leads;

namespace PartnerSpace.Tests.Components;

[Trait("Spec", "S-2.12")]
public sealed class LeadComponentsTests : ComponentTestBase
{
    private static ScanLeadRow Row(string first, string last, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), first, last, "Navy", $"{first}@example.org", 2, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow, "staff@acme.example");

    [Fact]
    public void CountersShowLeadsScansAndUnknownBadges()
    {
        var cut = Render<LeadCountersCard>(p => p.Add(x => x.Counters, new LeadCounters(12, 30, 2)));

        Assert.Equal("12", cut.Find("[data-testid=counter-leads]").TextContent);
        Assert.Equal("30", cut.Find("[data-testid=counter-scans]").TextContent);
        Assert.Equal("2", cut.Find("[data-testid=counter-unmatched]").TextContent);
    }

    [Fact]
    public void TableAsksTheServerForThePageAndHighlightsNewLeads()
    {
        var fresh = Guid.NewGuid();
        TableState? asked = null;
        Task<TableData<ScanLeadRow>> Load(TableState state, CancellationToken ct)
        {
            asked = state;
            return Task.FromResult(new TableData<ScanLeadRow> { Items = [Row("Grace", "Hopper", fresh), Row("Alan", "Turing")], TotalItems = 40 });
        }

        var cut = Render<LeadTable>(p => p
            .Add(x => x.ServerData, Load)
            .Add(x => x.TimeZoneId, "Europe/Paris")
            .Add(x => x.Highlighted, new HashSet<Guid> { fresh }));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=lead-name]").Count));
        Assert.Equal(0, asked!.Page);
        Assert.Equal(25, asked.PageSize);
        var rows = cut.FindAll("tbody tr");
        Assert.Contains("ps-row-new", rows[0].ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("ps-row-new", rows[1].ClassName ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyTableShowsAnEmptyStateNotAnError()
    {
        var cut = Render<LeadTable>(p => p
            .Add(x => x.ServerData, (_, _) => Task.FromResult(new TableData<ScanLeadRow> { Items = [], TotalItems = 0 }))
            .Add(x => x.TimeZoneId, "Europe/Paris"));

        cut.WaitForAssertion(() => Assert.Equal("No leads yet", cut.Find("[data-testid=empty-title]").TextContent));
    }

    [Theory]
    [InlineData("name", SortDirection.Ascending, LeadSort.NameAsc)]
    [InlineData("name", SortDirection.Descending, LeadSort.NameDesc)]
    [InlineData("scans", SortDirection.Descending, LeadSort.ScanCountDesc)]
    [InlineData("last", SortDirection.Ascending, LeadSort.LastCapturedAsc)]
    [InlineData(null, SortDirection.None, LeadSort.LastCapturedDesc)]
    public void SortLabelsMapToServerSorts(string? label, SortDirection direction, LeadSort expected) =>
        Assert.Equal(expected, LeadTable.SortOf(label, direction));
}
