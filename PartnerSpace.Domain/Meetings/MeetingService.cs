using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Meetings;

/// <summary>
/// S-2.9, S-3.5: the life of a business meeting. An attendee requests a partner's free slot or a
/// partner member invites an attendee; the other side accepts or declines; either side cancels;
/// the partner reschedules or reassigns the host; unanswered requests expire. Every write that
/// makes a meeting live writes its people's <see cref="MeetingOccupancy"/> in the same write
/// transaction, so the database refuses a taken slot or a double-booked person (ADR 0009); ending
/// a meeting deletes them. Organizers of the event may act as the partner.
/// </summary>
public sealed class MeetingService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time)
{
    private static readonly Error MeetingGone = Error.NotFound("meeting-not-found", "This meeting no longer exists.");
    private static readonly Error SlotGone = Error.NotFound("slot-not-found", "This slot no longer exists.");
    private static readonly Error NotAllowed = Error.Forbidden("forbidden", "You may not do this with this meeting.");
    private static readonly Error Changed = Error.Conflict("changed", "This meeting changed meanwhile. Reload to see it.");
    private static readonly Error SlotTaken = Error.Conflict("slot-taken", "This slot was just taken.");
    private static readonly Error YouAreBusy = Error.Conflict("person-busy", "You already have a meeting at that time.");
    private static readonly Error OtherIsBusy = Error.Conflict("person-busy", "This person already has a meeting at that time.");

    private enum Side
    {
        Attendee,
        Partner,
    }

    /// <summary>Who acts on a meeting: their side and, for a person, who they are.</summary>
    private sealed record Actor(Side Side, Guid? PersonId);

    // ---- Booking ----

    /// <summary>An attendee of the event requests a meeting in a partner's free slot, with an optional message.</summary>
    public async Task<Result<Guid>> RequestAsync(Viewer viewer, Guid slotId, string? message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var body = Text.Clean(message);
        if (body is { Length: > Meeting.MessageMaxLength })
        {
            return MessageTooLong();
        }

        if (viewer.Kind != ViewerKind.Person)
        {
            return Error.Forbidden("not-an-attendee", "Only an attendee of the event can request a meeting.");
        }

        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var slot = await db.MeetingSlots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == slotId, ct);
            if (slot is null)
            {
                return SlotGone;
            }

            if (!await db.Attendees.AnyAsync(a => a.EventId == slot.EventId && a.PersonId == viewer.Id, ct))
            {
                return Error.Forbidden("not-an-attendee", "Only an attendee of the event can request a meeting.");
            }

