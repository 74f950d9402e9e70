using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Domain.Sessions;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>
/// S-2.12, issue 7: each category's write records the partner's lead in its own transaction (shares
/// and their consent, messages, attendee meeting requests, staff networking contacts, session
/// attendance), and <see cref="LeadCategoryService"/> lists each category in the database.
/// </summary>
[Trait("Spec", "S-2.12")]
public sealed class LeadCategoryServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Tomorrow = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _db = new();
    private Event _event = default!;
    private Partner _acme = default!;
    private Viewer _acmeAdmin = default!;
    private Guid _organizerId;
    private Viewer _lea = default!;
    private Viewer _tom = default!;
    private Viewer _sam = default!;

    private AttendeeContactsService Contacts => new(_db.Factory, _db.Live, _db.Time);

    private PartnerMessageService Messages => new(_db.Factory, _db.Live, _db.Time);

    private MeetingService Meetings => new(_db.Factory, _db.Live, _db.Time);

    private SessionAttendanceService Attendance => new(_db.Factory, _db.Live, _db.Time);

    private LeadCategoryService Categories => _db.Categories;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _event = await _db.AddEventAsync();
        _acme = await _db.AddPartnerAsync(_event.Id, "Acme");
        var admin = await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.Administrator, "admin@acme.example");
        _acmeAdmin = Person(admin.Id);
        await _db.RegisterAsync(_event.Id, admin.Id, "B-ADMIN");
        _organizerId = (await _db.AddOrganizerAsync(_event.Id, "orga@show.example")).Id;
        _lea = Person((await _db.AddAttendeeAsync(_event.Id, "B-LEA", "lea@guest.example", "Léa", "Martin")).PersonId);
        _tom = Person((await _db.AddAttendeeAsync(_event.Id, "B-TOM", "tom@guest.example", "Tom", "Hardy")).PersonId);
        _sam = Person((await _db.AddAttendeeAsync(_event.Id, "B-SAM", "sam@guest.example", "Sam", "Okafor")).PersonId);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    // ---- Capture ----

    [Fact]
    public async Task SharingMakesASharingLeadWithConsentAndWithdrawingHidesTheEmailAndTheRow()
    {
        Ok(await Contacts.ShareAsync(_lea, _acme.Id, "Call me"));

        var lead = await LeadAsync(_lea.Id);
        Assert.Equal(LeadSources.Sharing, lead.Sources);
        Assert.Equal(LeadConsent.SharedContact, lead.Consent);
        Assert.Equal(_db.Time.GetUtcNow(), lead.ConsentAt);
        var row = Assert.Single((await Categories.GetSharingAsync(_acme.Id, new LeadListQuery())).Items);
        Assert.Equal("lea@guest.example", row.Lead.Email);
        Assert.Equal("Call me", row.ShareNote);
        Assert.Equal(ContactShareOrigin.AttendeeShared, row.Origin);

        _db.Time.Advance(TimeSpan.FromMinutes(5));
        Ok(await Contacts.WithdrawAsync(_lea, _acme.Id));

        lead = await LeadAsync(_lea.Id);
        Assert.Equal(LeadConsent.None, lead.Consent);
        Assert.Equal(_db.Time.GetUtcNow(), lead.ConsentWithdrawnAt);
        Assert.Empty((await Categories.GetSharingAsync(_acme.Id, new LeadListQuery())).Items);
        Assert.Equal(0, (await Categories.GetCountsAsync(_acme.Id)).Sharing);
    }

    [Fact]
    public async Task AMessageMakesALeadWithoutConsentAndAcceptingItGivesConsent()
    {
        var id = Ok(await Messages.SendAsync(_acmeAdmin, _acme.Id, _tom.Id, "Come and see our demo"));

        var lead = await LeadAsync(_tom.Id);
        Assert.Equal(LeadSources.Sharing, lead.Sources);
        Assert.Equal(LeadConsent.None, lead.Consent);
        var row = Assert.Single((await Categories.GetSharingAsync(_acme.Id, new LeadListQuery())).Items);
        Assert.Null(row.Lead.Email);
        Assert.Equal(MessageAnswer.None, row.Answer);
        Assert.Equal("Ada Lovelace", row.SenderName);

        Ok(await Contacts.AnswerAsync(_tom, id, share: true, "Gladly"));

        Assert.Equal(LeadConsent.AcceptedMessage, (await LeadAsync(_tom.Id)).Consent);
        row = Assert.Single((await Categories.GetSharingAsync(_acme.Id, new LeadListQuery())).Items);
        Assert.Equal("tom@guest.example", row.Lead.Email);
        Assert.Equal(MessageAnswer.Accepted, row.Answer);
        Assert.Equal("Gladly", row.Reply);
        Assert.Equal(ContactShareOrigin.AcceptedMessage, row.Origin);
    }

    [Fact]
    public async Task AnAttendeesMeetingRequestIsAMeetingLeadButAPartnerInvitationIsNot()
    {
        var first = await SlotAsync(Tomorrow);
        var second = await SlotAsync(Tomorrow.AddHours(1));

        var requested = Ok(await Meetings.RequestAsync(_lea, first.Id, null));
        Ok(await Meetings.InviteAsync(_acmeAdmin, second.Id, _tom.Id, null));

        Assert.Equal(LeadSources.Meeting, (await LeadAsync(_lea.Id)).Sources);
        Assert.False(await _db.QueryAsync(db => db.Leads.AnyAsync(l => l.PersonId == _tom.Id)));
        var row = Assert.Single((await Categories.GetMeetingsAsync(_acme.Id, new LeadListQuery())).Items);
        Assert.Equal(requested, row.MeetingId);
        Assert.Equal(MeetingStatus.Pending, row.Status);
        Assert.Equal(Tomorrow, row.StartsAt);
        Assert.Null(row.Lead.Email);
    }

    [Fact]
    public async Task MeetingsFilterOnTheirStatusAndOnTheTimeOfTheRequest()
    {
        var leas = Ok(await Meetings.RequestAsync(_lea, (await SlotAsync(Tomorrow)).Id, null));
        var before = _db.Time.GetUtcNow();
        _db.Time.Advance(TimeSpan.FromHours(2));
        var sams = Ok(await Meetings.RequestAsync(_sam, (await SlotAsync(Tomorrow.AddHours(1))).Id, null));
        var version = await _db.QueryAsync(db => db.Meetings.Where(m => m.Id == sams).Select(m => m.Version).FirstAsync());
        Ok(await Meetings.DeclineAsync(_acmeAdmin, sams, version));

        var declined = Assert.Single((await Categories.GetMeetingsAsync(_acme.Id, new LeadListQuery(Status: MeetingStatus.Declined))).Items);
        Assert.Equal(sams, declined.MeetingId);
        var pending = Assert.Single((await Categories.GetMeetingsAsync(_acme.Id, new LeadListQuery(Status: MeetingStatus.Pending))).Items);
        Assert.Equal(leas, pending.MeetingId);
        Assert.Empty((await Categories.GetMeetingsAsync(_acme.Id, new LeadListQuery(Status: MeetingStatus.Accepted))).Items);

        var later = Assert.Single((await Categories.GetMeetingsAsync(_acme.Id, new LeadListQuery(From: before.AddHours(1)))).Items);
        Assert.Equal(sams, later.MeetingId);
        var earlier = Assert.Single((await Categories.GetMeetingsAsync(_acme.Id, new LeadListQuery(To: before.AddHours(1)))).Items);
        Assert.Equal(leas, earlier.MeetingId);
        Assert.Equal(2, (await Categories.GetMeetingsAsync(_acme.Id, new LeadListQuery())).Total);
    }

    [Fact]
    public async Task AStaffMembersNetworkingContactIsANetworkingLeadOfTheirPartner()
    {
        var sequence = _db.Live.Sequence(Topics.Partner(_acme.Id));

        Ok(await Contacts.AddContactAsync(_acmeAdmin, "B-SAM", "Met at the bar"));
        Ok(await Contacts.AddContactAsync(_lea, "B-TOM", null));

        Assert.Equal(LeadSources.Networking, (await LeadAsync(_sam.Id)).Sources);
        Assert.False(await _db.QueryAsync(db => db.Leads.AnyAsync(l => l.PersonId == _tom.Id)));
        var row = Assert.Single((await Categories.GetNetworkingAsync(_acme.Id, new LeadListQuery())).Items);
        Assert.Equal("Ada Lovelace", row.StaffName);
        Assert.Equal("Met at the bar", row.Note);
        Assert.True(_db.Live.Sequence(Topics.Partner(_acme.Id)) > sequence);
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task SessionAttendanceIsASessionLeadOfEachHostAndOnlyTheOrganizerRecordsIt()
    {
        var nordlys = await _db.AddPartnerAsync(_event.Id, "Nordlys");
        var session = await SessionAsync("Cobots 101", _acme.Id, nordlys.Id);
        var sequence = _db.Live.Sequence(Topics.Partner(nordlys.Id));

        Assert.Equal(ErrorKind.Forbidden, (await Attendance.RegisterAsync(Guid.NewGuid(), session.Id, _lea.Id)).Error!.Kind);
        Ok(await Attendance.RegisterAsync(_organizerId, session.Id, _lea.Id));
        _db.Time.Advance(TimeSpan.FromHours(1));
        Ok(await Attendance.CheckInAsync(_organizerId, session.Id, _lea.Id));
        Ok(await Attendance.RegisterAsync(_organizerId, session.Id, _tom.Id));

        Assert.Equal(LeadSources.Session, (await LeadAsync(_lea.Id)).Sources);
        Assert.True(await _db.QueryAsync(db => db.Leads.AnyAsync(l => l.PartnerId == nordlys.Id && l.PersonId == _lea.Id)));
        Assert.True(_db.Live.Sequence(Topics.Partner(nordlys.Id)) > sequence);
        var rows = (await Categories.GetSessionsAsync(_acme.Id, new LeadListQuery(Sort: "name", Descending: false))).Items;
        Assert.Equal(["Tom Hardy", "Léa Martin"], rows.Select(r => r.Lead.FullName));
        Assert.Equal("Cobots 101", rows[1].SessionTitle);
        Assert.Equal(_db.Time.GetUtcNow(), rows[1].PresentAt);
        Assert.Null(rows[0].PresentAt);
    }

    // ---- Lists ----

    [Fact]
    public async Task CountsEachCategoryAndAPersonInSeveralCategoriesIsOneLead()
    {
        Ok(await Contacts.ShareAsync(_lea, _acme.Id, null));
        Ok(await Meetings.RequestAsync(_lea, (await SlotAsync(Tomorrow)).Id, null));
        Ok(await Contacts.AddContactAsync(_acmeAdmin, "B-LEA", null));
        Ok(await Attendance.RegisterAsync(_organizerId, (await SessionAsync("Talk", _acme.Id)).Id, _tom.Id));
        await _db.Scans.RecordAsync(new ScanSource(_event.Id, _acme.Id, null), [new ScanInput(Guid.NewGuid().ToString(), "B-SAM", _db.Time.GetUtcNow().ToString("O"), "admin@acme.example", null)]);

        var counts = await Categories.GetCountsAsync(_acme.Id);

        Assert.Equal(new LeadCategoryCounts(3, 1, 0, 1, 1, 1, 1, 1), counts);
        Assert.Equal(LeadSources.Sharing | LeadSources.Meeting | LeadSources.Networking, (await LeadAsync(_lea.Id)).Sources);
    }

    [Fact]
    public async Task ScanCountsRefreshWhatAScanChangesAndKeepTheOtherTabsCounts()
    {
        Ok(await Contacts.ShareAsync(_lea, _acme.Id, null));
        var before = await Categories.GetCountsAsync(_acme.Id);
        await ScanAsync("B-SAM", "B-SAM", "B-NOBODY");

        var counts = await Categories.GetScanCountsAsync(_acme.Id, before with { Sessions = 42 });

        Assert.Equal((await Categories.GetCountsAsync(_acme.Id)) with { Sessions = 42 }, counts);
        Assert.Equal(new LeadCategoryCounts(2, 3, 1, 1, 1, 42, 0, 0), counts);
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task ALiveScreenRereadsTheOtherTabsCountsOnlyAfterAnEventThatIsNotAScan()
    {
        var live = new LiveLeadCounts(Categories, _acme.Id);
        var shown = await live.ReadAsync(null);
        Ok(await Contacts.ShareAsync(_lea, _acme.Id, null));
        await ScanAsync("B-SAM");

        live.Note(new ScansRecorded(_acme.Id, 1));
        var afterScans = await live.ReadAsync(shown);
        live.Note(new LeadsChanged(_acme.Id));
        var afterShare = await live.ReadAsync(afterScans);

        Assert.Equal((1, 0), (afterScans.ScanLeads, afterScans.Sharing));
        Assert.Equal(await Categories.GetCountsAsync(_acme.Id), afterShare);
        Assert.Equal(1, afterShare.Sharing);
    }

    [Fact]
    public async Task FiltersOnQualificationSearchesEmailOnlyWithConsentAndPages()
    {
        await ScanAsync("B-LEA", "B-TOM", "B-SAM");
        var tom = await LeadAsync(_tom.Id);
        var qualification = new LeadQualificationService(_db.Factory, _db.Live, _db.Time);
        Ok(await qualification.QualifyAsync(_acme.Id, tom.Id, new LeadQualification(LeadRating.Hot, LeadFollowUp.ToContact, null, ["cobots"], _acmeAdmin.Id, new Dictionary<Guid, string>()), "admin@acme.example"));

        Assert.Equal("Tom Hardy", Assert.Single((await Categories.GetScansAsync(_acme.Id, new LeadListQuery(Rating: LeadRating.Hot))).Items).Lead.FullName);
        Assert.Single((await Categories.GetScansAsync(_acme.Id, new LeadListQuery(FollowUp: LeadFollowUp.ToContact))).Items);
        Assert.Single((await Categories.GetScansAsync(_acme.Id, new LeadListQuery(Tag: "cobots"))).Items);
        Assert.Empty((await Categories.GetScansAsync(_acme.Id, new LeadListQuery(Tag: "cobot"))).Items);
        var owned = Assert.Single((await Categories.GetScansAsync(_acme.Id, new LeadListQuery(OwnerPersonId: _acmeAdmin.Id))).Items);
        Assert.Equal("Ada Lovelace", owned.Lead.OwnerName);
        Assert.Equal(["cobots"], owned.Lead.Tags);
        Assert.Equal(3, (await Categories.GetScansAsync(_acme.Id, new LeadListQuery(ScannedBy: "admin@acme.example"))).Total);
        Assert.Equal(0, (await Categories.GetScansAsync(_acme.Id, new LeadListQuery(ScannedBy: "other@acme.example"))).Total);

        // The e-mail is searched only where the attendee consented: a message gives no consent.
        Ok(await Messages.SendAsync(_acmeAdmin, _acme.Id, _lea.Id, "Hello"));
        Assert.Single((await Categories.GetScansAsync(_acme.Id, new LeadListQuery(Search: "tom@guest"))).Items);
        await _db.QueryAsync(db => db.Leads.Where(l => l.PersonId == _tom.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Consent, LeadConsent.None)));
        Assert.Empty((await Categories.GetScansAsync(_acme.Id, new LeadListQuery(Search: "tom@guest"))).Items);
        Assert.Single((await Categories.GetScansAsync(_acme.Id, new LeadListQuery(Search: "hard"))).Items);

        var page = await Categories.GetScansAsync(_acme.Id, new LeadListQuery(Page: 1, PageSize: 2, Sort: "name", Descending: false));
        Assert.Equal(3, page.Total);
        Assert.Equal("Sam Okafor", Assert.Single(page.Items).Lead.FullName);
        var since = await Categories.GetScansAsync(_acme.Id, new LeadListQuery(AfterSequence: 2));
        Assert.Equal(3, Assert.Single(since.Items).Lead.Sequence);
    }

    // ---- Backfill ----

    [Fact]
    public async Task BackfillRecordsTheLeadsOfOlderRowsOnceAndGivesTheSharesConsent()
    {
        var session = await SessionAsync("Talk", _acme.Id);
        await _db.SaveAsync(new ContactShare(_event.Id, _acme.Id, _lea.Id, ContactShareOrigin.AttendeeShared, null, _db.Time.GetUtcNow()));
        await _db.SaveAsync(new PartnerMessage(_event.Id, _acme.Id, _sam.Id, null, "Acme", "Hi", _db.Time.GetUtcNow()));
        await _db.SaveAsync(new NetworkingContact(_event.Id, _acmeAdmin.Id, _tom.Id, null, _db.Time.GetUtcNow()));
        await _db.SaveAsync(new SessionAttendance(session.Id, _tom.Id, _db.Time.GetUtcNow(), null));

        var first = await LeadBackfill.RunAsync(_db.Factory);
        var second = await LeadBackfill.RunAsync(_db.Factory);

        Assert.True(first > 0);
        Assert.Equal(0, second);
        Assert.Equal(LeadConsent.SharedContact, (await LeadAsync(_lea.Id)).Consent);
        Assert.Equal(LeadConsent.None, (await LeadAsync(_sam.Id)).Consent);
        Assert.Equal(LeadSources.Networking | LeadSources.Session, (await LeadAsync(_tom.Id)).Sources);
        Assert.Equal([1L, 2L, 3L], await _db.QueryAsync(db => db.Leads.OrderBy(l => l.Sequence).Select(l => l.Sequence).ToListAsync()));
        Assert.Equal(new LeadCategoryCounts(3, 0, 0, 0, 2, 1, 1, 0), await Categories.GetCountsAsync(_acme.Id));
    }

    private async Task ScanAsync(params string[] badges)
    {
        var at = _db.Time.GetUtcNow();
        await _db.Scans.RecordAsync(new ScanSource(_event.Id, _acme.Id, null), [.. badges.Select((b, i) => new ScanInput(Guid.NewGuid().ToString(), b, at.AddSeconds(i).ToString("O"), "admin@acme.example", null))]);
    }

    private Task<Lead> LeadAsync(Guid personId) =>
        _db.QueryAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.PartnerId == _acme.Id && l.PersonId == personId));

    private async Task<MeetingSlot> SlotAsync(DateTimeOffset startsAt)
    {
        var slot = new MeetingSlot(_event.Id, _acme.Id, null, _acmeAdmin.Id, startsAt, startsAt.AddMinutes(30), _db.Time.GetUtcNow());
        await _db.SaveAsync(slot);
        return slot;
    }

    private async Task<Session> SessionAsync(string title, params Guid[] hosts)
    {
        var session = new Session(_event.Id, title, Tomorrow, Tomorrow.AddHours(1), "Room A", "Talk", _db.Time.GetUtcNow());
        await _db.SaveAsync(session);
        foreach (var host in hosts)
        {
            await _db.SaveAsync(new SessionHost(session.Id, host));
        }

        return session;
    }

    private static Viewer Person(Guid id) => new(ViewerKind.Person, id);

    private static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }
}
