using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.10")]
public sealed class MeetingSpaceServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Ten = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _partnerId;
    private Viewer _admin = null!;

    private MeetingSpaceService Spaces => new(_db.Factory, _db.Live);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _partnerId = (await _db.AddPartnerAsync(_eventId)).Id;
        _admin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.Administrator, "admin@acme.example")).Id);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private static MeetingSpaceDraft Online(string name = "Video room", string link = "https://meet.acme.example/room") => new(name, SpaceKind.Online, link, null, null);

    private static MeetingSpaceDraft Physical(string name = "Stand B12", string place = "Hall 2, stand B12", int? capacity = 4) => new(name, SpaceKind.Physical, null, place, capacity);

    private async Task<MeetingSpaceRow> CreateAsync(MeetingSpaceDraft draft)
    {
        var result = await Spaces.CreateAsync(_admin, _partnerId, draft);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }

    private async Task<IReadOnlyList<string>> NamesAsync() => [.. (await Spaces.ListAsync(_admin, _partnerId)).Value!.Select(s => s.Name)];

    [Fact]
    public async Task CreatedSpacesComeBackInOrderCleanedAndTellOpenScreens()
    {
        var events = new List<LiveEvent>();
        using var _ = _db.Live.Subscribe(Topics.Partner(_partnerId), e => { events.Add(e); return Task.CompletedTask; });

        await CreateAsync(new MeetingSpaceDraft("  Video room  ", SpaceKind.Online, " https://meet.acme.example/x ", "ignored place", 3));
        await CreateAsync(Physical());

        var list = (await Spaces.ListAsync(_admin, _partnerId)).Value!;
        Assert.Equal(["Video room", "Stand B12"], list.Select(s => s.Name));
        Assert.Equal([0, 1], list.Select(s => s.Position));
        Assert.Equal(("https://meet.acme.example/x", (string?)null, (int?)null), (list[0].Link, list[0].Place, list[0].Capacity));
        Assert.Equal(((string?)null, "Hall 2, stand B12", (int?)4), (list[1].Link, list[1].Place, list[1].Capacity));
        Assert.Equal(2, events.OfType<MeetingCalendarChanged>().Count(e => e.PartnerId == _partnerId));
    }

    [Theory]
    [InlineData("", SpaceKind.Online, "https://meet.example", null, null, "name")]
    [InlineData("Room", SpaceKind.Online, null, null, null, "link")]
    [InlineData("Room", SpaceKind.Online, "http://meet.example", null, null, "link")]
    [InlineData("Room", SpaceKind.Online, "meet.example/room", null, null, "link")]
    [InlineData("Room", SpaceKind.Online, "javascript:alert(1)", null, null, "link")]
    [InlineData("Room", SpaceKind.Physical, null, "  ", null, "place")]
    [InlineData("Room", SpaceKind.Physical, null, "Hall 1", 0, "capacity")]
    [InlineData("Room", SpaceKind.Physical, null, "Hall 1", 501, "capacity")]
    [InlineData("Room", (SpaceKind)9, null, "Hall 1", null, "kind")]
    public async Task InvalidDraftsAreRefusedByFieldAndNothingIsStored(string name, SpaceKind kind, string? link, string? place, int? capacity, string field)
    {
        var result = await Spaces.CreateAsync(_admin, _partnerId, new MeetingSpaceDraft(name, kind, link, place, capacity));

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Contains(field, result.Error.Fields!.Keys);
        Assert.Empty(await NamesAsync());
    }

    [Fact]
    public async Task LengthsAndCapacityAreCheckedAtTheLimits()
    {
        await CreateAsync(new MeetingSpaceDraft(new string('n', MeetingSpace.NameMaxLength), SpaceKind.Physical, null, "Hall", 1));
        await CreateAsync(new MeetingSpaceDraft("Big", SpaceKind.Physical, null, "Hall", MeetingSpaceService.MaxCapacity));
        await CreateAsync(new MeetingSpaceDraft("No capacity", SpaceKind.Physical, null, "Hall", null));

        var tooLong = await Spaces.CreateAsync(_admin, _partnerId, new MeetingSpaceDraft(new string('n', MeetingSpace.NameMaxLength + 1), SpaceKind.Physical, null, new string('p', MeetingSpace.PlaceMaxLength + 1), 2));

        Assert.Equal(["name", "place"], tooLong.Error!.Fields!.Keys.Order());
    }

    [Fact]
    public async Task AnotherPartnersAdministratorIsForbiddenAndTheOrganizerIsAllowed()
    {
        var other = await _db.AddPartnerAsync(_eventId, "Nordlys");
        var stranger = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, other.Id, MemberRole.Administrator, "admin@nordlys.example")).Id);
        var organizer = new Viewer(ViewerKind.Organizer, (await _db.AddOrganizerAsync(_eventId, "orga@show.example")).Id);
        var space = await CreateAsync(Online());

        Assert.Equal(ErrorKind.Forbidden, (await Spaces.ListAsync(stranger, _partnerId)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Spaces.CreateAsync(stranger, _partnerId, Online())).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Spaces.DeleteAsync(stranger, _partnerId, space.Id)).Error!.Kind);

        Assert.True((await Spaces.CreateAsync(organizer, _partnerId, Physical())).IsSuccess);
        Assert.Equal(["Video room", "Stand B12"], (await Spaces.ListAsync(organizer, _partnerId)).Value!.Select(s => s.Name));
    }

    [Fact]
    [Trait("Spec", "S-1.8")]
    public async Task ASalesContactManagesOnlyTheKindsTheOrganizerAllows()
    {
        var sales = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.SalesContact, "sales@acme.example")).Id);
        Assert.Equal(ErrorKind.Forbidden, (await Spaces.CreateAsync(sales, _partnerId, Online())).Error!.Kind);

        await SetOptionsAsync(EventOptionValues.Default with { SalesContactTab = true, SalesContactsChooseSlots = true, SalesContactsManageSpaces = true, OnlineSpaces = true });
        var physical = await CreateAsync(Physical());

        // S-3.1: a sales contact not registered to the event manages nothing yet.
        Assert.Equal(ErrorKind.Forbidden, (await Spaces.CreateAsync(sales, _partnerId, Online())).Error!.Kind);
        await _db.RegisterAsync(_eventId, sales.Id, "B-SALES");
        Assert.True((await Spaces.CreateAsync(sales, _partnerId, Online())).IsSuccess);
        var refused = await Spaces.CreateAsync(sales, _partnerId, Physical("Table"));
        Assert.Equal(ErrorKind.Validation, refused.Error!.Kind);
        Assert.Contains("kind", refused.Error.Fields!.Keys);
        Assert.Equal(ErrorKind.Forbidden, (await Spaces.DeleteAsync(sales, _partnerId, physical.Id)).Error!.Kind);

        // Without "choose slots" (the parent option) the sub-options are off (Normalized).
        await SetOptionsAsync(EventOptionValues.Default with { SalesContactTab = true, SalesContactsManageSpaces = true, OnlineSpaces = true });
        Assert.Equal(ErrorKind.Forbidden, (await Spaces.CreateAsync(sales, _partnerId, Online("Other"))).Error!.Kind);
    }

    [Fact]
    public async Task AnEditOverAStaleVersionIsAConflictAndKeepsTheOtherEdit()
    {
        var space = await CreateAsync(Online());
        var saved = await Spaces.EditAsync(_admin, _partnerId, space.Id, space.Version, Physical("Room 3", "First floor", 8));
        Assert.Equal(space.Version + 1, saved.Value!.Version);
        Assert.Equal((SpaceKind.Physical, (string?)null), (saved.Value.Kind, saved.Value.Link));

        var stale = await Spaces.EditAsync(_admin, _partnerId, space.Id, space.Version, Online("Other"));

        Assert.Equal(ErrorKind.Conflict, stale.Error!.Kind);
        Assert.Equal(["Room 3"], await NamesAsync());
        Assert.Equal(ErrorKind.NotFound, (await Spaces.EditAsync(_admin, _partnerId, Guid.NewGuid(), 0, Online())).Error!.Kind);
    }

    [Fact]
    public async Task ReorderPutsTheSpacesInTheGivenOrderAndAStaleOrderIsAConflict()
    {
        var a = await CreateAsync(Online("A"));
        var b = await CreateAsync(Online("B"));
        var c = await CreateAsync(Online("C"));

        var result = await Spaces.ReorderAsync(_admin, _partnerId, [c.Id, a.Id, b.Id]);
        Assert.Equal(["C", "A", "B"], result.Value!.Select(s => s.Name));

        Assert.Equal(ErrorKind.Conflict, (await Spaces.ReorderAsync(_admin, _partnerId, [a.Id, b.Id])).Error!.Kind);
        Assert.Equal(["C", "A", "B"], await NamesAsync());
    }

    [Fact]
    public async Task ASpaceWithLiveMeetingsCannotBeDeletedAndSaysHowMany()
    {
        var space = await CreateAsync(Physical());
        var attendee = await _db.AddPersonAsync(_eventId, "lea@attendee.example");
        var first = await SlotAsync(space.Id, Ten);
        var second = await SlotAsync(space.Id, Ten.AddMinutes(30));
        var meetings = new[] { await BookAsync(first, attendee.Id), await BookAsync(second, attendee.Id) };

        var refused = await Spaces.DeleteAsync(_admin, _partnerId, space.Id);

        Assert.Equal(ErrorKind.Conflict, refused.Error!.Kind);
        Assert.Contains("2 pending or accepted meetings", refused.Error.Message, StringComparison.Ordinal);
        Assert.Equal(["Stand B12"], await NamesAsync());

        // Once the meetings ended, the space goes with its slots; the ended meetings keep their times.
        await EndAsync(meetings[0].Id);
        await EndAsync(meetings[1].Id);
        await SlotAsync(space.Id, Ten.AddHours(2));
        Assert.True((await Spaces.DeleteAsync(_admin, _partnerId, space.Id)).IsSuccess);
        Assert.Empty(await NamesAsync());
        Assert.Equal(0, await _db.QueryAsync(db => db.MeetingSlots.CountAsync()));
        var ended = await _db.QueryAsync(db => db.Meetings.OrderBy(m => m.StartsAt).ToListAsync());
        Assert.Equal([(null, Ten), (null, Ten.AddMinutes(30))], ended.Select(m => (m.SlotId, m.StartsAt)));
    }

    [Fact]
    public async Task DeletingASpaceClosesUpThePositions()
    {
        var a = await CreateAsync(Online("A"));
        await CreateAsync(Online("B"));
        await CreateAsync(Online("C"));

        Assert.True((await Spaces.DeleteAsync(_admin, _partnerId, a.Id)).IsSuccess);

        Assert.Equal([0, 1], (await Spaces.ListAsync(_admin, _partnerId)).Value!.Select(s => s.Position));
        Assert.Equal(ErrorKind.NotFound, (await Spaces.DeleteAsync(_admin, _partnerId, a.Id)).Error!.Kind);
    }

    private async Task SetOptionsAsync(EventOptionValues values)
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        var options = await db.EventOptions.FirstOrDefaultAsync(o => o.EventId == _eventId);
        if (options is null)
        {
            options = new EventOptions(_eventId);
            db.EventOptions.Add(options);
        }

        options.Apply(values.Normalized());
        await db.SaveChangesAsync();
    }

    private async Task<MeetingSlot> SlotAsync(Guid spaceId, DateTimeOffset startsAt)
    {
        var slot = new MeetingSlot(_eventId, _partnerId, spaceId, null, startsAt, startsAt.AddMinutes(30), Ten);
        await _db.SaveAsync(slot);
        return slot;
    }

    private async Task<Meeting> BookAsync(MeetingSlot slot, Guid attendeeId)
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        var meeting = new Meeting(_eventId, _partnerId, slot, attendeeId, null, MeetingOrigin.AttendeeRequest, Ten, null);
        db.Meetings.Add(meeting);
        db.MeetingOccupancy.AddRange(MeetingOccupancy.Of(meeting, [attendeeId]));
        await db.SaveChangesAsync();
        return meeting;
    }

    private async Task EndAsync(Guid meetingId)
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        var stored = await db.Meetings.SingleAsync(m => m.Id == meetingId);
        stored.ChangeStatus(MeetingStatus.Declined, Ten);
        await db.MeetingOccupancy.Where(o => o.MeetingId == meetingId).ExecuteDeleteAsync();
        await db.SaveChangesAsync();
    }
}
