using Ical.Net;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>
/// Issue 6 item 9, S-3.4: every meeting change queues e-mails to the other side, each in its
/// language, times in the event's zone, with the meeting's .ics attached; a refused change queues none.
/// </summary>
[Trait("Spec", "S-2.9")]
[Trait("Spec", "S-3.4")]
public sealed class MeetingNotifierTests : IAsyncLifetime
{
    // 09:00 UTC is 10:00 in Paris in November.
    private static readonly DateTimeOffset Tomorrow = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _db = new();
    private Event _event = default!;
    private Partner _acme = default!;
    private Person _admin = default!;
    private Person _secondAdmin = default!;
    private Person _sales = default!;
    private Person _lea = default!;

    private MeetingService Meetings => new(_db.Factory, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _event = await _db.AddEventAsync();
        _acme = await _db.AddPartnerAsync(_event.Id, "Acme");
        _admin = await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.Administrator, "admin@acme.example");
        _secondAdmin = await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.Administrator, "boss@acme.example");
        _sales = await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.SalesContact, "sales@acme.example");
        await _db.RegisterAsync(_event.Id, _sales.Id, "B-SALES");
        await _db.SetOptionsAsync(_event.Id, EventOptionValues.Default with { SalesContactsContactAttendees = true });

        // Léa reads English; the partner's people (TestDatabase) read French.
        _lea = new Person(_event.Id, "lea@guest.example", "Léa", "Martin", null, "en");
        await _db.SaveAsync(_lea);
        await _db.SaveAsync(new Attendee(_event.Id, _lea.Id, "B-LEA", "Visitor", _db.Time.GetUtcNow()));
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task ARequestWithoutHostTellsEveryAdministratorInFrenchWithARequestIcs()
    {
        var slot = await SlotAsync(Tomorrow);
        var outboxChanged = 0;
        using var _ = _db.Live.Subscribe(Topics.Outbox, e =>
        {
            outboxChanged += e is OutboxChanged ? 1 : 0;
            return Task.CompletedTask;
        });

        var id = Ok(await Meetings.RequestAsync(Viewer(_lea), slot.Id, null));

        var mails = await OutboxAsync();
        Assert.Equal(["admin@acme.example", "boss@acme.example"], mails.Select(m => m.To).Order());
        var mail = mails[0];
        Assert.Equal("Demande de rendez-vous de Léa Martin", mail.Subject);
        Assert.Contains("Léa Martin souhaite rencontrer Acme.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("10:00", mail.TextBody, StringComparison.Ordinal); // the event's zone, not UTC
        Assert.Contains("Europe/Paris", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Martin souhaite rencontrer Acme.", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(MeetingNotifier.AttachmentName, mail.AttachmentFileName);
        Assert.Equal("text/calendar; method=REQUEST", mail.AttachmentContentType);
        var calendar = Calendar.Load(mail.AttachmentContent!)!;
        Assert.Equal("REQUEST", calendar.Method);
        var ev = Assert.Single(calendar.Events);
        Assert.Equal(MeetingCalendar.Uid(id), ev.Uid);
        Assert.Equal(0, ev.Sequence);
        Assert.Equal("TENTATIVE", ev.Status);
        Assert.Equal(1, outboxChanged);
    }

    [Fact]
    public async Task AnInvitationTellsTheAttendeeInEnglishAndTheirAcceptanceTellsTheHost()
    {
        var slot = await SlotAsync(Tomorrow);

        var id = Ok(await Meetings.InviteAsync(Viewer(_sales), slot.Id, _lea.Id, null));
        var invitation = Assert.Single(await OutboxAsync());
        Assert.Equal("lea@guest.example", invitation.To);
        Assert.Equal("Acme invites you to a meeting", invitation.Subject);
        Assert.StartsWith("Hello Léa,", invitation.TextBody, StringComparison.Ordinal);
        Assert.Contains("10:00", invitation.TextBody, StringComparison.Ordinal);

        var at = Tick();
        Ok(await Meetings.AcceptAsync(Viewer(_lea), id, 0));

        var accepted = Assert.Single(await OutboxAsync(at));
        Assert.Equal("Rendez-vous confirmé : Acme – Léa Martin", accepted.Subject);
        Assert.Equal("sales@acme.example", accepted.To); // the host, not the administrators
        var ev = Assert.Single(Calendar.Load(accepted.AttachmentContent!)!.Events);
        Assert.Equal("CONFIRMED", ev.Status);
        Assert.Equal(1, ev.Sequence);
        Assert.Equal(2, await _db.QueryAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task ACancellationByThePartnerSendsTheAttendeeACancelIcsAndTellsTheHostItWasDoneForThem()
    {
        var slot = await SlotAsync(Tomorrow, staff: _sales.Id);
        var id = Ok(await Meetings.RequestAsync(Viewer(_lea), slot.Id, null));
        Ok(await Meetings.AcceptAsync(Viewer(_sales), id, 0));
        var at = Tick();

        Ok(await Meetings.CancelAsync(Viewer(_admin), id, 1));

        var mails = await OutboxAsync(at);
        Assert.Equal(["lea@guest.example", "sales@acme.example"], mails.Select(m => m.To).Order());
        var toLea = mails.Single(m => m.To == "lea@guest.example");
        Assert.Equal("Meeting cancelled: Acme – Léa Martin", toLea.Subject);
        Assert.Equal("text/calendar; method=CANCEL", toLea.AttachmentContentType);
        var calendar = Calendar.Load(toLea.AttachmentContent!)!;
        Assert.Equal("CANCEL", calendar.Method);
        Assert.Equal(2, calendar.Events.Single().Sequence);
        Assert.Equal("CANCELLED", calendar.Events.Single().Status);
    }

    [Fact]
    public async Task ARescheduleAReassignmentAndAnExpiryEachTellThePeopleConcerned()
    {
        var first = await SlotAsync(Tomorrow);
        var second = await SlotAsync(Tomorrow.AddHours(2));
        var id = Ok(await Meetings.RequestAsync(Viewer(_lea), first.Id, null));
        var at = Tick();
        Ok(await Meetings.RescheduleAsync(Viewer(_admin), id, second.Id, 0));
        var moved = await OutboxAsync(at);
        Assert.Equal("lea@guest.example", Assert.Single(moved).To);
        Assert.Equal("Meeting moved: Acme – Léa Martin", moved[0].Subject);
        Assert.Contains("12:00", moved[0].TextBody, StringComparison.Ordinal);

        at = Tick();
        Ok(await Meetings.ReassignAsync(Viewer(_admin), id, _sales.Id, 1));
        var reassigned = await OutboxAsync(at);
        Assert.Equal(["lea@guest.example", "sales@acme.example"], reassigned.Select(m => m.To).Order());
        Assert.Contains(reassigned, m => m.TextBody.Contains("Ada Lovelace assure désormais le rendez-vous", StringComparison.Ordinal));

        _db.Time.Advance(TimeSpan.FromHours(49));
        at = Tick();
        Assert.Equal(1, await Meetings.ExpireDueAsync(at));
        var expired = await OutboxAsync(at);
        Assert.Equal(["lea@guest.example", "sales@acme.example"], expired.Select(m => m.To).Order());
        Assert.All(expired, m => Assert.Equal("text/calendar; method=CANCEL", m.AttachmentContentType));
        Assert.Contains(expired, m => m.Subject == "Meeting request expired: Acme – Léa Martin");
    }

    [Fact]
    public async Task ARefusedChangeQueuesNoEmail()
    {
        var slot = await SlotAsync(Tomorrow);
        var other = new Person(_event.Id, "tom@guest.example", "Tom", "Hardy", null, "en");
        await _db.SaveAsync(other);
        await _db.SaveAsync(new Attendee(_event.Id, other.Id, "B-TOM", "Visitor", _db.Time.GetUtcNow()));
        var id = Ok(await Meetings.RequestAsync(Viewer(_lea), slot.Id, null));
        var count = await _db.QueryAsync(db => db.Outbox.CountAsync());

        // The slot is taken (the database refuses), the attendee cannot accept their own request,
        // a stale version is refused: no e-mail for any of them.
        Assert.False((await Meetings.RequestAsync(Viewer(other), slot.Id, null)).IsSuccess);
        Assert.False((await Meetings.AcceptAsync(Viewer(_lea), id, 0)).IsSuccess);
        Assert.False((await Meetings.AcceptAsync(Viewer(_admin), id, 7)).IsSuccess);

        Assert.Equal(count, await _db.QueryAsync(db => db.Outbox.CountAsync()));
    }

    private static Viewer Viewer(Person person) => new(ViewerKind.Person, person.Id);

    private static T Ok<T>(PartnerSpace.Domain.Common.Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }

    /// <summary>The e-mails queued at one moment (see <see cref="Tick"/>), or all of them.</summary>
    private async Task<List<OutboxMessage>> OutboxAsync(DateTimeOffset? at = null)
    {
        var all = await _db.QueryAsync(db => db.Outbox.AsNoTracking().ToListAsync());
        return [.. all.Where(m => at is null || m.CreatedAt == at).OrderBy(m => m.To, StringComparer.Ordinal)];
    }

    /// <summary>Moves the clock a minute on, so the next change's e-mails are told apart by their time.</summary>
    private DateTimeOffset Tick()
    {
        _db.Time.Advance(TimeSpan.FromMinutes(1));
        return _db.Time.GetUtcNow();
    }

    private async Task<MeetingSlot> SlotAsync(DateTimeOffset startsAt, Guid? staff = null)
    {
        var slot = new MeetingSlot(_event.Id, _acme.Id, null, staff, startsAt, startsAt.AddMinutes(30), _db.Time.GetUtcNow());
        await _db.SaveAsync(slot);
        return slot;
    }
}
