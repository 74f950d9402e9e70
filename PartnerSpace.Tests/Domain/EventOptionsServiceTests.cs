using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Live;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-1.8")]
public sealed class EventOptionsServiceTests : IAsyncLifetime
{
    private static readonly Actor Nadia = new(Guid.NewGuid(), "Nadia");
    private readonly TestDatabase _db = new();
    private Guid _eventId;

    private EventOptionsService Options => new(_db.Factory, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    [Trait("Spec", "S-1.5")]
    [Trait("Spec", "S-1.6")]
    public async Task OptionsAreStoredRecordedAndPublished()
    {
        var published = 0;
        using var _ = _db.Live.Subscribe(Topics.Event(_eventId), e =>
        {
            published += e is OptionsChanged ? 1 : 0;
            return Task.CompletedTask;
        });
        var state = await Options.GetAsync(_eventId);
        Assert.Equal(EventOptionValues.Default, state.Values);

        var saved = await Options.SaveAsync(_eventId, state with { Values = state.Values with { SessionsShowRegistrants = true, TeamShowBadges = true } }, Nadia);

        Assert.True(saved.IsSuccess);
        var reloaded = await Options.GetAsync(_eventId);
        Assert.True(reloaded.Values.SessionsShowRegistrants);
        Assert.True(reloaded.Values.TeamShowBadges);
        Assert.False(reloaded.Values.SessionsShowAttendeesPresent);
        Assert.Equal(1, published);
        var change = Assert.Single(await new HistoryService(_db.Factory).GetAsync(_eventId, EventOptionsService.HistoryArea));
        Assert.Equal("SessionsShowRegistrants on, TeamShowBadges on", change.Summary);
    }

    [Fact]
    public async Task SubOptionsNeedTheirParents()
    {
        var state = await Options.GetAsync(_eventId);
        var asked = state.Values with { SalesContactsChooseSlots = false, SalesContactsManageSpaces = true, OnlineSpaces = true, PhysicalSpaces = true, SalesContactsContactAttendees = true };

        var saved = (await Options.SaveAsync(_eventId, state with { Values = asked }, Nadia)).Value!.Values;

        Assert.True(saved.SalesContactsContactAttendees);
        Assert.False(saved.SalesContactsManageSpaces);
        Assert.False(saved.OnlineSpaces);
        Assert.False(saved.PhysicalSpaces);
    }

    [Fact]
    public void SwitchingTheSalesContactTabOffSwitchesItsOptionsOff()
    {
        var all = new EventOptionValues(true, true, true, true, true, true, true, true, true);

        var off = (all with { SalesContactTab = false }).Normalized();

        Assert.Equal(new EventOptionValues(true, true, true, false, false, false, false, false, false), off);
        Assert.Equal(all, all.Normalized());
    }

    [Fact]
    [Trait("Spec", "S-2.9")]
    public async Task TheRequestExpiryDelayIsKeptBetweenOneHourAndFourteenDays()
    {
        var state = await Options.GetAsync(_eventId);
        Assert.Equal(48, state.Values.MeetingRequestExpiryHours);

        foreach (var hours in new[] { 0, -3, 14 * 24 + 1 })
        {
            var refused = await Options.SaveAsync(_eventId, state with { Values = state.Values with { MeetingRequestExpiryHours = hours } }, Nadia);
            Assert.Contains(nameof(EventOptionValues.MeetingRequestExpiryHours), refused.Error!.Fields!.Keys);
        }

        var saved = (await Options.SaveAsync(_eventId, state with { Values = state.Values with { MeetingRequestExpiryHours = 72 } }, Nadia)).Value!;
        Assert.Equal(TimeSpan.FromHours(72), (await Options.GetAsync(_eventId)).Values.MeetingRequestExpiry);
        Assert.Equal(1, saved.Version);
        var change = Assert.Single(await new PartnerSpace.Domain.Audit.HistoryService(_db.Factory).GetAsync(_eventId));
        Assert.Contains("MeetingRequestExpiryHours 72", change.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaleSaveIsRefused()
    {
        var loaded = await Options.GetAsync(_eventId);
        await Options.SaveAsync(_eventId, loaded with { Values = loaded.Values with { TeamShowBadges = true } }, Nadia);

        var stale = await Options.SaveAsync(_eventId, loaded with { Values = loaded.Values with { SessionsShowRegistrants = true } }, Nadia);

        Assert.Equal("changed", stale.Error!.Code);
        Assert.False((await Options.GetAsync(_eventId)).Values.SessionsShowRegistrants);
    }

    [Fact]
    public async Task AChangeCanBeUndone()
    {
        var loaded = await Options.GetAsync(_eventId);
        await Options.SaveAsync(_eventId, loaded with { Values = loaded.Values with { TeamShowBadges = true } }, Nadia);
        var change = Assert.Single(await new HistoryService(_db.Factory).GetAsync(_eventId));

        Assert.True((await Options.UndoAsync(_eventId, change, Nadia)).IsSuccess);

        Assert.False((await Options.GetAsync(_eventId)).Values.TeamShowBadges);
    }
}
