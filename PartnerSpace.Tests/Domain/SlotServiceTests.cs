using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.10")]
public sealed class SlotServiceTests : IAsyncLifetime
{
    // The test event runs 2026-11-23 to 2026-11-25, in Europe/Paris (UTC+1 in November).
    private static readonly DateOnly Day = new(2026, 11, 24);
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _partnerId;
    private Guid _spaceId;
    private Person _staff = null!;
    private Viewer _admin = null!;

    private SlotService Slots => new(_db.Factory, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _partnerId = (await _db.AddPartnerAsync(_eventId)).Id;
        _admin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.Administrator, "admin@acme.example")).Id);
        _staff = await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.SalesContact, "sales@acme.example");
        _spaceId = await SpaceAsync("Stand B12");
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private static TimeOnly T(int hour, int minute = 0) => new(hour, minute);

    private SlotRequest Request(TimeOnly from, TimeOnly to, int duration = 30, int pause = 0, IReadOnlyList<SlotPause>? pauses = null, DateOnly? day = null, Guid? space = null, Guid? staff = null, bool noSpace = false) =>
        new(day ?? Day, from, to, duration, pause, pauses, noSpace ? null : space ?? _spaceId, staff);

    private async Task<IReadOnlyList<SlotRow>> CreateAsync(SlotRequest request, Viewer? viewer = null)
    {
        var result = await Slots.CreateAsync(viewer ?? _admin, _partnerId, request);
        Assert.True(result.IsSuccess, result.Error?.Message + string.Join(" ", result.Error?.Fields?.SelectMany(f => f.Value) ?? []));
        return result.Value!;
    }

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task ADayOfSlotsHasTheRightCountAndUtcTimesAndTellsOpenScreens()
    {
        var events = new List<LiveEvent>();
        using var _ = _db.Live.Subscribe(Topics.Partner(_partnerId), e => { events.Add(e); return Task.CompletedTask; });

        var slots = await CreateAsync(Request(T(9), T(12)));

        Assert.Equal(6, slots.Count);
        Assert.Equal(Utc(11, 24, 8), slots[0].StartsAt);
        Assert.Equal(Utc(11, 24, 11), slots[^1].EndsAt);
        Assert.All(slots, s => Assert.True(MeetingOccupancy.IsOnGrid(s.StartsAt) && MeetingOccupancy.IsOnGrid(s.EndsAt)));
        Assert.All(slots, s => Assert.Equal(("Stand B12", true), (s.SpaceName, s.IsFree)));
        Assert.Single(events.OfType<MeetingCalendarChanged>(), e => e.PartnerId == _partnerId);
    }

    [Fact]
    public async Task PreviewShowsWhatCreateWouldMakeAndWritesNothing()
    {
        var preview = await Slots.PreviewAsync(_admin, _partnerId, Request(T(9), T(12), duration: 30, pause: 10));

        // 09:00, 09:40, 10:20, 11:00; 11:40 would end after 12:00.
        Assert.Equal([T(9), T(9, 40), T(10, 20), T(11)], preview.Value!.Select(p => TimeOnly.FromDateTime(p.LocalStart)));
        Assert.Equal(T(11, 30), TimeOnly.FromDateTime(preview.Value![^1].LocalEnd));
        Assert.Equal(0, await _db.QueryAsync(db => db.MeetingSlots.CountAsync()));

        var created = await CreateAsync(Request(T(9), T(12), duration: 30, pause: 10));
        Assert.Equal(preview.Value.Select(p => p.StartsAt), created.Select(s => s.StartsAt));
    }

    [Fact]
    public async Task APauseIsKeptFreeAndTheNextMeetingStartsWhenItEnds()
    {
        var slots = await CreateAsync(Request(T(9), T(15), duration: 45, pause: 15, pauses: [new SlotPause(T(12), T(13, 30))]));

        // 09:00, 10:00, 11:00, (12:00 is lunch) 13:30; 14:30 would end after 15:00. Paris is UTC+1.
        Assert.Equal([Utc(11, 24, 8), Utc(11, 24, 9), Utc(11, 24, 10), Utc(11, 24, 12, 30)], slots.Select(s => s.StartsAt));
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromMinutes(45), s.EndsAt - s.StartsAt));
    }

    [Fact]
    public async Task TheDayTheClocksGoBackIsConvertedWithTheRightOffset()
    {
        // The night of 2026-10-24 to 25: Paris goes from UTC+2 to UTC+1 at 03:00 (01:00 UTC).
        var ev = new Event("dst-show", new LocalizedText("Salon", "Show"), Utc(10, 24, 7), Utc(10, 25, 16), "Europe/Paris");
        await _db.SaveAsync(ev);
        var partner = await _db.AddPartnerAsync(ev.Id, "Autumn");
        var admin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(ev.Id, partner.Id, MemberRole.Administrator, "admin@autumn.example")).Id);
        var space = new MeetingSpace(partner.Id, "Room", SpaceKind.Physical, null, "Hall", null, 0);
        await _db.SaveAsync(space);
        var service = Slots;

        var before = await service.CreateAsync(admin, partner.Id, new SlotRequest(new DateOnly(2026, 10, 24), T(9), T(10), 60, 0, null, space.Id, null));
        var after = await service.CreateAsync(admin, partner.Id, new SlotRequest(new DateOnly(2026, 10, 25), T(9), T(10), 60, 0, null, space.Id, null));
        Assert.Equal(Utc(10, 24, 7), before.Value!.Single().StartsAt);
        Assert.Equal(Utc(10, 25, 8), after.Value!.Single().StartsAt);

        // 01:00 to 04:00 local that night lasts four real hours: four meetings of an hour, none longer.
        var night = await service.PreviewAsync(admin, partner.Id, new SlotRequest(new DateOnly(2026, 10, 25), T(1), T(4), 60, 0, null, space.Id, null));
        Assert.Equal([Utc(10, 24, 23), Utc(10, 25, 0), Utc(10, 25, 1), Utc(10, 25, 2)], night.Value!.Select(p => p.StartsAt));
        Assert.All(night.Value!, p => Assert.Equal(TimeSpan.FromHours(1), p.EndsAt - p.StartsAt));
        Assert.Equal([T(1), T(2), T(2), T(3)], night.Value!.Select(p => TimeOnly.FromDateTime(p.LocalStart)));
    }

    [Fact]
    public void ATimeSkippedInSpringMovesForward()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

        Assert.Equal(Utc(3, 29, 1, 30), SlotService.ToUtc(new DateOnly(2026, 3, 29), T(2, 30), paris));
        Assert.Equal(Utc(3, 29, 7), SlotService.ToUtc(new DateOnly(2026, 3, 29), T(9), paris));
    }

    public static TheoryData<string, int, int, int, int, int, int, int> InvalidRequests => new()
    {
        // day offset from Day, from h, from min, to h, to min, duration, break, field
        { "day", 3, 9, 0, 12, 0, 30, 0 },
        { "day", -3, 9, 0, 12, 0, 30, 0 },
        { "from", 0, 9, 2, 12, 0, 30, 0 },
        { "to", 0, 12, 0, 9, 0, 30, 0 },
        { "to", 0, 9, 0, 9, 0, 30, 0 },
        { "duration", 0, 9, 0, 12, 0, 5, 0 },
        { "duration", 0, 9, 0, 12, 0, 32, 0 },
        { "duration", 0, 9, 0, 18, 0, 245, 0 },
        { "break", 0, 9, 0, 12, 0, 30, 7 },
        { "break", 0, 9, 0, 12, 0, 30, 125 },
        { "to", 0, 9, 0, 9, 20, 30, 0 },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task NonsenseRequestsAreRefusedByFieldAndNothingIsStored(string field, int dayOffset, int fromH, int fromM, int toH, int toM, int duration, int pause)
    {
        var result = await Slots.CreateAsync(_admin, _partnerId, Request(T(fromH, fromM), T(toH, toM), duration, pause, day: Day.AddDays(dayOffset)));

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Contains(field, result.Error.Fields!.Keys);
        Assert.Equal(0, await _db.QueryAsync(db => db.MeetingSlots.CountAsync()));
    }

    [Fact]
    public async Task TheDaysAroundTheEventAreAcceptedAndPausesSpaceAndStaffAreChecked()
    {
        Assert.True((await Slots.PreviewAsync(_admin, _partnerId, Request(T(9), T(10), day: new DateOnly(2026, 11, 22)))).IsSuccess);
        Assert.True((await Slots.PreviewAsync(_admin, _partnerId, Request(T(9), T(10), day: new DateOnly(2026, 11, 26)))).IsSuccess);

        var otherPartner = await _db.AddPartnerAsync(_eventId, "Nordlys");
        var outsider = await _db.AddMemberAsync(_eventId, otherPartner.Id, MemberRole.Administrator, "admin@nordlys.example");
        async Task<IEnumerable<string>> FieldsAsync(SlotRequest r) => (await Slots.PreviewAsync(_admin, _partnerId, r)).Error!.Fields!.Keys;

        Assert.Contains("pauses", await FieldsAsync(Request(T(9), T(12), pauses: [new SlotPause(T(11), T(13))])));
        Assert.Contains("pauses", await FieldsAsync(Request(T(9), T(12), pauses: [new SlotPause(T(11), T(10))])));
        Assert.Contains("space", await FieldsAsync(Request(T(9), T(12), noSpace: true)));
        Assert.Contains("space", await FieldsAsync(Request(T(9), T(12), space: Guid.NewGuid())));
        Assert.Contains("staff", await FieldsAsync(Request(T(9), T(12), staff: outsider.Id)));
    }

    [Fact]
    public async Task SlotsOverlappingThoseOfTheSameSpaceOrStaffMemberAreRefusedWithTheFirstClash()
    {
        await CreateAsync(Request(T(9), T(12), staff: _staff.Id));
        var otherSpace = await SpaceAsync("Video room");

        var sameSpace = await Slots.CreateAsync(_admin, _partnerId, Request(T(11, 15), T(13), duration: 45));
        Assert.Equal(ErrorKind.Validation, sameSpace.Error!.Kind);
        Assert.Equal("The slot 11:15–12:00 would overlap the existing slot 11:00–11:30 of this space.", sameSpace.Error.Fields!["slots"].Single());

        var sameStaff = await Slots.CreateAsync(_admin, _partnerId, Request(T(11, 30), T(13), space: otherSpace, staff: _staff.Id));
        Assert.Contains("11:30–12:00 of this staff member", sameStaff.Error!.Fields!["slots"].Single(), StringComparison.Ordinal);
        Assert.Equal(6, await _db.QueryAsync(db => db.MeetingSlots.CountAsync()));

        // Another space without a staff member, and back-to-back in the same space, are fine.
        Assert.Equal(6, (await CreateAsync(Request(T(9), T(12), space: otherSpace))).Count);
        Assert.Equal(2, (await CreateAsync(Request(T(12), T(13)))).Count);
    }

    [Fact]
    public async Task AnotherPartnersAdministratorIsForbiddenAndTheOrganizerIsAllowed()
    {
        var other = await _db.AddPartnerAsync(_eventId, "Nordlys");
        var stranger = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, other.Id, MemberRole.Administrator, "admin@nordlys.example")).Id);
        var organizer = new Viewer(ViewerKind.Organizer, (await _db.AddOrganizerAsync(_eventId, "orga@show.example")).Id);
        var slots = await CreateAsync(Request(T(9), T(10)));

        Assert.Equal(ErrorKind.Forbidden, (await Slots.PreviewAsync(stranger, _partnerId, Request(T(10), T(11)))).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Slots.ListAsync(stranger, _partnerId, Day, Day)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Slots.DeleteAsync(stranger, _partnerId, [slots[0].Id])).Error!.Kind);

        Assert.Equal(2, (await CreateAsync(Request(T(10), T(11)), organizer)).Count);
        Assert.Equal(4, (await Slots.ListAsync(organizer, _partnerId, Day, Day)).Value!.Count);
    }

    [Fact]
    [Trait("Spec", "S-1.8")]
    public async Task ASalesContactChoosesOnlyTheirOwnSlotsAndOnlyWhenAllowed()
    {
        var sales = new Viewer(ViewerKind.Person, _staff.Id);
        Assert.Equal(ErrorKind.Forbidden, (await Slots.PreviewAsync(sales, _partnerId, Request(T(9), T(10), staff: _staff.Id))).Error!.Kind);

        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            var options = new EventOptions(_eventId);
            options.Apply((EventOptionValues.Default with { SalesContactTab = true, SalesContactsChooseSlots = true }).Normalized());
            db.EventOptions.Add(options);
            await db.SaveChangesAsync();
        }

        // S-3.1: not registered to the event, the sales contact chooses nothing yet.
        Assert.Equal(ErrorKind.Forbidden, (await Slots.PreviewAsync(sales, _partnerId, Request(T(9), T(10), staff: _staff.Id))).Error!.Kind);
        await _db.RegisterAsync(_eventId, _staff.Id, "B-SALES");
        var own = await CreateAsync(Request(T(9), T(10), staff: _staff.Id), sales);
        Assert.Equal(_staff.FullName, own[0].StaffName);
        Assert.Contains("staff", (await Slots.PreviewAsync(sales, _partnerId, Request(T(10), T(11)))).Error!.Fields!.Keys);

        var theirs = await CreateAsync(Request(T(12), T(13)));
        Assert.Equal(ErrorKind.Forbidden, (await Slots.DeleteAsync(sales, _partnerId, [theirs[0].Id])).Error!.Kind);
        Assert.Equal(2, (await Slots.DeleteAsync(sales, _partnerId, [.. own.Select(s => s.Id)])).Value);
    }

    [Fact]
    public async Task TheListTellsFreeSlotsFromHeldOnesAndOnlyFreeSlotsAreDeleted()
    {
        var slots = await CreateAsync(Request(T(9), T(11)));
        await CreateAsync(Request(T(9), T(10), day: Day.AddDays(1)));
        var attendee = await _db.AddPersonAsync(_eventId, "lea@attendee.example");
        var meeting = await BookAsync(slots[1], attendee.Id);

        var list = (await Slots.ListAsync(_admin, _partnerId, Day, Day)).Value!;
        Assert.Equal(4, list.Count);
        Assert.Equal([true, false, true, true], list.Select(s => s.IsFree));
        Assert.Equal((meeting.Id, MeetingStatus.Pending), (list[1].MeetingId!.Value, list[1].MeetingStatus!.Value));
        Assert.Equal(6, (await Slots.ListAsync(_admin, _partnerId, Day, Day.AddDays(1))).Value!.Count);
        Assert.Contains("to", (await Slots.ListAsync(_admin, _partnerId, Day, Day.AddDays(-1))).Error!.Fields!.Keys);

        var refused = await Slots.DeleteAsync(_admin, _partnerId, [.. slots.Select(s => s.Id)]);
        Assert.Equal(ErrorKind.Conflict, refused.Error!.Kind);
        Assert.StartsWith("1 of these slots holds a pending or accepted meeting", refused.Error.Message, StringComparison.Ordinal);
        Assert.Equal(4, (await Slots.ListAsync(_admin, _partnerId, Day, Day)).Value!.Count);

        Assert.Equal(3, (await Slots.DeleteAsync(_admin, _partnerId, [slots[0].Id, slots[2].Id, slots[3].Id])).Value);
        Assert.Equal([slots[1].Id], (await Slots.ListAsync(_admin, _partnerId, Day, Day)).Value!.Select(s => s.Id));

        // A slot whose meeting ended is free again and can be deleted; the meeting keeps its own times.
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            (await db.Meetings.SingleAsync(m => m.Id == meeting.Id)).ChangeStatus(MeetingStatus.Declined, _db.Time.GetUtcNow());
            await db.MeetingOccupancy.Where(o => o.MeetingId == meeting.Id).ExecuteDeleteAsync();
            await db.SaveChangesAsync();
        }

        Assert.True((await Slots.ListAsync(_admin, _partnerId, Day, Day)).Value!.Single().IsFree);
        Assert.Equal(1, (await Slots.DeleteAsync(_admin, _partnerId, [slots[1].Id])).Value);
        var kept = await _db.QueryAsync(db => db.Meetings.SingleAsync(m => m.Id == meeting.Id));
        Assert.Equal((null, slots[1].StartsAt, MeetingStatus.Declined), (kept.SlotId, kept.StartsAt, kept.Status));
    }

    private async Task<Guid> SpaceAsync(string name)
    {
        var space = new MeetingSpace(_partnerId, name, SpaceKind.Physical, null, "Hall 2", null, 0);
        await _db.SaveAsync(space);
        return space.Id;
    }

    private async Task<Meeting> BookAsync(SlotRow row, Guid attendeeId)
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        var slot = await db.MeetingSlots.SingleAsync(s => s.Id == row.Id);
        var meeting = new Meeting(_eventId, _partnerId, slot, attendeeId, null, MeetingOrigin.AttendeeRequest, _db.Time.GetUtcNow(), null);
        db.Meetings.Add(meeting);
        db.MeetingOccupancy.AddRange(MeetingOccupancy.Of(meeting, [attendeeId]));
        await db.SaveChangesAsync();
        return meeting;
    }
}
