using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-1.1")]
public sealed class PartnerAdminServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _organizer;

    private PartnerAdminService Admin => new(_db.Factory, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _organizer = (await _db.AddOrganizerAsync(_eventId, "org@show.example")).Id;
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task OrganizerCreatesEditsAndDeletesAPartner()
    {
        var created = await Admin.CreateAsync(_organizer, _eventId, new PartnerDraft("  Globex  ", "Silver", false));
        var id = created.Value;

        var edited = await Admin.UpdateAsync(_organizer, id, new PartnerDraft("Globex Corp", "Gold", true, Version: 0));

        Assert.True(edited.IsSuccess);
        var partner = await _db.QueryAsync(db => db.Partners.SingleAsync(p => p.Id == id));
        Assert.Equal(("Globex Corp", "Gold", true, 1), (partner.Name, partner.Category, partner.IsTestPartner, partner.Version));

        Assert.True((await Admin.DeleteAsync(_organizer, id)).IsSuccess);
        Assert.False(await _db.QueryAsync(db => db.Partners.AnyAsync()));
    }

    [Fact]
    public async Task BadInputGetsFieldErrorsAndChangesNothing()
    {
        var empty = await Admin.CreateAsync(_organizer, _eventId, new PartnerDraft("   ", new string('c', 61), false));

        Assert.Equal(["category", "name"], empty.Error!.Fields!.Keys.Order());
        Assert.False(await _db.QueryAsync(db => db.Partners.AnyAsync()));
    }

    [Fact]
    public async Task TwoPartnersOfAnEventCannotShareAName()
    {
        await Admin.CreateAsync(_organizer, _eventId, new PartnerDraft("Globex", null, false));

        var twin = await Admin.CreateAsync(_organizer, _eventId, new PartnerDraft("Globex", null, false));

        Assert.Equal(["name"], twin.Error!.Fields!.Keys);
    }

    [Fact]
    public async Task StaleEditIsRefused()
    {
        var id = (await Admin.CreateAsync(_organizer, _eventId, new PartnerDraft("Globex", null, false))).Value;
        await Admin.UpdateAsync(_organizer, id, new PartnerDraft("Globex A", null, false, Version: 0));

        var stale = await Admin.UpdateAsync(_organizer, id, new PartnerDraft("Globex B", null, false, Version: 0));

        Assert.Equal("changed", stale.Error!.Code);
        Assert.Equal("Globex A", (await _db.QueryAsync(db => db.Partners.SingleAsync())).Name);
    }

    [Fact]
    public async Task OnlyOrganizersOfTheEventManageItsPartners()
    {
        var otherEvent = await _db.AddEventAsync();
        var stranger = (await _db.AddOrganizerAsync(otherEvent.Id, "org@other.example")).Id;
        var id = (await Admin.CreateAsync(_organizer, _eventId, new PartnerDraft("Globex", null, false))).Value;

        Assert.Equal("not-organizer", (await Admin.CreateAsync(stranger, _eventId, new PartnerDraft("Initech", null, false))).Error!.Code);
        Assert.Equal("partner-not-found", (await Admin.UpdateAsync(stranger, id, new PartnerDraft("Mine", null, false))).Error!.Code);
        Assert.Equal("partner-not-found", (await Admin.DeleteAsync(stranger, id)).Error!.Code);
        Assert.Null(await Admin.GetDeletionImpactAsync(stranger, id));
    }

    [Fact]
    public async Task DeletionSaysWhatGoesWithThePartnerAndTakesItAlong()
    {
        var id = (await Admin.CreateAsync(_organizer, _eventId, new PartnerDraft("Globex", null, false))).Value;
        await _db.AddMemberAsync(_eventId, id, MemberRole.Administrator, "admin@globex.example");
        await _db.AddAttendeeAsync(_eventId, "B-1", "visitor@example.org");
        await _db.Scans.RecordAsync(new ScanSource(_eventId, id, null), [new(Guid.CreateVersion7().ToString(), "B-1", _db.Time.GetUtcNow().ToString("O"), "admin@globex.example", null)]);

        var impact = await Admin.GetDeletionImpactAsync(_organizer, id);
        await Admin.DeleteAsync(_organizer, id);

        Assert.Equal(new PartnerDeletionImpact("Globex", 1, 1, 1, 0), impact);
        Assert.Equal(0, await _db.QueryAsync(db => db.Scans.CountAsync()));
        Assert.Equal(0, await _db.QueryAsync(db => db.PartnerMembers.CountAsync()));
        Assert.Equal(2, await _db.QueryAsync(db => db.People.CountAsync()));
    }
}
