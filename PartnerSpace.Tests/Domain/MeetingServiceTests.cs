using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>
/// S-2.9, S-3.5, S-5: the meeting lifecycle through <see cref="MeetingService"/> on a real SQLite
/// file: who may do what, the refusals in words, occupancy following the meeting, live events.
/// </summary>
[Trait("Spec", "S-2.9")]
[Trait("Spec", "S-3.5")]
public sealed class MeetingServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Tomorrow = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _db = new();
    private Event _event = default!;
    private Partner _acme = default!;
    private Partner _nordlys = default!;
    private Viewer _acmeAdmin = default!;
    private Viewer _acmeSales = default!;
    private Viewer _nordlysAdmin = default!;
    private Viewer _organizer = default!;
    private Viewer _lea = default!;
    private Viewer _tom = default!;

    private MeetingService Meetings => new(_db.Factory, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _event = await _db.AddEventAsync();
        _acme = await _db.AddPartnerAsync(_event.Id, "Acme");
        _nordlys = await _db.AddPartnerAsync(_event.Id, "Nordlys");
        _acmeAdmin = Person((await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.Administrator, "admin@acme.example")).Id);
        _acmeSales = Person((await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.SalesContact, "sales@acme.example")).Id);
        await _db.RegisterAsync(_event.Id, _acmeSales.Id, "B-SALES");
        await _db.SetOptionsAsync(_event.Id, EventOptionValues.Default with { SalesContactsContactAttendees = true });
        _nordlysAdmin = Person((await _db.AddMemberAsync(_event.Id, _nordlys.Id, MemberRole.Administrator, "admin@nordlys.example")).Id);
        _organizer = new Viewer(ViewerKind.Organizer, (await _db.AddOrganizerAsync(_event.Id, "orga@show.example")).Id);
        _lea = Person((await _db.AddAttendeeAsync(_event.Id, "B-LEA", "lea@guest.example", "Léa", "Martin")).PersonId);
        _tom = Person((await _db.AddAttendeeAsync(_event.Id, "B-TOM", "tom@guest.example", "Tom", "Hardy")).PersonId);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task AnAttendeeRequestsAFreeSlotWithAMessageAndItWaitsFortyEightHours()
    {
        var slot = await SlotAsync(_acme, Tomorrow, 30, staff: _acmeSales.Id);

        var id = Ok(await Meetings.RequestAsync(_lea, slot.Id, "  Hello, shall we talk about pricing?  "));

        var meeting = await MeetingAsync(id);
        Assert.Equal(MeetingStatus.Pending, meeting.Status);
        Assert.Equal(MeetingOrigin.AttendeeRequest, meeting.Origin);
        Assert.Equal(_acmeSales.Id, meeting.HostPersonId);
        Assert.Equal(_db.Time.GetUtcNow() + TimeSpan.FromHours(48), meeting.ExpiresAt);

        // Attendee and host: 6 cells each.
        Assert.Equal(12, await _db.QueryAsync(db => db.MeetingOccupancy.CountAsync(o => o.MeetingId == id)));
        var thread = Ok(await Meetings.ListMessagesAsync(_acmeAdmin, id));
        Assert.Equal("Hello, shall we talk about pricing?", Assert.Single(thread).Body);
        Assert.Equal("Léa Martin", thread[0].AuthorName);
    }

    [Fact]
    public async Task ARequestIsRefusedToNonAttendeesAndTooLongMessagesAndTakenSlots()
    {
        var slot = await SlotAsync(_acme, Tomorrow, 30);

        Assert.Equal(ErrorKind.Forbidden, (await Meetings.RequestAsync(_organizer, slot.Id, null)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Meetings.RequestAsync(_nordlysAdmin, slot.Id, null)).Error!.Kind);
        var tooLong = await Meetings.RequestAsync(_lea, slot.Id, new string('x', Meeting.MessageMaxLength + 1));
        Assert.Equal(ErrorKind.Validation, tooLong.Error!.Kind);
        Assert.Contains("message", tooLong.Error.Fields!.Keys);
        Assert.Equal(ErrorKind.NotFound, (await Meetings.RequestAsync(_lea, Guid.NewGuid(), null)).Error!.Kind);

        Ok(await Meetings.RequestAsync(_lea, slot.Id, new string('x', Meeting.MessageMaxLength)));
        var taken = await Meetings.RequestAsync(_tom, slot.Id, null);
        Assert.Equal(ErrorKind.Conflict, taken.Error!.Kind);
        Assert.Equal("This slot was just taken.", taken.Error.Message);
    }

    [Fact]
    public async Task ThePartnerAcceptsARequestButTheAttendeeCannotAnswerTheirOwn()
    {
        var slot = await SlotAsync(_acme, Tomorrow, 30);
        var id = Ok(await Meetings.RequestAsync(_lea, slot.Id, null));

        Assert.Equal(ErrorKind.Forbidden, (await Meetings.AcceptAsync(_lea, id, 0)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Meetings.AcceptAsync(_tom, id, 0)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Meetings.AcceptAsync(_nordlysAdmin, id, 0)).Error!.Kind);

        Ok(await Meetings.AcceptAsync(_acmeSales, id, 0));
        var meeting = await MeetingAsync(id);
        Assert.Equal(MeetingStatus.Accepted, meeting.Status);
        Assert.Equal(1, meeting.Sequence);

        var again = await Meetings.DeclineAsync(_acmeAdmin, id, meeting.Version);
        Assert.Equal("This meeting was already accepted.", again.Error!.Message);
    }

    [Fact]
    public async Task ADeclinedRequestFreesTheSlotAndCannotBeAnsweredAgain()
    {
        var slot = await SlotAsync(_acme, Tomorrow, 30);
        var id = Ok(await Meetings.RequestAsync(_lea, slot.Id, null));

        Ok(await Meetings.DeclineAsync(_acmeAdmin, id, 0));

        Assert.Equal(MeetingStatus.Declined, (await MeetingAsync(id)).Status);
        Assert.Equal(0, await _db.QueryAsync(db => db.MeetingOccupancy.CountAsync()));
        var late = await Meetings.AcceptAsync(_acmeSales, id, 1);
        Assert.Equal(ErrorKind.Conflict, late.Error!.Kind);
        Assert.Equal("This request was already declined.", late.Error.Message);
        Ok(await Meetings.RequestAsync(_tom, slot.Id, null));
    }

    [Fact]
    public async Task AnInvitationIsAnsweredByTheAttendeeAndOrganizersMayInviteForThePartner()
    {
        var first = await SlotAsync(_acme, Tomorrow, 30);
        var second = await SlotAsync(_acme, Tomorrow.AddHours(1), 30);

        Assert.Equal(ErrorKind.Forbidden, (await Meetings.InviteAsync(_nordlysAdmin, first.Id, _lea.Id, null)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Meetings.InviteAsync(_tom, first.Id, _lea.Id, null)).Error!.Kind);
        Assert.Equal(ErrorKind.Validation, (await Meetings.InviteAsync(_acmeSales, first.Id, _acmeAdmin.Id, null)).Error!.Kind);

        var invited = Ok(await Meetings.InviteAsync(_acmeSales, first.Id, _lea.Id, "Come by our stand"));
        var meeting = await MeetingAsync(invited);
        Assert.Equal(MeetingOrigin.PartnerInvitation, meeting.Origin);
        Assert.Equal(_acmeSales.Id, meeting.HostPersonId);
        Assert.Equal(ErrorKind.Forbidden, (await Meetings.AcceptAsync(_acmeAdmin, invited, 0)).Error!.Kind);
        Ok(await Meetings.AcceptAsync(_lea, invited, 0));

        var byOrganizer = Ok(await Meetings.InviteAsync(_organizer, second.Id, _tom.Id, null));
        Assert.Null((await MeetingAsync(byOrganizer)).HostPersonId);
        Ok(await Meetings.DeclineAsync(_tom, byOrganizer, 0));
    }

    [Fact]
    public async Task EitherSideCancelsButOnlyTheirOwnMeetings()
    {
        var first = Ok(await Meetings.RequestAsync(_lea, (await SlotAsync(_acme, Tomorrow, 30)).Id, null));
        var second = Ok(await Meetings.RequestAsync(_tom, (await SlotAsync(_acme, Tomorrow.AddHours(1), 30)).Id, null));
        var third = Ok(await Meetings.RequestAsync(_tom, (await SlotAsync(_acme, Tomorrow.AddHours(2), 30)).Id, null));

        Assert.Equal(ErrorKind.NotFound, (await Meetings.CancelAsync(_tom, first, 0)).Error!.Kind);
        Ok(await Meetings.CancelAsync(_lea, first, 0));
        Ok(await Meetings.CancelAsync(_acmeSales, second, 0));
        Ok(await Meetings.CancelAsync(_organizer, third, 0));

        Assert.Equal(3, await _db.QueryAsync(db => db.Meetings.CountAsync(m => m.Status == MeetingStatus.Cancelled)));
        Assert.Equal(0, await _db.QueryAsync(db => db.MeetingOccupancy.CountAsync()));
        Assert.Equal("This meeting was already cancelled.", (await Meetings.CancelAsync(_lea, first, 1)).Error!.Message);
    }

    [Fact]
    public async Task AStaleVersionIsAConflictAndChangesNothing()
    {
        var id = Ok(await Meetings.RequestAsync(_lea, (await SlotAsync(_acme, Tomorrow, 30)).Id, null));
        Ok(await Meetings.ReassignAsync(_acmeAdmin, id, _acmeSales.Id, 0));

        var stale = await Meetings.AcceptAsync(_acmeAdmin, id, 0);

        Assert.Equal(ErrorKind.Conflict, stale.Error!.Kind);
        Assert.Equal("changed", stale.Error.Code);
        Assert.Equal(MeetingStatus.Pending, (await MeetingAsync(id)).Status);
    }

    [Fact]
    public async Task ReschedulingMovesTheOccupancyAndFreesTheOldSlot()
    {
        var old = await SlotAsync(_acme, Tomorrow, 30);
        var next = await SlotAsync(_acme, Tomorrow.AddHours(2), 45);
        var elsewhere = await SlotAsync(_nordlys, Tomorrow.AddHours(4), 30);
        var id = Ok(await Meetings.RequestAsync(_lea, old.Id, null));
        Ok(await Meetings.AcceptAsync(_acmeAdmin, id, 0));

        Assert.Equal(ErrorKind.Forbidden, (await Meetings.RescheduleAsync(_lea, id, next.Id, 1)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Meetings.RescheduleAsync(_acmeAdmin, id, elsewhere.Id, 1)).Error!.Kind);
        var held = Ok(await Meetings.RequestAsync(_tom, (await SlotAsync(_acme, Tomorrow.AddHours(6), 30)).Id, null));
        var heldSlot = (await MeetingAsync(held)).SlotId!.Value;
        Assert.Equal("This slot was just taken.", (await Meetings.RescheduleAsync(_acmeAdmin, id, heldSlot, 1)).Error!.Message);
        Assert.Equal(old.Id, (await MeetingAsync(id)).SlotId);
        Ok(await Meetings.RescheduleAsync(_acmeAdmin, id, next.Id, 1));

        var meeting = await MeetingAsync(id);
        Assert.Equal((next.Id, next.StartsAt, MeetingStatus.Accepted, 2), (meeting.SlotId, meeting.StartsAt, meeting.Status, meeting.Sequence));
        var cells = await _db.QueryAsync(db => db.MeetingOccupancy.Where(o => o.MeetingId == id).Select(o => o.CellStart).ToListAsync());
        Assert.Equal(9, cells.Count);
        Assert.All(cells, c => Assert.True(c >= next.StartsAt && c < next.EndsAt));
        Ok(await Meetings.RequestAsync(_tom, old.Id, null));
    }

    [Fact]
    public async Task ReassigningGivesTheMeetingToAnotherSalesContactOrAdministratorOnly()
    {
        var id = Ok(await Meetings.RequestAsync(_lea, (await SlotAsync(_acme, Tomorrow, 30)).Id, null));

        Assert.Equal(ErrorKind.Validation, (await Meetings.ReassignAsync(_acmeAdmin, id, _nordlysAdmin.Id, 0)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Meetings.ReassignAsync(_lea, id, _acmeSales.Id, 0)).Error!.Kind);
        Ok(await Meetings.ReassignAsync(_acmeAdmin, id, _acmeSales.Id, 0));
        Ok(await Meetings.ReassignAsync(_organizer, id, _acmeAdmin.Id, 1));

        Assert.Equal(_acmeAdmin.Id, (await MeetingAsync(id)).HostPersonId);
        var people = await _db.QueryAsync(db => db.MeetingOccupancy.Where(o => o.MeetingId == id).Select(o => o.PersonId).Distinct().ToListAsync());
        Assert.Equal(new[] { _lea.Id, _acmeAdmin.Id }.Order(), people.Order());
    }

    [Fact]
    public async Task AHostAlreadyBusyCannotBeGivenAnOverlappingMeeting()
    {
        Ok(await Meetings.RequestAsync(_tom, (await SlotAsync(_acme, Tomorrow, 30, staff: _acmeSales.Id)).Id, null));
        var id = Ok(await Meetings.RequestAsync(_lea, (await SlotAsync(_acme, Tomorrow.AddMinutes(15), 30)).Id, null));

        var busy = await Meetings.ReassignAsync(_acmeAdmin, id, _acmeSales.Id, 0);

        Assert.Equal("This person already has a meeting at that time.", busy.Error!.Message);
        Assert.Null((await MeetingAsync(id)).HostPersonId);
    }

    [Fact]
    public async Task APersonDoubleBookedAcrossTwoPartnersIsToldTheyAlreadyHaveAMeeting()
    {
        Ok(await Meetings.RequestAsync(_lea, (await SlotAsync(_acme, Tomorrow, 30)).Id, null));
        var overlapping = await SlotAsync(_nordlys, Tomorrow.AddMinutes(15), 30);

        var refused = await Meetings.RequestAsync(_lea, overlapping.Id, null);

        Assert.Equal(ErrorKind.Conflict, refused.Error!.Kind);
        Assert.Equal("You already have a meeting at that time.", refused.Error.Message);
        Assert.Equal(0, await _db.QueryAsync(db => db.Meetings.CountAsync(m => m.SlotId == overlapping.Id)));
        Ok(await Meetings.RequestAsync(_lea, (await SlotAsync(_nordlys, Tomorrow.AddMinutes(30), 30)).Id, null));
    }

    [Fact]
    public async Task ExpiryEndsPendingMeetingsPastTheirDelayAndFreesTheirSlots()
    {
        var slot = await SlotAsync(_acme, Tomorrow.AddDays(3), 30);
        var expiring = Ok(await Meetings.RequestAsync(_lea, slot.Id, null));
        var accepted = Ok(await Meetings.RequestAsync(_tom, (await SlotAsync(_acme, Tomorrow.AddDays(3).AddHours(1), 30)).Id, null));
        Ok(await Meetings.AcceptAsync(_acmeAdmin, accepted, 0));
        var now = _db.Time.GetUtcNow();

        Assert.Equal(0, await Meetings.ExpireDueAsync(now.AddHours(47)));
        Assert.Equal(1, await Meetings.ExpireDueAsync(now.AddHours(48)));

        Assert.Equal(MeetingStatus.Expired, (await MeetingAsync(expiring)).Status);
        Assert.Equal(MeetingStatus.Accepted, (await MeetingAsync(accepted)).Status);
        Assert.Equal(0, await _db.QueryAsync(db => db.MeetingOccupancy.CountAsync(o => o.MeetingId == expiring)));
        Assert.Equal("This request has expired.", (await Meetings.AcceptAsync(_acmeAdmin, expiring, 1)).Error!.Message);
        Ok(await Meetings.RequestAsync(_tom, slot.Id, null));
    }

    [Fact]
    public async Task TheExpiryRoundOfTheWebHostExpiresWhatIsDueNow()
    {
        var id = Ok(await Meetings.RequestAsync(_lea, (await SlotAsync(_acme, Tomorrow.AddDays(3), 30)).Id, null));
        var round = new PartnerSpace.Web.Features.Meetings.MeetingExpiryService(Meetings, _db.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<PartnerSpace.Web.Features.Meetings.MeetingExpiryService>.Instance);

        Assert.Equal(0, await round.RunOnceAsync());
        _db.Time.Advance(TimeSpan.FromHours(48));
        Assert.Equal(1, await round.RunOnceAsync());

        Assert.Equal(MeetingStatus.Expired, (await MeetingAsync(id)).Status);
    }

    [Fact]
    public async Task FiftyConcurrentRequestsForOneSlotGiveOnePendingMeetingAndFortyNineClearRefusals()
    {
        var slot = await SlotAsync(_acme, Tomorrow, 30);
        var guests = new List<Viewer>();
        for (var i = 0; i < 50; i++)
        {
            guests.Add(Person((await _db.AddAttendeeAsync(_event.Id, $"B-{i}", $"guest{i}@guest.example")).PersonId));
        }

        using var start = new ManualResetEventSlim(false);
        var attempts = guests.Select(g => Task.Run(async () =>
        {
            start.Wait();
            return await Meetings.RequestAsync(g, slot.Id, null);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.IsSuccess);
        var refused = results.Where(r => !r.IsSuccess).ToList();
        Assert.Equal(49, refused.Count);
        Assert.All(refused, r => Assert.Equal((ErrorKind.Conflict, "This slot was just taken."), (r.Error!.Kind, r.Error.Message)));
        Assert.Equal(1, await _db.QueryAsync(db => db.Meetings.CountAsync(m => m.SlotId == slot.Id && m.Status == MeetingStatus.Pending)));
    }

    [Fact]
    public async Task TheThreadIsForTheParticipantsOnly()
    {
        var id = Ok(await Meetings.RequestAsync(_lea, (await SlotAsync(_acme, Tomorrow, 30)).Id, null));

        Ok(await Meetings.AddMessageAsync(_acmeSales, id, "See you at stand B12"));
        _db.Time.Advance(TimeSpan.FromMinutes(1));
        Ok(await Meetings.AddMessageAsync(_lea, id, "Great"));

        Assert.Equal(ErrorKind.NotFound, (await Meetings.AddMessageAsync(_tom, id, "Hi")).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Meetings.ListMessagesAsync(_nordlysAdmin, id)).Error!.Kind);
        Assert.Equal(ErrorKind.Validation, (await Meetings.AddMessageAsync(_lea, id, "   ")).Error!.Kind);
        Assert.Equal(ErrorKind.Validation, (await Meetings.AddMessageAsync(_lea, id, new string('x', 2001))).Error!.Kind);
        Assert.Equal(["See you at stand B12", "Great"], Ok(await Meetings.ListMessagesAsync(_lea, id)).Select(m => m.Body));
    }

    [Fact]
    public async Task ListsFilterThePartnersMeetingsAndShowTheAttendeeTheirOwn()
    {
        var received = Ok(await Meetings.RequestAsync(_lea, (await SlotAsync(_acme, Tomorrow, 30)).Id, null));
        var sent = Ok(await Meetings.InviteAsync(_acmeAdmin, (await SlotAsync(_acme, Tomorrow.AddHours(1), 30)).Id, _tom.Id, null));
        var later = Ok(await Meetings.RequestAsync(_lea, (await SlotAsync(_acme, Tomorrow.AddDays(1), 30)).Id, null));
        Ok(await Meetings.RequestAsync(_lea, (await SlotAsync(_nordlys, Tomorrow.AddHours(3), 30)).Id, null));
        Ok(await Meetings.AcceptAsync(_acmeAdmin, later, 0));

        Assert.Equal([received, sent, later], Ok(await Meetings.ListForPartnerAsync(_acmeSales, _acme.Id)).Select(m => m.Id));
        Assert.Equal([received], Ok(await Meetings.ListForPartnerAsync(_acmeAdmin, _acme.Id, new MeetingFilter(MeetingStatus.Pending, MeetingDirection.Received))).Select(m => m.Id));
        Assert.Equal([sent], Ok(await Meetings.ListForPartnerAsync(_organizer, _acme.Id, new MeetingFilter(Direction: MeetingDirection.Sent))).Select(m => m.Id));
        Assert.Equal([later], Ok(await Meetings.ListForPartnerAsync(_acmeAdmin, _acme.Id, new MeetingFilter(From: Tomorrow.AddHours(12)))).Select(m => m.Id));
        Assert.Equal(ErrorKind.Forbidden, (await Meetings.ListForPartnerAsync(_nordlysAdmin, _acme.Id)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Meetings.ListForPartnerAsync(_lea, _acme.Id)).Error!.Kind);

        var mine = await Meetings.ListForAttendeeAsync(_lea, _event.Id);
        Assert.Equal(3, mine.Count);
        Assert.Equal(["Acme", "Nordlys", "Acme"], mine.Select(m => m.PartnerName));
        Assert.Equal("Léa Martin", mine[0].AttendeeName);
    }

    [Fact]
    [Trait("Spec", "S-2.1")]
    public async Task TheHomeCountersCountUpcomingAcceptedMeetingsAndPendingRequestsReceived()
    {
        var accepted = Ok(await Meetings.RequestAsync(_lea, (await SlotAsync(_acme, Tomorrow, 30)).Id, null));
        Ok(await Meetings.AcceptAsync(_acmeAdmin, accepted, 0));
        Ok(await Meetings.RequestAsync(_tom, (await SlotAsync(_acme, Tomorrow.AddHours(1), 30)).Id, null));
        Ok(await Meetings.InviteAsync(_acmeAdmin, (await SlotAsync(_acme, Tomorrow.AddHours(2), 30)).Id, _lea.Id, null));

        Assert.Equal(1, await new MeetingsCounter(Meetings).CountAsync(_acme.Id));
        Assert.Equal(1, await new PendingRequestsCounter(Meetings).CountAsync(_acme.Id));
        Assert.Equal(0, await new MeetingsCounter(Meetings).CountAsync(_nordlys.Id));

        _db.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await new MeetingsCounter(Meetings).CountAsync(_acme.Id));
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task EachChangeIsToldToThePartnerAndToTheAttendee()
    {
        var partnerEvents = new List<LiveEvent>();
        var personEvents = new List<LiveEvent>();
        using var p = _db.Live.Subscribe(Topics.Partner(_acme.Id), e => { lock (partnerEvents) { partnerEvents.Add(e); } return Task.CompletedTask; });
        using var a = _db.Live.Subscribe(Topics.Person(_lea.Id), e => { lock (personEvents) { personEvents.Add(e); } return Task.CompletedTask; });

        var id = Ok(await Meetings.RequestAsync(_lea, (await SlotAsync(_acme, Tomorrow, 30)).Id, null));
        Ok(await Meetings.AcceptAsync(_acmeAdmin, id, 0));
        Ok(await Meetings.AddMessageAsync(_acmeAdmin, id, "Welcome"));
        Assert.False((await Meetings.AcceptAsync(_acmeAdmin, id, 1)).IsSuccess);

        Assert.Equal(3, partnerEvents.Count);
        Assert.All(partnerEvents, e => Assert.Equal(new MeetingChanged(_event.Id, _acme.Id, _lea.Id, id), e));
        Assert.Equal(3, personEvents.Count);
        Assert.All(personEvents, e => Assert.Equal(new MeetingChanged(_event.Id, _acme.Id, _lea.Id, id).ForAttendee(), e));
        Assert.Equal(Topics.Person(_lea.Id), personEvents[0].Topic);
    }

    [Fact]
    public async Task ARequestWaitsForTheDelayTheOrganizerSet()
    {
        await _db.SetOptionsAsync(_event.Id, EventOptionValues.Default with { MeetingRequestExpiryHours = 6 });
        var slot = await SlotAsync(_acme, Tomorrow.AddDays(1), 30);

        var id = Ok(await Meetings.RequestAsync(_lea, slot.Id, null));

        Assert.Equal(_db.Time.GetUtcNow() + TimeSpan.FromHours(6), (await MeetingAsync(id)).ExpiresAt);
        _db.Time.Advance(TimeSpan.FromHours(6));
        Assert.Equal(1, await Meetings.ExpireDueAsync(_db.Time.GetUtcNow()));
        Ok(await Meetings.RequestAsync(_tom, slot.Id, null));
    }

    [Fact]
    [Trait("Spec", "S-1.8")]
    [Trait("Spec", "S-3.1")]
    [Trait("Spec", "S-3.3")]
    public async Task ASalesContactActsOnlyWhenRegisteredWithTheTabOnAndInvitesOnlyWhenAllowed()
    {
        var hugo = Person((await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.SalesContact, "hugo@acme.example")).Id);
        var slot = await SlotAsync(_acme, Tomorrow, 30);
        var requested = Ok(await Meetings.RequestAsync(_lea, slot.Id, null));

        // Not registered: the sales contact does not reach the partner's meetings (S-3.1).
        Assert.Equal(ErrorKind.Forbidden, (await Meetings.ListForPartnerAsync(hugo, _acme.Id)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Meetings.AcceptAsync(hugo, requested, 0)).Error!.Kind);

        await _db.RegisterAsync(_event.Id, hugo.Id, "B-HUGO");
        Assert.Single(Ok(await Meetings.ListForPartnerAsync(hugo, _acme.Id)));

        // The organizer hides the sales-contact tab: sales contacts manage nothing (S-1.8).
        await _db.SetOptionsAsync(_event.Id, EventOptionValues.Default with { SalesContactTab = false, SalesContactsContactAttendees = true });
        Assert.Equal(ErrorKind.NotFound, (await Meetings.AcceptAsync(hugo, requested, 0)).Error!.Kind);

        // Tab on, but sales contacts may not contact attendees directly: they answer requests, they do not invite.
        await _db.SetOptionsAsync(_event.Id, EventOptionValues.Default);
        Ok(await Meetings.AcceptAsync(hugo, requested, 0));
        var free = await SlotAsync(_acme, Tomorrow.AddHours(2), 30);
        var refused = await Meetings.InviteAsync(hugo, free.Id, _tom.Id, null);
        Assert.Equal("contact-not-allowed", refused.Error!.Code);
        Ok(await Meetings.InviteAsync(_acmeAdmin, free.Id, _tom.Id, null));
    }

    private static Viewer Person(Guid id) => new(ViewerKind.Person, id);

    private static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }

    private async Task<MeetingSlot> SlotAsync(Partner partner, DateTimeOffset startsAt, int minutes, Guid? staff = null)
    {
        var slot = new MeetingSlot(_event.Id, partner.Id, null, staff, startsAt, startsAt.AddMinutes(minutes), _db.Time.GetUtcNow());
        await _db.SaveAsync(slot);
        return slot;
    }

    private Task<Meeting> MeetingAsync(Guid id) => _db.QueryAsync(db => db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id));
}
