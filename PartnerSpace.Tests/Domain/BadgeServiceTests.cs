using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>Badges of the team's registered members, only while "Show badges" is on (S-1.5, S-2.3, S-3.1).</summary>
[Trait("Spec", "S-1.5")]
[Trait("Spec", "S-2.3")]
public sealed class BadgeServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _partnerId;
    private Viewer _admin = null!;

    private EventOptionsService Options => new(_db.Factory, _db.Live, _db.Time);

    private BadgeService Badges => new(_db.Factory, _db.Access, Options);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _partnerId = (await _db.AddPartnerAsync(_eventId, "Acme")).Id;
        _admin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.Administrator, "admin@acme.example")).Id);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task SwitchBadgesAsync(bool on)
    {
        var state = await Options.GetAsync(_eventId);
        await Options.SaveAsync(_eventId, state with { Values = state.Values with { TeamShowBadges = on } }, new Actor(Guid.NewGuid(), "Nadia"));
    }

    private async Task<Person> AddRegisteredMemberAsync(string badgeCode, string email, string first, string last, string? company, MemberRole role)
    {
        var person = new Person(_eventId, email, first, last, company, "fr");
        await _db.SaveAsync(person);
        await _db.SaveAsync(new Attendee(_eventId, person.Id, badgeCode, "Exhibitor", _db.Time.GetUtcNow()));
        await _db.SaveAsync(new PartnerMember(_partnerId, person.Id, role, _db.Time.GetUtcNow()));
        return person;
    }

    [Fact]
    public async Task WhileBadgesAreOffThereAreNone()
    {
        await AddRegisteredMemberAsync("B-1", "bea@acme.example", "Bea", "Badge", null, MemberRole.RegisteredAttendee);

        var result = await Badges.GetAsync(_admin, _partnerId);

        Assert.Equal((ErrorKind.NotFound, BadgeService.BadgesOff), (result.Error!.Kind, result.Error.Code));
    }

    [Fact]
    [Trait("Spec", "S-3.1")]
    public async Task OnlyRegisteredMembersHaveABadgeWithTheirCompanyOrThePartnersName()
    {
        await SwitchBadgesAsync(true);
        await AddRegisteredMemberAsync("B-1", "bea@acme.example", "Bea", "Badge", null, MemberRole.RegisteredAttendee);
        await AddRegisteredMemberAsync("B-2", "carl@acme.example", "Carl", "Agent", "Acme Nordic", MemberRole.SalesContact);
        await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.SalesContact, "unregistered@acme.example");
        await _db.AddAttendeeAsync(_eventId, "B-3", "visitor@else.example");

        var team = (await Badges.GetAsync(_admin, _partnerId)).Value!;

        Assert.Equal("Acme", team.PartnerName);
        Assert.Equal(
            [("Carl Agent", "Acme Nordic", "B-2"), ("Bea Badge", "Acme", "B-1")],
            team.Badges.Select(b => (b.FullName, b.Company, b.BadgeCode)));
    }

    [Fact]
    public async Task OrganizersSeeThemAndOutsidersDoNot()
    {
        await SwitchBadgesAsync(true);
        var organizer = await _db.AddOrganizerAsync(_eventId, "nadia@show.example");
        var outsider = await _db.AddPersonAsync(_eventId, "outsider@else.example");
        var salesContact = await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.SalesContact, "sales@acme.example");

        Assert.True((await Badges.GetAsync(new Viewer(ViewerKind.Organizer, organizer.Id), _partnerId)).IsSuccess);
        Assert.Equal(ErrorKind.Forbidden, (await Badges.GetAsync(new Viewer(ViewerKind.Person, outsider.Id), _partnerId)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Badges.GetAsync(new Viewer(ViewerKind.Person, salesContact.Id), _partnerId)).Error!.Kind);
    }
}
