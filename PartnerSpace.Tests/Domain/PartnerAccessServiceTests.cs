using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.3")]
[Trait("Spec", "S-3.1")]
public sealed class PartnerAccessServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task OnlyAdministratorsOfThePartnerAndOrganizersOfItsEventGetIn()
    {
        var ev = await _db.AddEventAsync();
        var otherEvent = await _db.AddEventAsync();
        var acme = await _db.AddPartnerAsync(ev.Id, "Acme");
        var globex = await _db.AddPartnerAsync(ev.Id, "Globex");
        var admin = await _db.AddMemberAsync(ev.Id, acme.Id, MemberRole.Administrator, "admin@acme.example");
        var sales = await _db.AddMemberAsync(ev.Id, acme.Id, MemberRole.SalesContact, "sales@acme.example");
        var attendee = await _db.AddMemberAsync(ev.Id, acme.Id, MemberRole.RegisteredAttendee, "staff@acme.example");
        var globexAdmin = await _db.AddMemberAsync(ev.Id, globex.Id, MemberRole.Administrator, "admin@globex.example");
        var organizer = await _db.AddOrganizerAsync(ev.Id, "org@show.example");
        var otherOrganizer = await _db.AddOrganizerAsync(otherEvent.Id, "org@other.example");

        Assert.Equal(PartnerAccess.Allowed, await _db.Access.CheckAsync(new(ViewerKind.Person, admin.Id), acme.Id));
        Assert.Equal(PartnerAccess.Forbidden, await _db.Access.CheckAsync(new(ViewerKind.Person, admin.Id), globex.Id));
        Assert.Equal(PartnerAccess.Forbidden, await _db.Access.CheckAsync(new(ViewerKind.Person, sales.Id), acme.Id));
        Assert.Equal(PartnerAccess.Forbidden, await _db.Access.CheckAsync(new(ViewerKind.Person, attendee.Id), acme.Id));
        Assert.Equal(PartnerAccess.Forbidden, await _db.Access.CheckAsync(new(ViewerKind.Person, globexAdmin.Id), acme.Id));
        Assert.Equal(PartnerAccess.Allowed, await _db.Access.CheckAsync(new(ViewerKind.Organizer, organizer.Id), acme.Id));
        Assert.Equal(PartnerAccess.Forbidden, await _db.Access.CheckAsync(new(ViewerKind.Organizer, otherOrganizer.Id), acme.Id));
        Assert.Equal(PartnerAccess.Forbidden, await _db.Access.CheckAsync(new(ViewerKind.Organizer, admin.Id), acme.Id));
    }

    [Fact]
    public async Task UnknownPartnerIsNotFoundOnlyForOrganizers()
    {
        var ev = await _db.AddEventAsync();
        var acme = await _db.AddPartnerAsync(ev.Id);
        var admin = await _db.AddMemberAsync(ev.Id, acme.Id, MemberRole.Administrator, "admin@acme.example");
        var organizer = await _db.AddOrganizerAsync(ev.Id, "org@show.example");

        Assert.Equal(PartnerAccess.NotFound, await _db.Access.CheckAsync(new(ViewerKind.Organizer, organizer.Id), Guid.NewGuid()));
        Assert.Equal(PartnerAccess.Forbidden, await _db.Access.CheckAsync(new(ViewerKind.Person, admin.Id), Guid.NewGuid()));
    }
}
