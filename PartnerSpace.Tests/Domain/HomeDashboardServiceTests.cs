using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Home;
using PartnerSpace.Domain.Live;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>The organizer's Home page settings: elements, contacts, versions, live (S-2.1, S-5).</summary>
[Trait("Spec", "S-2.1")]
public sealed class HomeDashboardServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _organizerId;

    private HomeDashboardService Dashboards => new(_db.Factory, _db.Live);

    private static HomeContact Nadia => new("Nadia Organizer", "Partner manager", "nadia@show.example", "+33 4 72 00 10 10");

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _organizerId = (await _db.AddOrganizerAsync(_eventId, "nadia@show.example")).Id;
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task ANewEventShowsEveryElementAndNoContact()
    {
        var state = await Dashboards.GetAsync(_eventId);

        Assert.Equal(HomeDashboard.DefaultElements, state.Elements);
        Assert.Empty(state.Contacts);
        Assert.Equal(0, state.Version);
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task ASaveKeepsTheOrderCleansTheContactsAndTellsOpenHomes()
    {
        var told = new List<LiveEvent>();
        using var subscription = _db.Live.Subscribe(Topics.Event(_eventId), e => { told.Add(e); return Task.CompletedTask; });

        var saved = await Dashboards.SaveAsync(_organizerId, _eventId, new HomeDashboardState(
            [HomeElement.ReadinessChecklist, HomeElement.LeadsCounter, HomeElement.LeadsCounter],
            [new HomeContact("  Nadia Organizer ", " ", " Nadia@Show.example ", null)],
            0));

        Assert.True(saved.IsSuccess);
        var state = await Dashboards.GetAsync(_eventId);
        Assert.Equal([HomeElement.ReadinessChecklist, HomeElement.LeadsCounter], state.Elements);
        Assert.Equal(new HomeContact("Nadia Organizer", null, "nadia@show.example", null), Assert.Single(state.Contacts));
        Assert.Equal(1, state.Version);
        Assert.IsType<HomeDashboardChanged>(Assert.Single(told));
    }

    [Fact]
    public async Task AStaleSaveIsAConflictAndWritesNothing()
    {
        await Dashboards.SaveAsync(_organizerId, _eventId, new HomeDashboardState([HomeElement.LeadsCounter], [Nadia], 0));

        var stale = await Dashboards.SaveAsync(_organizerId, _eventId, new HomeDashboardState([], [], 0));

        Assert.Equal(ErrorKind.Conflict, stale.Error!.Kind);
        Assert.Equal([Nadia], (await Dashboards.GetAsync(_eventId)).Contacts);
    }

    [Fact]
    public async Task ContactsAreCheckedFieldByField()
    {
        var result = await Dashboards.SaveAsync(_organizerId, _eventId, new HomeDashboardState([], [
            new HomeContact(" ", new string('r', 81), "not-an-address", "call me"),
            new HomeContact("Marc", null, null, null),
            Nadia,
        ], 0));

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Equal(["contacts[0].email", "contacts[0].name", "contacts[0].phone", "contacts[0].role", "contacts[1].email"], result.Error.Fields!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Give an e-mail address or a phone number.", result.Error.Fields["contacts[1].email"][0]);
        Assert.Equal(0, (await Dashboards.GetAsync(_eventId)).Version);
    }

    [Fact]
    public async Task AtMostTenContacts()
    {
        var result = await Dashboards.SaveAsync(_organizerId, _eventId, new HomeDashboardState([], [.. Enumerable.Repeat(Nadia, HomeDashboard.MaxContacts + 1)], 0));

        Assert.Contains("contacts", result.Error!.Fields!.Keys);
    }

    [Fact]
    public async Task OnlyTheEventsOrganizersSave()
    {
        var otherEvent = (await _db.AddEventAsync()).Id;
        var stranger = (await _db.AddOrganizerAsync(otherEvent, "other@show.example")).Id;

        var result = await Dashboards.SaveAsync(stranger, _eventId, new HomeDashboardState([], [Nadia], 0));

        Assert.Equal(ErrorKind.Forbidden, result.Error!.Kind);
    }
}
