using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.3")]
public sealed class MemberServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _partnerId;
    private Viewer _admin = null!;

    private MemberService Members => _db.Members;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _partnerId = (await _db.AddPartnerAsync(_eventId)).Id;
        _admin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.Administrator, "admin@acme.example")).Id);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    [Trait("Spec", "S-3.1")]
    public async Task AddedSalesContactIsListedAsNotRegistered()
    {
        var added = await Members.AddAsync(_admin, _partnerId, new MemberDraft(" Sales@Acme.example ", "Sam", "Seller", MemberRole.SalesContact));

        Assert.True(added.IsSuccess);
        var sales = (await Members.ListAsync(_admin, _partnerId)).Value!.Single(m => m.Role == MemberRole.SalesContact);
        Assert.Equal("sales@acme.example", sales.Email);
        Assert.False(sales.Registered);
    }

    [Fact]
    public async Task AKnownPersonJoinsAsTheyAreAndOnlyOnce()
    {
        var attendee = await _db.AddAttendeeAsync(_eventId, "B-1", "grace@navy.example");

        var first = await Members.AddAsync(_admin, _partnerId, new MemberDraft("grace@navy.example", "G", "H", MemberRole.RegisteredAttendee));
        var again = await Members.AddAsync(_admin, _partnerId, new MemberDraft("grace@navy.example", "G", "H", MemberRole.SalesContact));

        Assert.True(first.IsSuccess);
        Assert.Equal("already-member", again.Error!.Code);
        var row = (await Members.ListAsync(_admin, _partnerId)).Value!.Single(m => m.PersonId == attendee.PersonId);
        Assert.Equal("Grace", row.FirstName);
        Assert.True(row.Registered);
    }

    [Fact]
    public async Task BadInputGetsFieldErrors()
    {
        var result = await Members.AddAsync(_admin, _partnerId, new MemberDraft("nope", "", null, (MemberRole)42));

        Assert.Equal(["email", "firstName", "lastName", "role"], result.Error!.Fields!.Keys.Order());
    }

    [Fact]
    [Trait("Spec", "S-4.1")]
    public async Task TheLastAdministratorCanBeNeitherRemovedNorDemoted()
    {
        var adminRow = (await Members.ListAsync(_admin, _partnerId)).Value!.Single();

        Assert.Equal("last-administrator", (await Members.RemoveAsync(_admin, _partnerId, adminRow.MemberId)).Error!.Code);
        Assert.Equal("last-administrator", (await Members.ChangeRoleAsync(_admin, _partnerId, adminRow.MemberId, MemberRole.SalesContact)).Error!.Code);

        await Members.AddAsync(_admin, _partnerId, new MemberDraft("second@acme.example", "Sec", "Ond", MemberRole.Administrator));
        Assert.True((await Members.ChangeRoleAsync(_admin, _partnerId, adminRow.MemberId, MemberRole.SalesContact)).IsSuccess);
    }

    [Fact]
    [Trait("Spec", "S-4.1")]
    public async Task ConcurrentRemovalsLeaveOneAdministrator()
    {
        await Members.AddAsync(_admin, _partnerId, new MemberDraft("second@acme.example", "Sec", "Ond", MemberRole.Administrator));
        var organizer = new Viewer(ViewerKind.Organizer, (await _db.AddOrganizerAsync(_eventId, "org@show.example")).Id);
        var admins = (await Members.ListAsync(organizer, _partnerId)).Value!;

        var results = await Task.WhenAll(admins.Select(a => Task.Run(() => Members.RemoveAsync(organizer, _partnerId, a.MemberId))));

        Assert.Equal(1, results.Count(r => r.IsSuccess));
        Assert.Single((await Members.ListAsync(organizer, _partnerId)).Value!);
    }

    [Fact]
    public async Task OthersCannotSeeOrChangeTheTeam()
    {
        var other = await _db.AddPartnerAsync(_eventId, "Globex");
        var outsider = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, other.Id, MemberRole.Administrator, "admin@globex.example")).Id);

        Assert.Equal("forbidden", (await Members.ListAsync(outsider, _partnerId)).Error!.Code);
        Assert.Equal("forbidden", (await Members.AddAsync(outsider, _partnerId, new MemberDraft("x@y.example", "X", "Y", MemberRole.Administrator))).Error!.Code);
    }

    [Fact]
    [Trait("Spec", "S-4.4")]
    public async Task AnOrganizerAddsThemselvesAsAnAdministratorOnce()
    {
        var organizer = await _db.AddOrganizerAsync(_eventId, "nadia@organizer.example");
        var viewer = new Viewer(ViewerKind.Organizer, organizer.Id);

        var added = await Members.AddOrganizerAsync(viewer, _partnerId);
        var again = await Members.AddOrganizerAsync(viewer, _partnerId);

        Assert.True(added.IsSuccess, added.Error?.Message);
        Assert.Equal("already-member", again.Error!.Code);
        var row = (await Members.ListAsync(viewer, _partnerId)).Value!.Single(m => m.Email == "nadia@organizer.example");
        Assert.Equal(MemberRole.Administrator, row.Role);
        Assert.Equal(ErrorKind.Forbidden, (await Members.AddOrganizerAsync(_admin, _partnerId)).Error!.Kind);
    }

    [Fact]
    [Trait("Spec", "S-1.1")]
    public async Task OpeningTheSpaceIsNotedAtMostEveryFewMinutes()
    {
        var partners = new PartnerService(_db.Factory);
        var organizer = await _db.AddOrganizerAsync(_eventId, "nadia@organizer.example");
        var first = _db.Time.GetUtcNow();

        await partners.RecordOpenedAsync(_admin.Id, _partnerId, first);
        await partners.RecordOpenedAsync(_admin.Id, _partnerId, first.AddMinutes(1));
        var summary = (await partners.GetPartnersAsync(organizer.Id, _eventId)).Single();
        Assert.Equal(first, summary.LastOpenedAt);

        await partners.RecordOpenedAsync(_admin.Id, _partnerId, first.AddMinutes(10));
        Assert.Equal(first.AddMinutes(10), (await partners.GetPartnersAsync(organizer.Id, _eventId)).Single().LastOpenedAt);
    }

    [Fact]
    public async Task ANameIsCorrectedAndAnEmptyOneRefused()
    {
        var member = (await Members.ListAsync(_admin, _partnerId)).Value!.Single();

        var refused = await Members.RenameAsync(_admin, _partnerId, member.MemberId, "Ada", " ");
        var renamed = await Members.RenameAsync(_admin, _partnerId, member.MemberId, " Ada ", "King");

        Assert.Equal(["lastName"], refused.Error!.Fields!.Keys);
        Assert.True(renamed.IsSuccess);
        var row = (await Members.ListAsync(_admin, _partnerId)).Value!.Single();
        Assert.Equal(("Ada", "King", "admin@acme.example"), (row.FirstName, row.LastName, row.Email));
    }

    [Fact]
    public async Task TheTeamIsListedAdministratorsFirstThenSalesContactsThenAttendees()
    {
        await Members.AddAsync(_admin, _partnerId, new MemberDraft("aaron@acme.example", "Aaron", "Aaronson", MemberRole.RegisteredAttendee));
        await Members.AddAsync(_admin, _partnerId, new MemberDraft("zed@acme.example", "Zed", "Zulu", MemberRole.SalesContact));

        var roles = (await Members.ListAsync(_admin, _partnerId)).Value!.Select(m => m.Role);

        Assert.Equal([MemberRole.Administrator, MemberRole.SalesContact, MemberRole.RegisteredAttendee], roles);
    }
}
