using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.12")]
public sealed class LeadServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Guid _partnerId;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        _partnerId = (await _db.AddPartnerAsync(ev.Id)).Id;
        var source = new ScanSource(ev.Id, _partnerId, null);
        string[] names = ["Hopper", "Turing", "Lovelace", "Knuth", "Liskov"];
        var inputs = new List<ScanInput>();
        for (var i = 0; i < names.Length; i++)
        {
            await _db.AddAttendeeAsync(ev.Id, $"B-{i}", $"p{i}@example.org", $"First{i}", names[i]);
            for (var s = 0; s <= i; s++)
            {
                inputs.Add(new ScanInput(Guid.CreateVersion7().ToString(), $"B-{i}", _db.Time.GetUtcNow().AddMinutes(-60 + (i * 5) + s).ToString("O"), "staff@acme.example", null));
            }
        }

        await _db.Scans.RecordAsync(source, inputs);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task PagesInTheDatabaseNewestFirst()
    {
        var first = await _db.Categories.GetScansAsync(_partnerId, new LeadListQuery(0, 2));
        var last = await _db.Categories.GetScansAsync(_partnerId, new LeadListQuery(2, 2));

        Assert.Equal(5, first.Total);
        Assert.Equal(["Liskov", "Knuth"], first.Items.Select(r => r.Lead.LastName));
        Assert.Equal(["Hopper"], last.Items.Select(r => r.Lead.LastName));
    }

    [Fact]
    public async Task SearchesNameCompanyAndEmail()
    {
        var byName = await _db.Categories.GetScansAsync(_partnerId, new LeadListQuery(Search: "tur"));
        var byEmail = await _db.Categories.GetScansAsync(_partnerId, new LeadListQuery(Search: "p3@"));

        Assert.Equal("Turing", Assert.Single(byName.Items).Lead.LastName);
        Assert.Equal("Knuth", Assert.Single(byEmail.Items).Lead.LastName);
    }

    [Theory]
    [InlineData("name", false, "Hopper")]
    [InlineData("name", true, "Turing")]
    [InlineData("scans", true, "Liskov")]
    [InlineData("last", false, "Hopper")]
    [InlineData("first", true, "Liskov")]
    public async Task SortsOnTheServer(string sort, bool descending, string firstLastName)
    {
        var page = await _db.Categories.GetScansAsync(_partnerId, new LeadListQuery(Sort: sort, Descending: descending));

        Assert.Equal(firstLastName, page.Items[0].Lead.LastName);
    }

    [Fact]
    public async Task ShowsWhichTeamMemberScannedByName()
    {
        var ev = await _db.QueryAsync(db => db.Events.SingleAsync());
        await _db.AddMemberAsync(ev.Id, _partnerId, PartnerSpace.Domain.Partners.MemberRole.Administrator, "staff@acme.example");

        var page = await _db.Categories.GetScansAsync(_partnerId, new LeadListQuery());

        Assert.All(page.Items, r => Assert.Equal("Ada Lovelace", r.ScannedByDisplay));
    }

    [Fact]
    public async Task CountsLeadsAndScans()
    {
        Assert.Equal(new LeadCounters(5, 15, 0), await _db.Leads.GetCountersAsync(_partnerId));
    }

    [Fact]
    public async Task OversizedPageRequestsAreClamped()
    {
        var page = await _db.Categories.GetScansAsync(_partnerId, new LeadListQuery(-3, 100_000));

        Assert.Equal(5, page.Items.Count);
    }
}
