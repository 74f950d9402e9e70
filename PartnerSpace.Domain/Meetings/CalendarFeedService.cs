using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Meetings;

/// <summary>
/// The private link of a feed. <see cref="Token"/> is there only when the link was just made: only
/// its hash is stored, so to see the link again its owner regenerates it (which revokes the old one).
/// </summary>
public sealed record CalendarFeedLink(Guid FeedId, string? Token, DateTimeOffset CreatedAt)
{
    public string? Path => Token is null ? null : CalendarFeedService.FeedPath(Token);
}

/// <summary>
/// S-3.4, DESIGN §6: private subscribable calendar feeds of a person (the meetings they attend or
/// host) and of a partner (all its meetings), and the <c>.ics</c> of one meeting for its participants.
/// </summary>
public sealed class CalendarFeedService(IDbContextFactory<PartnerSpaceDbContext> dbs, TimeProvider time)
{
    /// <summary>The address of a feed (<c>GET /calendar/{token}.ics</c>).</summary>
    public static string FeedPath(string token) => $"/calendar/{token}.ics";

    /// <summary>The address of one meeting's file (<c>GET /meetings/{id}.ics</c>).</summary>
    public static string MeetingPath(Guid meetingId) => $"/meetings/{meetingId}.ics";

    /// <summary>The feed link in use (without its token: only its hash is kept), or null when there is none; makes nothing.</summary>
    public async Task<Result<CalendarFeedLink?>> FindAsync(Viewer viewer, FeedOwner kind, Guid ownerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await MayManageAsync(db, viewer, kind, ownerId, ct) is null)
        {
            return Error.Forbidden("calendar.feed.forbidden", "You may not manage this calendar link.");
        }

