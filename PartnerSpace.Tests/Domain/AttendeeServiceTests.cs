using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-3.1")]
[Trait("Spec", "S-2.12")]
public sealed class AttendeeServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private AttendeeService Attendees => new(_db.Factory, _db.Live, _db.Time);

    [Fact]
    public async Task UnmatchedScansBecomeLeadsWhenTheirBadgeIsRegistered()
    {
        var ev = await _db.AddEventAsync();
        var acme = await _db.AddPartnerAsync(ev.Id, "Acme");
        var globex = await _db.AddPartnerAsync(ev.Id, "Globex");
        var at = _db.Time.GetUtcNow().AddMinutes(-3).ToString("O");
        await _db.Scans.RecordAsync(new ScanSource(ev.Id, acme.Id, null), [new(Guid.CreateVersion7().ToString(), "LATE-1", at, "a@acme.example", null), new(Guid.CreateVersion7().ToString(), "LATE-1", at, "b@acme.example", null)]);
        await _db.Scans.RecordAsync(new ScanSource(ev.Id, globex.Id, null), [new(Guid.CreateVersion7().ToString(), "LATE-1", at, "c@globex.example", null)]);
        var person = await _db.AddPersonAsync(ev.Id, "late@example.org", "Late", "Comer");

        var result = await Attendees.RegisterAsync(person.Id, "LATE-1", "Visitor");

        Assert.True(result.IsSuccess);
        Assert.Equal(new LeadCounters(1, 2, 0), await _db.Leads.GetCountersAsync(acme.Id));
        Assert.Equal(new LeadCounters(1, 1, 0), await _db.Leads.GetCountersAsync(globex.Id));
        Assert.Equal(2, (await _db.QueryAsync(db => db.Leads.SingleAsync(l => l.PartnerId == acme.Id))).ScanCount);
    }

    [Fact]
    public async Task ABadgeCodeBelongsToOnePerson()
    {
        var ev = await _db.AddEventAsync();
        var first = await _db.AddPersonAsync(ev.Id, "one@example.org");
        var second = await _db.AddPersonAsync(ev.Id, "two@example.org");
        await Attendees.RegisterAsync(first.Id, "B-9", null);

        var taken = await Attendees.RegisterAsync(second.Id, "B-9", null);
        var twice = await Attendees.RegisterAsync(first.Id, "B-10", null);
        var empty = await Attendees.RegisterAsync(second.Id, "  ", null);

        Assert.Equal("already-registered", taken.Error!.Code);
        Assert.Equal("already-registered", twice.Error!.Code);
        Assert.Equal(["badgeCode"], empty.Error!.Fields!.Keys);
        Assert.Equal(1, await _db.QueryAsync(db => db.Attendees.CountAsync()));
    }

    [Fact]
    [Trait("Spec", "S-1.1")]
    public async Task OrganizersListTheAttendeesByPageAndSearchThem()
    {
        var ev = await _db.AddEventAsync();
        var organizer = await _db.AddOrganizerAsync(ev.Id, "org@show.example");
        var stranger = await _db.AddOrganizerAsync((await _db.AddEventAsync()).Id, "other@show.example");
        for (var i = 1; i <= 30; i++)
        {
            await _db.AddAttendeeAsync(ev.Id, $"B-{i:00}", $"p{i:00}@example.org", "Ann", $"Name{i:00}");
        }

        await _db.AddAttendeeAsync(ev.Id, "VIP_1", "zed@example.org", "Zed", "Zulu");

        var second = await Attendees.GetPageAsync(organizer.Id, ev.Id, new AttendeeQuery(Page: 1, PageSize: 25));
        var byName = await Attendees.GetPageAsync(organizer.Id, ev.Id, new AttendeeQuery(Search: "zed ZULU"));
        var underscore = await Attendees.GetPageAsync(organizer.Id, ev.Id, new AttendeeQuery(Search: "_"));
        var hidden = await Attendees.GetPageAsync(stranger.Id, ev.Id, new AttendeeQuery());

        Assert.Equal((31, 6), (second.Total, second.Items.Count));
        Assert.Equal("Name26", second.Items[0].LastName);
        Assert.Equal("VIP_1", Assert.Single(byName.Items).BadgeCode);
        Assert.Equal(1, underscore.Total);
        Assert.Equal(0, hidden.Total);
        Assert.Equal(31, await Attendees.CountAsync(organizer.Id, ev.Id));
        Assert.Equal(0, await Attendees.CountAsync(stranger.Id, ev.Id));
    }
}
