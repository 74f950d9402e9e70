using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.10")]
public sealed class CalendarSetupServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _partnerId;
    private Person _admin = null!;
    private Person _sales = null!;

    private CalendarSetupService Setup => new(_db.Factory);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _partnerId = (await _db.AddPartnerAsync(_eventId)).Id;
        _admin = await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.Administrator, "ada@acme.example");
        _sales = await _db.AddPersonAsync(_eventId, "sam@acme.example", "Sam", "Seller");
        await _db.SaveAsync(new PartnerMember(_partnerId, _sales.Id, MemberRole.SalesContact, _db.Time.GetUtcNow()));
        await _db.RegisterAsync(_eventId, _sales.Id, "B-1");
        var attendee = await _db.AddPersonAsync(_eventId, "reg@acme.example", "Rita", "Registered");
        await _db.SaveAsync(new PartnerMember(_partnerId, attendee.Id, MemberRole.RegisteredAttendee, _db.Time.GetUtcNow()));
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task AdministratorGetsTheEventDaysZoneAndEveryStaffMemberButRegisteredAttendees()
    {
        var setup = (await Setup.GetAsync(new Viewer(ViewerKind.Person, _admin.Id), _partnerId)).Value!;

        Assert.Equal(("Europe/Paris", PartnerRole.Administrator), (setup.TimeZoneId, setup.Access.Role));
        Assert.Equal(_db.Time.GetUtcNow(), setup.EventStartsAt);
        Assert.Equal(["Ada Lovelace", "Sam Seller"], setup.Staff.Select(s => s.Name));
    }

    [Fact]
    [Trait("Spec", "S-1.8")]
    public async Task SalesContactSeesOnlyThemselvesAsStaffAndOutsidersAreForbidden()
    {
        await _db.SetOptionsAsync(_eventId, EventOptionValues.Default with { SalesContactsChooseSlots = true });

        var setup = (await Setup.GetAsync(new Viewer(ViewerKind.Person, _sales.Id), _partnerId)).Value!;
        var outsider = await Setup.GetAsync(new Viewer(ViewerKind.Person, Guid.NewGuid()), _partnerId);

        Assert.True(setup.Access.MayChooseSlots);
        Assert.Equal([_sales.Id], setup.Staff.Select(s => s.PersonId));
        Assert.Equal(PartnerSpace.Domain.Common.ErrorKind.Forbidden, outsider.Error!.Kind);
    }
}
