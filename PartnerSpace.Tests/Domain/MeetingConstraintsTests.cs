using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>
/// S-3.5, ADR 0009: the database itself refuses a second live meeting in a slot and a person in two
/// meetings at once, on a real database (SQLite, or PostgreSQL in the scale-out run) and under real concurrency; the services of issue 6
/// turn these refusals into clear answers.
/// </summary>
[Trait("Spec", "S-3.5")]
[Trait("Spec", "S-2.9")]
public sealed class MeetingConstraintsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Ten = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _db = new();
    private Event _event = default!;
    private Partner _acme = default!;
    private Partner _nordlys = default!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _event = await _db.AddEventAsync();
        _acme = await _db.AddPartnerAsync(_event.Id, "Acme");
        _nordlys = await _db.AddPartnerAsync(_event.Id, "Nordlys");
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task ASlotHoldsOneLiveMeetingAndIsFreedWhenItEnds()
    {
        var slot = await SlotAsync(_acme, Ten, 30);
        var first = await PersonAsync("first");
        var second = await PersonAsync("second");
        var held = await BookAsync(slot, first.Id);

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => BookAsync(slot, second.Id));
        Assert.True(UniqueViolation.Is(refused)); // SQLITE_CONSTRAINT_UNIQUE, or PostgreSQL's 23505

        await EndAsync(held, MeetingStatus.Declined);
        var booked = await BookAsync(slot, second.Id);
        Assert.Equal(slot.Id, booked.SlotId);
        Assert.Equal(2, await _db.QueryAsync(db => db.Meetings.CountAsync(m => m.SlotId == slot.Id)));
    }

    [Fact]
    public async Task APersonIsNeverInTwoOverlappingMeetingsButBackToBackIsFine()
    {
        var lea = await PersonAsync("lea");
        await BookAsync(await SlotAsync(_acme, Ten, 30), lea.Id);

        // Another partner's slot that overlaps by 15 minutes: the person's cells collide.
        var overlapping = await SlotAsync(_nordlys, Ten.AddMinutes(15), 30);
        await Assert.ThrowsAsync<DbUpdateException>(() => BookAsync(overlapping, lea.Id));
        Assert.Equal(0, await _db.QueryAsync(db => db.Meetings.CountAsync(m => m.SlotId == overlapping.Id)));

        var next = await BookAsync(await SlotAsync(_nordlys, Ten.AddMinutes(30), 30), lea.Id);
        Assert.Equal(12, await _db.QueryAsync(db => db.MeetingOccupancy.CountAsync(o => o.PersonId == lea.Id)));

        // Cancelling frees the person's time: the overlapping slot can now be booked.
        await EndAsync(next, MeetingStatus.Cancelled);
        await EndAsync(await _db.QueryAsync(db => db.Meetings.SingleAsync(m => m.AttendeePersonId == lea.Id && m.Status == MeetingStatus.Pending)), MeetingStatus.Cancelled);
        await BookAsync(overlapping, lea.Id);
    }

    [Fact]
    public async Task FiftyConcurrentRequestsForOneSlotLeaveExactlyOneMeeting()
    {
        var slot = await SlotAsync(_acme, Ten, 30);
        var people = new List<Person>();
        for (var i = 0; i < 50; i++)
        {
            people.Add(await PersonAsync($"guest{i}"));
        }

        using var start = new ManualResetEventSlim(false);
        var attempts = people.Select(p => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await BookAsync(slot, p.Id);
                return true;
            }
            catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
            {
                return false;
            }
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(ok => ok));
        Assert.Equal(49, outcomes.Count(ok => !ok));
        Assert.Equal(1, await _db.QueryAsync(db => db.Meetings.CountAsync(m => m.SlotId == slot.Id)));
        Assert.Equal(6, await _db.QueryAsync(db => db.MeetingOccupancy.CountAsync()));
    }

    [Fact]
    public async Task DeletingAPartnerRemovesItsSlotsAndMeetings()
    {
        var slot = await SlotAsync(_acme, Ten, 30);
        await BookAsync(slot, (await PersonAsync("lea")).Id);

        await _db.QueryAsync(db => db.Partners.Where(p => p.Id == _acme.Id).ExecuteDeleteAsync());

        Assert.Equal(0, await _db.QueryAsync(db => db.MeetingSlots.CountAsync()));
        Assert.Equal(0, await _db.QueryAsync(db => db.Meetings.CountAsync()));
        Assert.Equal(0, await _db.QueryAsync(db => db.MeetingOccupancy.CountAsync()));
    }

    [Fact]
    public void SlotsAreOnTheFiveMinuteGrid()
    {
        Assert.True(MeetingOccupancy.IsOnGrid(Ten.AddMinutes(35)));
        Assert.False(MeetingOccupancy.IsOnGrid(Ten.AddMinutes(7)));
        Assert.Throws<ArgumentException>(() => new MeetingSlot(_event.Id, _acme.Id, null, null, Ten.AddMinutes(2), Ten.AddMinutes(30), Ten));
        Assert.Throws<ArgumentException>(() => new MeetingSlot(_event.Id, _acme.Id, null, null, Ten, Ten, Ten));
    }

    [Fact]
    public async Task OneCalendarLinkInUsePerOwnerAndEachTokenOnce()
    {
        var lea = await PersonAsync("lea");
        var old = new CalendarFeed(_event.Id, FeedOwner.Person, lea.Id, new string('a', 64), Ten);
        await _db.SaveAsync(old);
        await Assert.ThrowsAsync<DbUpdateException>(() => _db.SaveAsync(new CalendarFeed(_event.Id, FeedOwner.Person, lea.Id, new string('b', 64), Ten)));

        // Regenerating: the old link is revoked, then the new one is in use.
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            var stored = await db.CalendarFeeds.SingleAsync();
            stored.Revoke(Ten.AddDays(1));
            db.CalendarFeeds.Add(new CalendarFeed(_event.Id, FeedOwner.Person, lea.Id, new string('b', 64), Ten.AddDays(1)));
            await db.SaveChangesAsync();
        }

        await Assert.ThrowsAsync<DbUpdateException>(() => _db.SaveAsync(new CalendarFeed(_event.Id, FeedOwner.Partner, _acme.Id, new string('b', 64), Ten)));
    }

    private async Task<MeetingSlot> SlotAsync(Partner partner, DateTimeOffset startsAt, int minutes)
    {
        var slot = new MeetingSlot(_event.Id, partner.Id, null, null, startsAt, startsAt.AddMinutes(minutes), Ten);
        await _db.SaveAsync(slot);
        return slot;
    }

    private Task<Person> PersonAsync(string name) => _db.AddPersonAsync(_event.Id, $"{name}@attendee.example", name, "Guest");

    /// <summary>What issue 6's request does in one transaction: the meeting and its people's time cells.</summary>
    private async Task<Meeting> BookAsync(MeetingSlot slot, Guid attendeeId)
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        var meeting = new Meeting(_event.Id, slot.PartnerId, slot, attendeeId, null, MeetingOrigin.AttendeeRequest, Ten, Ten.AddDays(2));
        db.Meetings.Add(meeting);
        db.MeetingOccupancy.AddRange(MeetingOccupancy.Of(meeting, [attendeeId]));
        await db.SaveChangesAsync();
        return meeting;
    }

    private async Task EndAsync(Meeting meeting, MeetingStatus status)
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var stored = await db.Meetings.SingleAsync(m => m.Id == meeting.Id);
        stored.ChangeStatus(status, Ten);
        await db.MeetingOccupancy.Where(o => o.MeetingId == meeting.Id).ExecuteDeleteAsync();
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }
}
