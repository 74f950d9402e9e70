using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Home;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Domain.Sessions;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.7")]
public sealed class SessionServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _organizerId;
    private Guid _acmeId;
    private Guid _otherId;
    private Viewer _acmeAdmin = null!;
    private Viewer _otherAdmin = null!;
    private Person _acmeSales = null!;

    private EventOptionsService Options => new(_db.Factory, _db.Live, _db.Time);

    private SessionService Sessions => new(_db.Factory, _db.Access, Options, _db.Live, _db.Time);

    /// <summary>The test event starts on 23 November 2026 at 10:00 in Paris (09:00 UTC) and lasts three days.</summary>
    private DateTimeOffset Day1 => _db.Time.GetUtcNow();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _organizerId = (await _db.AddOrganizerAsync(_eventId, "nadia@organizer.example")).Id;
        _acmeId = (await _db.AddPartnerAsync(_eventId)).Id;
        _otherId = (await _db.AddPartnerAsync(_eventId, "Nordlys")).Id;
        _acmeAdmin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _acmeId, MemberRole.Administrator, "admin@acme.example")).Id);
        _otherAdmin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _otherId, MemberRole.Administrator, "admin@nordlys.example")).Id);
        _acmeSales = await _db.AddMemberAsync(_eventId, _acmeId, MemberRole.SalesContact, "sales@acme.example");
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private SessionDraft Draft(string title = "Robots on the line", int dayOffset = 0, string? room = "Room A", string? type = "Talk", params Guid[] hosts) =>
        new(title, Day1.AddDays(dayOffset).AddHours(1), Day1.AddDays(dayOffset).AddHours(2), room, type, hosts);

    private async Task<Guid> CreateAsync(SessionDraft draft) => (await Sessions.CreateAsync(_organizerId, _eventId, draft)).Value;

    [Fact]
    public async Task BadDraftGetsFieldErrorsAndNothingIsStored()
    {
        var draft = new SessionDraft(" ", Day1.AddHours(2), Day1.AddHours(1), new string('r', Session.RoomMaxLength + 1), new string('t', Session.TypeMaxLength + 1), [Guid.NewGuid()], -1, 0);

        var result = await Sessions.CreateAsync(_organizerId, _eventId, draft);

        Assert.Equal(["endsAt", "partners", "registrants", "room", "title", "type"], result.Error!.Fields!.Keys.Order());
        Assert.Equal(0, await _db.QueryAsync(db => Task.FromResult(db.Sessions.Count())));
    }

    [Fact]
    public async Task ASessionFarFromTheEventDaysIsRefusedTheDayBeforeIsAllowed()
    {
        var tooEarly = await Sessions.CreateAsync(_organizerId, _eventId, Draft(dayOffset: -5));
        var dayBefore = await Sessions.CreateAsync(_organizerId, _eventId, Draft(dayOffset: -1));
        var tooLong = await Sessions.CreateAsync(_organizerId, _eventId, Draft() with { EndsAt = Day1.AddHours(30) });

        Assert.Equal(["startsAt"], tooEarly.Error!.Fields!.Keys);
        Assert.True(dayBefore.IsSuccess);
        Assert.Equal("A session lasts at most 24 hours.", tooLong.Error!.Fields!["endsAt"][0]);
    }

    [Fact]
    public async Task OnlyTheEventsOrganizerManagesSessions()
    {
        var stranger = await _db.AddOrganizerAsync((await _db.AddEventAsync()).Id, "other@organizer.example");
        var id = await CreateAsync(Draft(hosts: _acmeId));

        var create = await Sessions.CreateAsync(stranger.Id, _eventId, Draft());
        var delete = await Sessions.DeleteAsync(stranger.Id, id);

        Assert.Equal(ErrorKind.Forbidden, create.Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, delete.Error!.Kind);
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task AssignedSessionShowsInTheHostsTabOnlyAndTellsItLive()
    {
        var told = new List<LiveEvent>();
        using var _ = _db.Live.Subscribe(Topics.Partner(_acmeId), e =>
        {
            told.Add(e);
            return Task.CompletedTask;
        });

        await CreateAsync(Draft("Acme keynote", hosts: _acmeId));
        await CreateAsync(Draft("Nordlys workshop", hosts: _otherId));

        var acme = (await Sessions.GetForPartnerAsync(_acmeAdmin, _acmeId, SessionFilter.All)).Value!;
        Assert.Equal("Acme keynote", Assert.Single(acme.List.Sessions).Title);
        Assert.Single(told.OfType<PartnerSessionsChanged>());
        var refused = await Sessions.GetForPartnerAsync(_otherAdmin, _acmeId, SessionFilter.All);
        Assert.Equal(ErrorKind.Forbidden, refused.Error!.Kind);
    }

    [Fact]
    public async Task RemovingAHostTakesItsSpeakersAwayAndTellsIt()
    {
        var id = await CreateAsync(Draft(hosts: [_acmeId, _otherId]));
        await Sessions.SetSpeakersAsync(_acmeAdmin, _acmeId, id, [_acmeSales.Id]);
        var told = 0;
        using var _ = _db.Live.Subscribe(Topics.Partner(_acmeId), _ =>
        {
            told++;
            return Task.CompletedTask;
        });
        var session = (await Sessions.ListAsync(_organizerId, _eventId, SessionFilter.All)).Value!.Sessions.Single();

        var updated = await Sessions.UpdateAsync(_organizerId, id, Draft(hosts: _otherId) with { Version = session.Version });

        Assert.True(updated.IsSuccess);
        Assert.Equal(1, told);
        Assert.Empty((await Sessions.GetForPartnerAsync(_acmeAdmin, _acmeId, SessionFilter.All)).Value!.List.Sessions);
        Assert.Equal(0, await _db.QueryAsync(db => Task.FromResult(db.SessionSpeakers.Count())));
    }

    [Fact]
    public async Task AStaleEditIsRefused()
    {
        var id = await CreateAsync(Draft(hosts: _acmeId));
        Assert.True((await Sessions.UpdateAsync(_organizerId, id, Draft("First edit", hosts: _acmeId))).IsSuccess);

        var stale = await Sessions.UpdateAsync(_organizerId, id, Draft("Second edit from the old version", hosts: _acmeId));
        var staleDescription = await Sessions.DescribeAsync(_acmeAdmin, _acmeId, id, 0, "Old");

        Assert.Equal(ErrorKind.Conflict, stale.Error!.Kind);
        Assert.Equal(ErrorKind.Conflict, staleDescription.Error!.Kind);
    }

    [Fact]
    public async Task TheHostWritesTheDescriptionOthersCannot()
    {
        var id = await CreateAsync(Draft(hosts: _acmeId));

        var written = await Sessions.DescribeAsync(_acmeAdmin, _acmeId, id, 0, "  How robots learn.  ");
        var notHost = await Sessions.DescribeAsync(_otherAdmin, _otherId, id, written.Value, "Hijack");
        var tooLong = await Sessions.DescribeAsync(_acmeAdmin, _acmeId, id, written.Value, new string('x', Session.DescriptionMaxLength + 1));

        Assert.Equal(1, written.Value);
        Assert.Equal(ErrorKind.NotFound, notHost.Error!.Kind);
        Assert.Equal(["description"], tooLong.Error!.Fields!.Keys);
        var card = (await Sessions.GetForPartnerAsync(_acmeAdmin, _acmeId, SessionFilter.All)).Value!.List.Sessions.Single();
        Assert.Equal("How robots learn.", card.Description);
    }

    [Fact]
    public async Task SpeakersComeOnlyFromTheTeamInTheirOrder()
    {
        var id = await CreateAsync(Draft(hosts: _acmeId));
        var outsider = await _db.AddMemberAsync(_eventId, _otherId, MemberRole.Administrator, "x@nordlys.example");

        var stranger = await Sessions.SetSpeakersAsync(_acmeAdmin, _acmeId, id, [outsider.Id]);
        var twice = await Sessions.SetSpeakersAsync(_acmeAdmin, _acmeId, id, [_acmeSales.Id, _acmeSales.Id]);
        var chosen = await Sessions.SetSpeakersAsync(_acmeAdmin, _acmeId, id, [_acmeSales.Id, _acmeAdmin.Id]);

        Assert.Equal(["speakers"], stranger.Error!.Fields!.Keys);
        Assert.Equal(["speakers"], twice.Error!.Fields!.Keys);
        Assert.True(chosen.IsSuccess);
        var tab = (await Sessions.GetForPartnerAsync(_acmeAdmin, _acmeId, SessionFilter.All)).Value!;
        Assert.Equal([_acmeSales.Id, _acmeAdmin.Id], tab.List.Sessions.Single().Speakers.Select(s => s.PersonId));
        Assert.Equal(2, tab.Team.Count);
    }

    [Fact]
    public async Task ASessionHasAtMostTwelveSpeakers()
    {
        var id = await CreateAsync(Draft(hosts: _acmeId));
        var people = new List<Guid>();
        for (var i = 0; i <= Session.MaxSpeakers; i++)
        {
            people.Add((await _db.AddMemberAsync(_eventId, _acmeId, MemberRole.RegisteredAttendee, $"p{i}@acme.example")).Id);
        }

        var tooMany = await Sessions.SetSpeakersAsync(_acmeAdmin, _acmeId, id, people);
        var enough = await Sessions.SetSpeakersAsync(_acmeAdmin, _acmeId, id, people[..Session.MaxSpeakers]);

        Assert.Equal($"A session has at most {Session.MaxSpeakers} speakers.", tooMany.Error!.Fields!["speakers"][0]);
        Assert.True(enough.IsSuccess);
    }

    [Fact]
    public async Task FiltersByDayRoomAndTypeAndOfferWhatExists()
    {
        await CreateAsync(Draft("Day one talk", 0, "Room A", "Talk", _acmeId));
        await CreateAsync(Draft("Day one workshop", 0, "Room B", "Workshop", _acmeId));
        await CreateAsync(Draft("Day two talk", 1, "Room A", "Talk", _acmeId));
        var dayTwo = DateOnly.FromDateTime(Day1.AddDays(1).UtcDateTime);

        var byDay = (await Sessions.GetForPartnerAsync(_acmeAdmin, _acmeId, new SessionFilter(Day: dayTwo))).Value!.List;
        var byRoomAndType = (await Sessions.ListAsync(_organizerId, _eventId, new SessionFilter(Room: "room a", Type: "Talk"))).Value!;

        Assert.Equal("Day two talk", Assert.Single(byDay.Sessions).Title);
        Assert.Equal(3, byDay.Total);
        Assert.Equal(2, byDay.Facets.Days.Count);
        Assert.Equal(["Room A", "Room B"], byDay.Facets.Rooms);
        Assert.Equal(["Day one talk", "Day two talk"], byRoomAndType.Sessions.Select(s => s.Title));
    }

    [Fact]
    [Trait("Spec", "S-1.6")]
    public async Task PartnersSeeCountsOnlyAsTheSwitchesAllowTheOrganizerAlways()
    {
        var id = await CreateAsync(Draft(hosts: _acmeId) with { RegistrantCount = 120, PresentCount = 85 });

        var hidden = (await Sessions.GetForPartnerAsync(_acmeAdmin, _acmeId, SessionFilter.All)).Value!;
        var state = await Options.GetAsync(_eventId);
        await Options.SaveAsync(_eventId, state with { Values = state.Values with { SessionsShowRegistrants = true } }, new Actor(_organizerId, "Nadia"));
        var registrantsOnly = (await Sessions.GetForPartnerAsync(_acmeAdmin, _acmeId, SessionFilter.All)).Value!;
        var organizer = (await Sessions.ListAsync(_organizerId, _eventId, SessionFilter.All)).Value!;

        Assert.Null(hidden.List.Sessions.Single().Registrants);
        Assert.Null(hidden.List.Sessions.Single().Present);
        Assert.Equal(120, registrantsOnly.List.Sessions.Single().Registrants);
        Assert.Null(registrantsOnly.List.Sessions.Single().Present);
        Assert.True(registrantsOnly.ShowRegistrants);
        Assert.Equal(85, organizer.Sessions.Single().Present);
        Assert.True((await Sessions.SetCountsAsync(_organizerId, id, 130, 90)).IsSuccess);
        Assert.Equal(130, (await Sessions.GetForPartnerAsync(_acmeAdmin, _acmeId, SessionFilter.All)).Value!.List.Sessions.Single().Registrants);
    }

    [Fact]
    public async Task ReadinessCountsSessionsWithADescriptionAndASpeaker()
    {
        var done = await CreateAsync(Draft("Done", hosts: _acmeId));
        await CreateAsync(Draft("Described only", hosts: _acmeId));
        await Sessions.DescribeAsync(_acmeAdmin, _acmeId, done, 0, "All set.");
        await Sessions.SetSpeakersAsync(_acmeAdmin, _acmeId, done, [_acmeSales.Id]);
        var describedOnly = (await Sessions.ListAsync(_organizerId, _eventId, SessionFilter.All)).Value!.Sessions.Single(s => s.Title == "Described only");
        await Sessions.DescribeAsync(_acmeAdmin, _acmeId, describedOnly.Id, describedOnly.Version, "No speaker yet.");
        var readiness = new SessionReadiness(_db.Factory);

        var all = await readiness.GetAsync(_eventId);
        var acme = await readiness.GetAsync(_eventId, _acmeId);

        Assert.Equal(new ReadinessItem(ReadinessArea.Sessions, 1, 2), all[_acmeId]);
        Assert.True(all[_otherId].IsComplete);
        Assert.Equal([_acmeId], acme.Keys);
    }

    [Fact]
    public async Task DeletingASessionRemovesItFromTheTab()
    {
        var id = await CreateAsync(Draft(hosts: _acmeId));
        await Sessions.SetSpeakersAsync(_acmeAdmin, _acmeId, id, [_acmeSales.Id]);

        var deleted = await Sessions.DeleteAsync(_organizerId, id);

        Assert.True(deleted.IsSuccess);
        Assert.Empty((await Sessions.GetForPartnerAsync(_acmeAdmin, _acmeId, SessionFilter.All)).Value!.List.Sessions);
        Assert.Equal(0, await _db.QueryAsync(db => Task.FromResult(db.SessionSpeakers.Count() + db.SessionHosts.Count())));
    }
}
