using Ical.Net;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>S-3.4: the iCalendar text of meetings and feeds, parsed back with Ical.Net.</summary>
[Trait("Spec", "S-3.4")]
public sealed class MeetingCalendarTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _db = new();
    private Event _event = default!;
    private Partner _acme = default!;
    private Person _lea = default!;
    private Person _hugo = default!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _event = await _db.AddEventAsync();
        _acme = await _db.AddPartnerAsync(_event.Id, "Acme; Tools, \"Inc\"");
        _lea = await _db.AddPersonAsync(_event.Id, "lea@attendee.example", "Léa", "Moreau");
        _hugo = await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.SalesContact, "hugo@acme.example");
        await _db.RegisterAsync(_event.Id, _hugo.Id, "B-HUGO"); // S-3.1: a sales contact acts for the partner once registered
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private CalendarFeedService Feeds => new(_db.Factory, _db.Time);

    [Fact]
    public void TimesAreInTheEventsTimeZoneOnBothSidesOfTheDaylightSavingChange()
    {
        // Paris leaves summer time on Sunday 25 October 2026: 10:00 is 08:00 UTC on Saturday, 09:00 UTC on Monday.
        var before = Sample(new DateTimeOffset(2026, 10, 24, 8, 0, 0, TimeSpan.Zero), MeetingStatus.Accepted);
        var after = Sample(new DateTimeOffset(2026, 10, 26, 9, 0, 0, TimeSpan.Zero), MeetingStatus.Accepted);

        var text = MeetingCalendar.Feed("Salon", "Europe/Paris", [after, before], Now);

        Assert.Contains("DTSTART;TZID=Europe/Paris:20261024T100000", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/Paris:20261026T100000", text, StringComparison.Ordinal);
        Assert.Contains("DTEND;TZID=Europe/Paris:20261026T103000", text, StringComparison.Ordinal);
        var calendar = Calendar.Load(text)!;
        Assert.Equal("PUBLISH", calendar.Method);
        Assert.Equal("Europe/Paris", Assert.Single(calendar.TimeZones).TzId);
        var events = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).ToList();
        Assert.Equal(new DateTime(2026, 10, 24, 8, 0, 0, DateTimeKind.Utc), events[0].DtStart!.AsUtc);
        Assert.Equal(new DateTime(2026, 10, 26, 9, 0, 0, DateTimeKind.Utc), events[1].DtStart!.AsUtc);
        Assert.Equal(new DateTime(2026, 10, 26, 9, 30, 0, DateTimeKind.Utc), events[1].DtEnd!.AsUtc);
    }

    [Fact]
    public void AMeetingFileSaysWhoWhereAndHowSure()
    {
        var meeting = Sample(Now.AddDays(1), MeetingStatus.Pending) with
        {
            PartnerName = "Acme; Tools, \"Inc\"",
            Space = new MeetingSpace(Guid.NewGuid(), "Video", SpaceKind.Online, "https://meet.example/acme?room=1,2", null, null, 0),
        };

        var text = MeetingCalendar.OneMeeting(meeting, Now);
        var calendar = Calendar.Load(text)!;

        // Text is escaped as RFC 5545 asks, and read back as written.
        Assert.Contains("SUMMARY:Acme\\; Tools\\, \"Inc\" – Léa Moreau", text, StringComparison.Ordinal);
        Assert.Contains("TRANSP:OPAQUE", text, StringComparison.Ordinal);

        Assert.Equal("REQUEST", calendar.Method);
        var ev = Assert.Single(calendar.Events);
        Assert.Equal(MeetingCalendar.Uid(meeting.Id), ev.Uid);
        Assert.Equal("Acme; Tools, \"Inc\" – Léa Moreau", ev.Summary);
        Assert.Equal("https://meet.example/acme?room=1,2", ev.Location);
        Assert.Equal("TENTATIVE", ev.Status);
        Assert.Equal("mailto:hugo@acme.example", ev.Organizer!.Value!.ToString());
        Assert.Equal(["mailto:lea@attendee.example", "mailto:hugo@acme.example"], ev.Attendees.Select(a => a.Value!.ToString()));
        Assert.Contains("Status: pending", ev.Description, StringComparison.Ordinal);

        var cancelled = Calendar.Load(MeetingCalendar.OneMeeting(meeting with { Status = MeetingStatus.Cancelled, Sequence = 1 }, Now))!;
        Assert.Equal("CANCEL", cancelled.Method);
        Assert.Equal("CANCELLED", Assert.Single(cancelled.Events).Status);
    }

    [Fact]
    public async Task AFeedFollowsARescheduleAndACancellationWithTheSameUid()
    {
        var first = await SlotAsync(Now.AddDays(1), 30);
        var meeting = await BookAsync(first, MeetingStatus.Accepted);
        var link = (await Feeds.GetOrCreateAsync(new Viewer(ViewerKind.Person, _lea.Id), FeedOwner.Person, _lea.Id)).Value!;

        var before = Assert.Single(Calendar.Load((await Feeds.GetFeedAsync(link.Token))!)!.Events);
        Assert.Equal(MeetingCalendar.Uid(meeting.Id), before.Uid);
        Assert.Equal("CONFIRMED", before.Status);

        // Rescheduled: same UID, later SEQUENCE, new time.
        var second = await SlotAsync(Now.AddDays(1).AddHours(2), 45);
        await ChangeAsync(meeting.Id, m => m.MoveTo(second));
        var moved = Assert.Single(Calendar.Load((await Feeds.GetFeedAsync(link.Token))!)!.Events);
        Assert.Equal(before.Uid, moved.Uid);
        Assert.True(moved.Sequence > before.Sequence);
        Assert.Equal(second.StartsAt.UtcDateTime, moved.DtStart!.AsUtc);
        Assert.Equal(second.EndsAt.UtcDateTime, moved.DtEnd!.AsUtc);

        // Cancelled: still in the feed, as CANCELLED, so subscribed calendars remove it.
        await ChangeAsync(meeting.Id, m => m.ChangeStatus(MeetingStatus.Cancelled, Now));
        var cancelled = Assert.Single(Calendar.Load((await Feeds.GetFeedAsync(link.Token))!)!.Events);
        Assert.Equal(before.Uid, cancelled.Uid);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.True(cancelled.Sequence > moved.Sequence);
    }

    [Fact]
    public async Task APersonsFeedHasTheMeetingsTheyAttendOrHostAndAPartnersFeedAllOfItsOwn()
    {
        var leas = await BookAsync(await SlotAsync(Now.AddDays(1), 30), MeetingStatus.Pending);
        var other = await _db.AddPersonAsync(_event.Id, "max@attendee.example", "Max", "Other");
        var maxs = await BookAsync(await SlotAsync(Now.AddDays(1).AddHours(1), 30), MeetingStatus.Accepted, other.Id);

        var lea = (await Feeds.GetOrCreateAsync(new Viewer(ViewerKind.Person, _lea.Id), FeedOwner.Person, _lea.Id)).Value!;
        var hugo = (await Feeds.GetOrCreateAsync(new Viewer(ViewerKind.Person, _hugo.Id), FeedOwner.Person, _hugo.Id)).Value!;
        var acme = (await Feeds.GetOrCreateAsync(new Viewer(ViewerKind.Person, _hugo.Id), FeedOwner.Partner, _acme.Id)).Value!;

        Assert.Equal([MeetingCalendar.Uid(leas.Id)], Uids(await Feeds.GetFeedAsync(lea.Token)));
        Assert.Equal([MeetingCalendar.Uid(leas.Id), MeetingCalendar.Uid(maxs.Id)], Uids(await Feeds.GetFeedAsync(hugo.Token)));
        Assert.Equal([MeetingCalendar.Uid(leas.Id), MeetingCalendar.Uid(maxs.Id)], Uids(await Feeds.GetFeedAsync(acme.Token)));
    }

    private static List<string> Uids(string? feed) =>
        Calendar.Load(feed!)!.Events.OrderBy(e => e.DtStart!.AsUtc).Select(e => e.Uid!).ToList();

    private static CalendarMeeting Sample(DateTimeOffset startsAt, MeetingStatus status) => new(
        Guid.NewGuid(),
        "Acme",
        new CalendarPerson("Léa Moreau", "lea@attendee.example"),
        new CalendarPerson("Hugo Bernard", "hugo@acme.example"),
        null,
        startsAt,
        startsAt.AddMinutes(30),
        status,
        0,
        "Europe/Paris",
        "Salon");

    private async Task<MeetingSlot> SlotAsync(DateTimeOffset startsAt, int minutes)
    {
        var slot = new MeetingSlot(_event.Id, _acme.Id, null, _hugo.Id, startsAt, startsAt.AddMinutes(minutes), Now);
        await _db.SaveAsync(slot);
        return slot;
    }

    private async Task<Meeting> BookAsync(MeetingSlot slot, MeetingStatus status, Guid? attendee = null)
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        var meeting = new Meeting(_event.Id, _acme.Id, slot, attendee ?? _lea.Id, _hugo.Id, MeetingOrigin.AttendeeRequest, Now, null);
        if (status != MeetingStatus.Pending)
        {
            meeting.ChangeStatus(status, Now);
        }

        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return meeting;
    }

    private async Task ChangeAsync(Guid meetingId, Action<Meeting> change)
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        change(await db.Meetings.SingleAsync(m => m.Id == meetingId));
        await db.SaveChangesAsync();
    }
}