        var active = await db.CalendarFeeds.AsNoTracking().Where(f => f.OwnerKind == kind && f.OwnerId == ownerId && f.RevokedAt == null).FirstOrDefaultAsync(ct);
        return Result<CalendarFeedLink?>.Ok(active is null ? null : new CalendarFeedLink(active.Id, null, active.CreatedAt));
    }

    /// <summary>The feed link in use, or a new one (with its token) when there is none.</summary>
    public async Task<Result<CalendarFeedLink>> GetOrCreateAsync(Viewer viewer, FeedOwner kind, Guid ownerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var eventId = await MayManageAsync(db, viewer, kind, ownerId, ct);
        if (eventId is null)
        {
            return Forbidden();
        }

        var active = await db.CalendarFeeds.Where(f => f.OwnerKind == kind && f.OwnerId == ownerId && f.RevokedAt == null).FirstOrDefaultAsync(ct);
        if (active is not null)
        {
            return Result<CalendarFeedLink>.Ok(new CalendarFeedLink(active.Id, null, active.CreatedAt));
        }

        return await CreateAsync(db, eventId.Value, kind, ownerId, ct);
    }

    /// <summary>A new link; the old one stops working at once (one transaction).</summary>
    public async Task<Result<CalendarFeedLink>> RegenerateAsync(Viewer viewer, FeedOwner kind, Guid ownerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var eventId = await MayManageAsync(db, viewer, kind, ownerId, ct);
        if (eventId is null)
        {
            return Forbidden();
        }

        return await CreateAsync(db, eventId.Value, kind, ownerId, ct);
    }

    /// <summary>Stops the link in use, if any.</summary>
    public async Task<Result<bool>> RevokeAsync(Viewer viewer, FeedOwner kind, Guid ownerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await MayManageAsync(db, viewer, kind, ownerId, ct) is null)
        {
            return Forbidden();
        }

        var active = await db.CalendarFeeds.Where(f => f.OwnerKind == kind && f.OwnerId == ownerId && f.RevokedAt == null).ToListAsync(ct);
        active.ForEach(f => f.Revoke(time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(active.Count > 0);
    }

    /// <summary>The feed's iCalendar text for the holder of the link; null for an unknown or revoked token.</summary>
    public async Task<string?> GetFeedAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Secrets.Hash(token);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var feed = await db.CalendarFeeds.AsNoTracking().Where(f => f.TokenHash == hash && f.RevokedAt == null).FirstOrDefaultAsync(ct);
        if (feed is null)
        {
            return null;
        }

        var ev = await db.Events.AsNoTracking().SingleAsync(e => e.Id == feed.EventId, ct);
        var meetings = db.Meetings.AsNoTracking().Where(m => m.EventId == feed.EventId);
        string owner;
        if (feed.OwnerKind == FeedOwner.Partner)
        {
            meetings = meetings.Where(m => m.PartnerId == feed.OwnerId);
            owner = await db.Partners.Where(p => p.Id == feed.OwnerId).Select(p => p.Name).SingleOrDefaultAsync(ct) ?? "";
        }
        else
        {
            meetings = meetings.Where(m => m.AttendeePersonId == feed.OwnerId || m.HostPersonId == feed.OwnerId);
            owner = await db.People.Where(p => p.Id == feed.OwnerId).Select(p => p.FirstName + " " + p.LastName).SingleOrDefaultAsync(ct) ?? "";
        }

        var loaded = await LoadAsync(db, meetings, ev.TimeZoneId, ev.Name.For("en"), ct);
        return MeetingCalendar.Feed($"{ev.Name.For("en")} – {owner.Trim()}", ev.TimeZoneId, loaded, time.GetUtcNow());
    }

    /// <summary>One meeting's iCalendar text for a participant; null to anyone else (not found, not probed).</summary>
    public async Task<string?> GetMeetingAsync(Viewer? viewer, Guid meetingId, CancellationToken ct = default)
    {
        if (viewer is null)
        {
            return null;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null || !await IsParticipantAsync(db, viewer, meeting, ct))
        {
            return null;
        }

        var ev = await db.Events.AsNoTracking().SingleAsync(e => e.Id == meeting.EventId, ct);
        var loaded = await LoadAsync(db, db.Meetings.Where(m => m.Id == meetingId), ev.TimeZoneId, ev.Name.For("en"), ct);
        return MeetingCalendar.OneMeeting(loaded.Single(), time.GetUtcNow());
    }

    /// <summary>
    /// The attendee and the host (their own meeting), and whoever acts for the partner
    /// (<see cref="MeetingAccess"/>: its administrators, its registered sales contacts while the
    /// sales-contact tab is on, and the event's organizers).
    /// </summary>
    private static async Task<bool> IsParticipantAsync(PartnerSpaceDbContext db, Viewer viewer, Meeting meeting, CancellationToken ct) =>
        (viewer.Kind == ViewerKind.Person && (viewer.Id == meeting.AttendeePersonId || viewer.Id == meeting.HostPersonId))
        || (await MeetingAccess.OfAsync(db, viewer, meeting.PartnerId, ct)).Any;

    /// <summary>
    /// The event of the feed's owner when the viewer may manage its link: a person their own; a
    /// partner's whoever acts for it (<see cref="MeetingAccess"/>). Null otherwise.
    /// </summary>
    private static async Task<Guid?> MayManageAsync(PartnerSpaceDbContext db, Viewer viewer, FeedOwner kind, Guid ownerId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (kind == FeedOwner.Person)
        {
            return viewer.Kind == ViewerKind.Person && viewer.Id == ownerId
                ? await db.People.Where(p => p.Id == ownerId).Select(p => (Guid?)p.EventId).FirstOrDefaultAsync(ct)
                : null;
        }

        var eventId = await db.Partners.Where(p => p.Id == ownerId).Select(p => (Guid?)p.EventId).FirstOrDefaultAsync(ct);
        if (eventId is null)
        {
            return null;
        }

        return (await MeetingAccess.OfAsync(db, viewer, ownerId, ct)).Any ? eventId : null;
    }

    private async Task<Result<CalendarFeedLink>> CreateAsync(PartnerSpaceDbContext db, Guid eventId, FeedOwner kind, Guid ownerId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var token = Secrets.NewToken();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var active = await db.CalendarFeeds.Where(f => f.OwnerKind == kind && f.OwnerId == ownerId && f.RevokedAt == null).ToListAsync(ct);
        active.ForEach(f => f.Revoke(now));

        // Revoked first, in its own statement: the unique index on the owner's link in use
        // (IX_CalendarFeeds_Owner_Active) then lets the new one in.
        await db.SaveChangesAsync(ct);
        var feed = new CalendarFeed(eventId, kind, ownerId, Secrets.Hash(token), now);
        db.CalendarFeeds.Add(feed);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request made a link at the same moment: theirs is the one in use.
            return Error.Conflict("calendar.feed.concurrent", "The calendar link was just changed. Try again.");
        }

        return Result<CalendarFeedLink>.Ok(new CalendarFeedLink(feed.Id, token, now));
    }

    private static async Task<List<CalendarMeeting>> LoadAsync(PartnerSpaceDbContext db, IQueryable<Meeting> meetings, string timeZoneId, string eventName, CancellationToken ct)
    {
        var rows = await (
            from m in meetings
            join slot in db.MeetingSlots on m.SlotId equals slot.Id into slots
            from slot in slots.DefaultIfEmpty()
            join partner in db.Partners on m.PartnerId equals partner.Id
            join attendee in db.People on m.AttendeePersonId equals attendee.Id
            join host in db.People on m.HostPersonId equals host.Id into hosts
            from host in hosts.DefaultIfEmpty()
            join space in db.MeetingSpaces on slot.SpaceId equals space.Id into spaces
            from space in spaces.DefaultIfEmpty()
            select new { Meeting = m, PartnerName = partner.Name, Attendee = attendee, Host = host, Space = space })
            .AsNoTracking()
            .ToListAsync(ct);

        return rows.OrderBy(r => r.Meeting.StartsAt).Select(r => new CalendarMeeting(
            r.Meeting.Id,
            r.PartnerName,
            new CalendarPerson(r.Attendee.FullName, r.Attendee.Email),
            r.Host is null ? null : new CalendarPerson(r.Host.FullName, r.Host.Email),
            r.Space,
            r.Meeting.StartsAt,
            r.Meeting.EndsAt,
            r.Meeting.Status,
            r.Meeting.Sequence,
            timeZoneId,
            eventName)).ToList();
    }

    private static Error Forbidden() => Error.Forbidden("calendar.feed.forbidden", "You may not manage this calendar link.");
}