            if (await db.PartnerMembers.AnyAsync(m => m.PartnerId == slot.PartnerId && m.PersonId == viewer.Id, ct))
            {
                return Error.Validation(Field("slot", "You cannot request a meeting with your own partner."));
            }
        }

        return await BookAsync(viewer, slotId, viewer.Id, null, MeetingOrigin.AttendeeRequest, body, ct);
    }

    /// <summary>A partner member (or an organizer) invites an attendee of the event into a free slot of the partner.</summary>
    public async Task<Result<Guid>> InviteAsync(Viewer viewer, Guid slotId, Guid attendeePersonId, string? message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var body = Text.Clean(message);
        if (body is { Length: > Meeting.MessageMaxLength })
        {
            return MessageTooLong();
        }

        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var slot = await db.MeetingSlots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == slotId, ct);
            if (slot is null)
            {
                return SlotGone;
            }

            var access = await MeetingAccess.OfAsync(db, viewer, slot.PartnerId, ct);
            if (!access.Any)
            {
                return NotAllowed;
            }

            // S-1.8, S-3.3: a sales contact invites attendees only when the organizer allows it.
            if (!access.MayContactAttendees)
            {
                return Error.Forbidden("contact-not-allowed", "The organizer does not let sales contacts contact attendees directly.");
            }

            if (!await db.Attendees.AnyAsync(a => a.EventId == slot.EventId && a.PersonId == attendeePersonId, ct))
            {
                return Error.Validation(Field("attendee", "Choose an attendee of the event."));
            }
        }

        var host = viewer.Kind == ViewerKind.Person ? viewer.Id : (Guid?)null;
        return await BookAsync(viewer, slotId, attendeePersonId, host, MeetingOrigin.PartnerInvitation, body, ct);
    }

    private async Task<Result<Guid>> BookAsync(Viewer viewer, Guid slotId, Guid attendeeId, Guid? inviter, MeetingOrigin origin, string? body, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        Meeting meeting;
        int emails;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var slot = await db.MeetingSlots.FirstOrDefaultAsync(s => s.Id == slotId, ct);
            if (slot is null)
            {
                return SlotGone;
            }

            if (slot.StartsAt <= now)
            {
                return Error.Conflict("slot-past", "This slot has already started.");
            }

            // No "is it free?" read first: the slot's partial unique index and the people's cells
            // decide, whatever the node (ADR 0009); a refusal is explained below.
            var expiry = (await MeetingAccess.OptionsAsync(db, slot.EventId, ct)).MeetingRequestExpiry;
            meeting = new Meeting(slot.EventId, slot.PartnerId, slot, attendeeId, slot.StaffPersonId ?? inviter, origin, now, now + expiry);
            db.Meetings.Add(meeting);
            db.MeetingOccupancy.AddRange(MeetingOccupancy.Of(meeting, PeopleOf(meeting)));
            if (body is not null)
            {
                db.MeetingMessages.Add(new MeetingMessage(meeting.Id, viewer.Kind == ViewerKind.Person ? viewer.Id : null, await AuthorNameAsync(db, viewer, ct), body, now));
            }

            // Queued in the same transaction: a refused booking sends nothing, a made one is never left untold.
            emails = origin == MeetingOrigin.AttendeeRequest
                ? await MeetingNotifier.QueueAsync(db, meeting, MeetingChange.Requested, MeetingParty.Attendee, viewer.Id, now, ct)
                : await MeetingNotifier.QueueAsync(db, meeting, MeetingChange.Invited, MeetingParty.Partner, viewer.Kind == ViewerKind.Person ? viewer.Id : null, now, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                if (origin == MeetingOrigin.AttendeeRequest)
                {
                    // S-2.12: an attendee asking the partner for a meeting is a Meetings lead (invitations are not).
                    await LeadBook.CaptureAsync(db, meeting.PartnerId, attendeeId, LeadSources.Meeting, now, ct);
                    await db.SaveChangesAsync(ct);
                }

                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
            {
                await tx.RollbackAsync(ct);
                return await ExplainCollisionAsync(viewer, meeting.Id, slotId, meeting.StartsAt, meeting.EndsAt, PeopleOf(meeting), ct);
            }
        }

        await PublishAsync(meeting, emails, ct);
        return Result<Guid>.Ok(meeting.Id);
    }

    // ---- Transitions ----

    /// <summary>The side that did not ask accepts a pending meeting; its people's time is (re)written.</summary>
    public Task<Result<bool>> AcceptAsync(Viewer viewer, Guid meetingId, int version, CancellationToken ct = default) =>
        TransitionAsync(viewer, meetingId, version, (meeting, actor) =>
        {
            if (meeting.Status != MeetingStatus.Pending)
            {
                return StatusConflict(meeting.Status);
            }

            return actor.Side == AskedBy(meeting) ? Error.Forbidden("own-request", "The other side answers this request.") : null;
        }, (meeting, now) => meeting.ChangeStatus(MeetingStatus.Accepted, now), MeetingChange.Accepted, keepsTime: true, ct);

    /// <summary>The side that did not ask declines a pending meeting; its slot and people's time are freed.</summary>
    public Task<Result<bool>> DeclineAsync(Viewer viewer, Guid meetingId, int version, CancellationToken ct = default) =>
        TransitionAsync(viewer, meetingId, version, (meeting, actor) =>
        {
            if (meeting.Status != MeetingStatus.Pending)
            {
                return StatusConflict(meeting.Status);
            }

            return actor.Side == AskedBy(meeting) ? Error.Forbidden("own-request", "The other side answers this request.") : null;
        }, (meeting, now) => meeting.ChangeStatus(MeetingStatus.Declined, now), MeetingChange.Declined, keepsTime: false, ct);

    /// <summary>Either side cancels a pending or accepted meeting; its slot and people's time are freed.</summary>
    public Task<Result<bool>> CancelAsync(Viewer viewer, Guid meetingId, int version, CancellationToken ct = default) =>
        TransitionAsync(viewer, meetingId, version, (meeting, _) => meeting.IsLive ? null : StatusConflict(meeting.Status),
            (meeting, now) => meeting.ChangeStatus(MeetingStatus.Cancelled, now), MeetingChange.Cancelled, keepsTime: false, ct);

    /// <summary>The partner moves a live meeting into another free slot of its own; the people's time moves with it.</summary>
    public async Task<Result<bool>> RescheduleAsync(Viewer viewer, Guid meetingId, Guid slotId, int version, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var slot = await db.MeetingSlots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == slotId, ct);
        return await TransitionAsync(viewer, meetingId, version, (meeting, actor) =>
        {
            if (!meeting.IsLive)
            {
                return StatusConflict(meeting.Status);
            }

            if (actor.Side != Side.Partner)
            {
                return Error.Forbidden("partner-only", "Only the partner can move this meeting.");
            }

            if (slot is null || slot.PartnerId != meeting.PartnerId)
            {
                return SlotGone;
            }

            return slot.StartsAt <= time.GetUtcNow() ? Error.Conflict("slot-past", "This slot has already started.") : null;
        }, (meeting, _) => meeting.MoveTo(slot!), MeetingChange.Rescheduled, keepsTime: true, ct);
    }

    /// <summary>The partner gives a meeting to another of its sales contacts or administrators; the new host's time is taken.</summary>
    public async Task<Result<bool>> ReassignAsync(Viewer viewer, Guid meetingId, Guid hostPersonId, int version, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var partnerOfHost = await db.PartnerMembers
            .Where(m => m.PersonId == hostPersonId && (m.Role == MemberRole.Administrator || m.Role == MemberRole.SalesContact))
            .Select(m => m.PartnerId).ToListAsync(ct);
        return await TransitionAsync(viewer, meetingId, version, (meeting, actor) =>
        {
            if (!meeting.IsLive)
            {
                return StatusConflict(meeting.Status);
            }

            if (actor.Side != Side.Partner)
            {
                return Error.Forbidden("partner-only", "Only the partner can reassign this meeting.");
            }

            return partnerOfHost.Contains(meeting.PartnerId)
                ? null
                : Error.Validation(Field("host", "Choose a sales contact or an administrator of the partner."));
        }, (meeting, _) => meeting.AssignHost(hostPersonId), MeetingChange.Reassigned, keepsTime: true, ct);
    }

    /// <summary>
    /// Loads the meeting in a write transaction, checks the actor, the rule and the version, applies
    /// the change, and rewrites (live) or deletes (ended) its occupancy rows before the commit.
    /// </summary>
    private async Task<Result<bool>> TransitionAsync(Viewer viewer, Guid meetingId, int version, Func<Meeting, Actor, Error?> check, Action<Meeting, DateTimeOffset> apply, MeetingChange change, bool keepsTime, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var now = time.GetUtcNow();
        Meeting meeting;
        int emails;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var found = await db.Meetings.FirstOrDefaultAsync(m => m.Id == meetingId, ct);
            if (found is null)
            {
                return MeetingGone;
            }

            meeting = found;
            var actor = await ActorAsync(db, viewer, meeting, ct);
            if (actor is null)
            {
                return MeetingGone;
            }

            if (check(meeting, actor) is { } refused)
            {
                return refused;
            }

            if (meeting.Version != version)
            {
                return Changed;
            }

            db.Entry(meeting).Property(m => m.Version).OriginalValue = version;
            apply(meeting, now);
            await db.MeetingOccupancy.Where(o => o.MeetingId == meeting.Id).ExecuteDeleteAsync(ct);
            if (keepsTime)
            {
                db.MeetingOccupancy.AddRange(MeetingOccupancy.Of(meeting, PeopleOf(meeting)));
            }

            var party = actor.Side == Side.Attendee ? MeetingParty.Attendee : MeetingParty.Partner;
            emails = await MeetingNotifier.QueueAsync(db, meeting, change, party, actor.PersonId, now, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Changed;
            }
            catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
            {
                await tx.RollbackAsync(ct);
                return await ExplainCollisionAsync(viewer, meeting.Id, meeting.SlotId, meeting.StartsAt, meeting.EndsAt, PeopleOf(meeting), ct);
            }
        }

        await PublishAsync(meeting, emails, ct);
        return Result<bool>.Ok(true);
    }

    // ---- Expiry ----

    /// <summary>
    /// Marks pending meetings whose answer delay has passed as Expired and frees their slots and
    /// people's time, in one transaction; returns how many expired. Called every minute by a
    /// background service of the web host.
    /// </summary>
    public async Task<int> ExpireDueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        List<Meeting> due;
        var emails = 0;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            due = await db.Meetings.Where(m => m.Status == MeetingStatus.Pending && m.ExpiresAt != null && m.ExpiresAt <= now).ToListAsync(ct);
            if (due.Count == 0)
            {
                return 0;
            }

            var ids = due.Select(m => m.Id).ToList();
            await db.MeetingOccupancy.Where(o => ids.Contains(o.MeetingId)).ExecuteDeleteAsync(ct);
            foreach (var meeting in due)
            {
                meeting.ChangeStatus(MeetingStatus.Expired, now);
                emails += await MeetingNotifier.QueueAsync(db, meeting, MeetingChange.Expired, MeetingParty.System, null, now, ct);
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        foreach (var meeting in due)
        {
            await PublishAsync(meeting, 0, ct);
        }

        if (emails > 0)
        {
            await live.PublishAsync(new OutboxChanged(due[0].EventId), ct);
        }

        return due.Count;
    }

    // ---- Messages ----

    /// <summary>A participant (the attendee, a member of the partner or an organizer) writes in the meeting's thread.</summary>
    public async Task<Result<Guid>> AddMessageAsync(Viewer viewer, Guid meetingId, string? body, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var text = Text.Clean(body);
        if (text is null)
        {
            return Error.Validation(Field("body", "Write a message."));
        }

        if (text.Length > Meeting.MessageMaxLength)
        {
            return MessageTooLong();
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null || await ActorAsync(db, viewer, meeting, ct) is null)
        {
            return MeetingGone;
        }

        var message = new MeetingMessage(meeting.Id, viewer.Kind == ViewerKind.Person ? viewer.Id : null, await AuthorNameAsync(db, viewer, ct), text, time.GetUtcNow());
        db.MeetingMessages.Add(message);
        await db.SaveChangesAsync(ct);
        await PublishAsync(meeting, 0, ct);
        return Result<Guid>.Ok(message.Id);
    }

    /// <summary>The meeting's thread, oldest first, for its participants.</summary>
    public async Task<Result<IReadOnlyList<MeetingMessageView>>> ListMessagesAsync(Viewer viewer, Guid meetingId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null || await ActorAsync(db, viewer, meeting, ct) is null)
        {
            return MeetingGone;
        }

        var messages = await db.MeetingMessages.AsNoTracking().Where(m => m.MeetingId == meetingId).OrderBy(m => m.SentAt).ThenBy(m => m.Id)
            .Select(m => new MeetingMessageView(m.Id, m.AuthorPersonId, m.AuthorName, m.Body, m.SentAt)).ToListAsync(ct);
        return Result<IReadOnlyList<MeetingMessageView>>.Ok(messages);
    }

    // ---- Lists and counters ----

    /// <summary>A partner's meetings, soonest first, for its administrators and sales contacts and the event's organizers.</summary>
    public async Task<Result<IReadOnlyList<MeetingSummary>>> ListForPartnerAsync(Viewer viewer, Guid partnerId, MeetingFilter? filter = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        filter ??= new MeetingFilter();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => (Guid?)p.EventId).FirstOrDefaultAsync(ct);
        if (eventId is null || !(await MeetingAccess.OfAsync(db, viewer, partnerId, ct)).Any)
        {
            return NotAllowed;
        }

        var query = db.Meetings.AsNoTracking().Where(m => m.PartnerId == partnerId);
        if (filter.Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        if (filter.Direction is { } direction)
        {
            var origin = direction == MeetingDirection.Received ? MeetingOrigin.AttendeeRequest : MeetingOrigin.PartnerInvitation;
            query = query.Where(m => m.Origin == origin);
        }

        if (filter.From is { } from)
        {
            query = query.Where(m => m.EndsAt > from);
        }

        return Result<IReadOnlyList<MeetingSummary>>.Ok(await SummariesAsync(db, query, ct));
    }

    /// <summary>An attendee's own meetings of the event, soonest first.</summary>
    public async Task<IReadOnlyList<MeetingSummary>> ListForAttendeeAsync(Viewer viewer, Guid eventId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.Kind != ViewerKind.Person)
        {
            return [];
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        return await SummariesAsync(db, db.Meetings.AsNoTracking().Where(m => m.EventId == eventId && m.AttendeePersonId == viewer.Id), ct);
    }

    /// <summary>S-2.1: the partner's accepted meetings that have not ended yet.</summary>
    public async Task<int> CountUpcomingAcceptedAsync(Guid partnerId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Meetings.CountAsync(m => m.PartnerId == partnerId && m.Status == MeetingStatus.Accepted && m.EndsAt > now, ct);
    }

    /// <summary>S-2.1: the requests attendees sent the partner that wait for its answer.</summary>
    public async Task<int> CountPendingReceivedAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Meetings.CountAsync(m => m.PartnerId == partnerId && m.Status == MeetingStatus.Pending && m.Origin == MeetingOrigin.AttendeeRequest, ct);
    }

    // ---- Helpers ----

    private static async Task<List<MeetingSummary>> SummariesAsync(PartnerSpaceDbContext db, IQueryable<Meeting> meetings, CancellationToken ct)
    {
        var rows = await meetings.OrderBy(m => m.StartsAt).ThenBy(m => m.Id).ToListAsync(ct);
        var people = rows.Select(m => m.AttendeePersonId).Concat(rows.Where(m => m.HostPersonId != null).Select(m => m.HostPersonId!.Value)).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FullName, ct);
        var partnerIds = rows.Select(m => m.PartnerId).Distinct().ToList();
        var partners = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return rows.Select(m => new MeetingSummary(
            m.Id, m.EventId, m.PartnerId, partners.GetValueOrDefault(m.PartnerId, ""), m.SlotId, m.StartsAt, m.EndsAt,
            m.AttendeePersonId, names.GetValueOrDefault(m.AttendeePersonId, ""), m.HostPersonId,
            m.HostPersonId is { } host ? names.GetValueOrDefault(host) : null,
            m.Origin, m.Status, m.CreatedAt, m.ExpiresAt, m.Sequence, m.Version)).ToList();
    }

    /// <summary>The attendee, or a member/organizer acting for the meeting's partner; null: not a participant.</summary>
    private static async Task<Actor?> ActorAsync(PartnerSpaceDbContext db, Viewer viewer, Meeting meeting, CancellationToken ct)
    {
        if (viewer.Kind == ViewerKind.Person && viewer.Id == meeting.AttendeePersonId)
        {
            return new Actor(Side.Attendee, viewer.Id);
        }

        return (await MeetingAccess.OfAsync(db, viewer, meeting.PartnerId, ct)).Any
            ? new Actor(Side.Partner, viewer.Kind == ViewerKind.Person ? viewer.Id : null)
            : null;
    }

    private static Side AskedBy(Meeting meeting) => meeting.Origin == MeetingOrigin.AttendeeRequest ? Side.Attendee : Side.Partner;

    private static IEnumerable<Guid> PeopleOf(Meeting meeting) =>
        meeting.HostPersonId is { } host ? [meeting.AttendeePersonId, host] : [meeting.AttendeePersonId];

    private static Error StatusConflict(MeetingStatus status) => status switch
    {
        MeetingStatus.Accepted => Error.Conflict("already-accepted", "This meeting was already accepted."),
        MeetingStatus.Declined => Error.Conflict("already-declined", "This request was already declined."),
        MeetingStatus.Cancelled => Error.Conflict("already-cancelled", "This meeting was already cancelled."),
        MeetingStatus.Expired => Error.Conflict("expired", "This request has expired."),
        _ => Error.Conflict("pending", "This meeting is still waiting for an answer."),
    };

    /// <summary>
    /// After a unique-index refusal, reads again what holds the slot or the people's time, so the
    /// answer names the right collision (the slot's partial index or a person's cell).
    /// </summary>
    private async Task<Error> ExplainCollisionAsync(Viewer viewer, Guid meetingId, Guid? slotId, DateTimeOffset startsAt, DateTimeOffset endsAt, IEnumerable<Guid> people, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (slotId is not null && await db.Meetings.AnyAsync(m => m.SlotId == slotId && m.Id != meetingId && (m.Status == MeetingStatus.Pending || m.Status == MeetingStatus.Accepted), ct))
        {
            return SlotTaken;
        }

        var ids = people.ToList();
        var busy = await db.MeetingOccupancy.Where(o => ids.Contains(o.PersonId) && o.MeetingId != meetingId && o.CellStart >= startsAt && o.CellStart < endsAt)
            .Select(o => o.PersonId).Distinct().ToListAsync(ct);
        return busy.Count == 0 ? SlotTaken : viewer.Kind == ViewerKind.Person && busy.Contains(viewer.Id) ? YouAreBusy : OtherIsBusy;
    }

    private static async Task<string> AuthorNameAsync(PartnerSpaceDbContext db, Viewer viewer, CancellationToken ct) =>
        viewer.Kind == ViewerKind.Person
            ? await db.People.Where(p => p.Id == viewer.Id).Select(p => (p.FirstName + " " + p.LastName).Trim()).FirstOrDefaultAsync(ct) ?? ""
            : await db.Users.Where(u => u.Id == viewer.Id).Select(u => u.UserName).FirstOrDefaultAsync(ct) ?? "";

    private async Task PublishAsync(Meeting meeting, int emails, CancellationToken ct)
    {
        var changed = new MeetingChanged(meeting.EventId, meeting.PartnerId, meeting.AttendeePersonId, meeting.Id);
        await live.PublishAsync(changed, ct);
        await live.PublishAsync(changed.ForAttendee(), ct);
        if (emails > 0)
        {
            await live.PublishAsync(new OutboxChanged(meeting.EventId), ct);
        }
    }

    private static Error MessageTooLong() => Error.Validation(Field("message", $"A message has at most {Meeting.MessageMaxLength} characters."));

    private static Dictionary<string, string[]> Field(string field, string message) => new() { [field] = [message] };
}

/// <summary>
/// Tells a unique-index refusal apart from other failures, in one place for both providers:
/// SQLite's SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY, and SQLSTATE 23505 (unique_violation), which
/// PostgreSQL's exceptions carry (Microsoft.Data.Sqlite sets no SQLSTATE).
/// </summary>
public static class UniqueViolation
{
    private const int SqliteConstraint = 19;
    private const string UniqueViolationState = "23505";

    public static bool Is(DbUpdateException exception) => exception?.InnerException switch
    {
        SqliteException sqlite => sqlite is { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: 2067 or 1555 },
        System.Data.Common.DbException other => other.SqlState == UniqueViolationState,
        _ => false,
    };
}
