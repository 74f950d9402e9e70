using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>S-3, S-3.5: the slots an attendee may request with a partner: free, not started, for attendees only.</summary>
[Trait("Spec", "S-3")]
[Trait("Spec", "S-3.5")]
public sealed class BookableSlotServiceTests : IAsyncLifetime
{
    // 09:00 UTC on 23 Nov 2026 is 10:00 in Paris, the test event's zone.
    private static readonly DateTimeOffset Tomorrow = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Partner _acme = default!;
    private Viewer _lea = default!;
    private Viewer _tom = default!;
    private Viewer _acmeSales = default!;

    private BookableSlotService Slots => new(_db.Factory, _db.Time);

    private MeetingService Meetings => new(_db.Factory, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _acme = await _db.AddPartnerAsync(_eventId, "Acme");
        _lea = Person((await _db.AddAttendeeAsync(_eventId, "B-LEA", "lea@guest.example", "Léa", "Martin")).PersonId);
        _tom = Person((await _db.AddAttendeeAsync(_eventId, "B-TOM", "tom@guest.example", "Tom", "Hardy")).PersonId);
        _acmeSales = Person((await _db.AddMemberAsync(_eventId, _acme.Id, MemberRole.SalesContact, "sales@acme.example")).Id);
        await _db.RegisterAsync(_eventId, _acmeSales.Id, "B-SALES");
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task OnlyFreeFutureSlotsAreListedSoonestFirstWithTheirSpace()
    {
        var space = new MeetingSpace(_acme.Id, "Table 4", SpaceKind.Physical, null, "Hall B, stand 12", 4, 0);
        await _db.SaveAsync(space);
        var past = await SlotAsync(_db.Time.GetUtcNow().AddHours(-1));
        var later = await SlotAsync(Tomorrow.AddHours(2), space.Id, _acmeSales.Id);
        var taken = await SlotAsync(Tomorrow.AddHours(1));
        var soon = await SlotAsync(Tomorrow);
        Assert.True((await Meetings.RequestAsync(_tom, taken.Id, null)).IsSuccess);

        var slots = Ok(await Slots.ListAsync(_lea, _acme.Id, null));

        Assert.Equal([soon.Id, later.Id], slots.Select(s => s.Id));
        Assert.DoesNotContain(slots, s => s.Id == past.Id);
        Assert.Equal("Table 4", slots[1].SpaceName);
        Assert.Equal(SpaceKind.Physical, slots[1].SpaceKind);
        Assert.Equal("Hall B, stand 12", slots[1].Place);
        Assert.Equal("Ada Lovelace", slots[1].StaffName);
        Assert.Null(slots[0].SpaceName);
    }

    [Fact]
    public async Task ADeclinedRequestFreesTheSlotAgain()
    {
        var slot = await SlotAsync(Tomorrow);
        var id = (await Meetings.RequestAsync(_tom, slot.Id, null)).Value;
        Assert.Empty(Ok(await Slots.ListAsync(_lea, _acme.Id, null)));

        Assert.True((await Meetings.DeclineAsync(_acmeSales, id, 0)).IsSuccess);

        Assert.Single(Ok(await Slots.ListAsync(_lea, _acme.Id, null)));
    }

    [Fact]
    public async Task ADayIsTheEventsLocalDay()
    {
        // 23:30 Paris on the 24th is 22:30 UTC: still the 24th there.
        var lateEvening = await SlotAsync(new DateTimeOffset(2026, 11, 24, 22, 30, 0, TimeSpan.Zero));
        var nextMorning = await SlotAsync(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

        Assert.Equal([lateEvening.Id], Ok(await Slots.ListAsync(_lea, _acme.Id, new DateOnly(2026, 11, 24))).Select(s => s.Id));
        Assert.Equal([nextMorning.Id], Ok(await Slots.ListAsync(_lea, _acme.Id, new DateOnly(2026, 11, 25))).Select(s => s.Id));
    }

    [Fact]
    public async Task OnlyAttendeesOutsideThePartnerMayList()
    {
        await SlotAsync(Tomorrow);
        var organizer = new Viewer(ViewerKind.Organizer, (await _db.AddOrganizerAsync(_eventId, "orga@show.example")).Id);
        var unregistered = Person((await _db.AddPersonAsync(_eventId, "walkin@guest.example")).Id);

        Assert.Equal(ErrorKind.Forbidden, (await Slots.ListAsync(organizer, _acme.Id, null)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Slots.ListAsync(unregistered, _acme.Id, null)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Slots.ListAsync(_acmeSales, _acme.Id, null)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Slots.ListAsync(_lea, Guid.NewGuid(), null)).Error!.Kind);
    }

    private async Task<MeetingSlot> SlotAsync(DateTimeOffset startsAt, Guid? spaceId = null, Guid? staff = null)
    {
        var slot = new MeetingSlot(_eventId, _acme.Id, spaceId, staff, startsAt, startsAt.AddMinutes(30), _db.Time.GetUtcNow());
        await _db.SaveAsync(slot);
        return slot;
    }

    private static Viewer Person(Guid id) => new(ViewerKind.Person, id);

    private static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }
}
