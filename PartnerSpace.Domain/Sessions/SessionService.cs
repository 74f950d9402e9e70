using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Sessions;

/// <summary>What the organizer types to create or edit a session; times are UTC instants.</summary>
public sealed record SessionDraft(
    string? Title,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Room,
    string? Type,
    IReadOnlyList<Guid> PartnerIds,
    int RegistrantCount = 0,
    int PresentCount = 0,
    int Version = 0);

/// <summary>Which sessions to show: one day of the event (in its time zone), one room, one type; null means all.</summary>
public sealed record SessionFilter(DateOnly? Day = null, string? Room = null, string? Type = null)
{
    public static readonly SessionFilter All = new();
}

/// <summary>A partner hosting a session.</summary>
public sealed record SessionHostView(Guid PartnerId, string Name);

/// <summary>A speaker of a session, from the team of <see cref="PartnerId"/>, in the order that partner chose.</summary>
public sealed record SessionSpeakerView(Guid PersonId, Guid PartnerId, string Name);

/// <summary>
/// A session as screens show it. <see cref="Registrants"/> and <see cref="Present"/> are null when the
/// reader may not see them (S-1.6 switches off, for partners).
/// </summary>
public sealed record SessionView(
    Guid Id,
    string Title,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateOnly Day,
    string? Room,
    string? Type,
    string? Description,
    IReadOnlyList<SessionHostView> Hosts,
    IReadOnlyList<SessionSpeakerView> Speakers,
    int? Registrants,
    int? Present,
    int Version)
{
    /// <summary>S-2.7: what the readiness board counts as done: a description and a speaker.</summary>
    public bool IsComplete => !string.IsNullOrWhiteSpace(Description) && Speakers.Count > 0;
}

/// <summary>The days, rooms and types the filters offer: those of the sessions before filtering.</summary>
public sealed record SessionFacets(IReadOnlyList<DateOnly> Days, IReadOnlyList<string> Rooms, IReadOnlyList<string> Types);

/// <summary>Sessions after the filter, what the filters offer, and how many there are in all.</summary>
public sealed record SessionList(IReadOnlyList<SessionView> Sessions, SessionFacets Facets, int Total, string TimeZoneId);

/// <summary>Someone of the partner's team who may speak (S-2.7: speakers come from the Team tab).</summary>
public sealed record SpeakerChoice(Guid PersonId, string Name, string Email, MemberRole Role);

/// <summary>A partner's Sessions tab: its sessions, its team to pick speakers from, and the S-1.6 switches.</summary>
public sealed record PartnerSessions(SessionList List, IReadOnlyList<SpeakerChoice> Team, bool ShowRegistrants, bool ShowPresent);

/// <summary>The event's days and time zone, for the organizer's session dialog.</summary>
public sealed record SessionCalendar(DateOnly FirstDay, DateOnly LastDay, string TimeZoneId);

/// <summary>
/// S-2.7 sessions: the organizer schedules them and assigns hosting partners (and may set their
/// counts); a hosting partner's administrators write the description and choose speakers from
/// their team. Each change reaches the organizer's screen and the hosts' tabs live (S-5).
/// </summary>
public sealed class SessionService(IDbContextFactory<PartnerSpaceDbContext> dbs, PartnerAccessService access, EventOptionsService options, ILiveEvents live, TimeProvider time)
{
    /// <summary>How many partners may host one session.</summary>
    public const int MaxHosts = 10;

    /// <summary>Counts are people; beyond this, it is a typing error.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>Sessions may run the day before or after the show (workshops, pre-events), not further.</summary>
    public const int DaysAroundEvent = 1;

    private static readonly Error NotOrganizer = Error.Forbidden("not-organizer", "You do not organize this event.");

    private static readonly Error SessionGone = Error.NotFound("session-not-found", "This session does not exist (any more).");

    private static readonly Error Changed = Error.Conflict("changed", "Someone else changed this session meanwhile. Reload to see their changes.");

    /// <summary>The event's sessions for its organizer, filtered, with everything (counts included).</summary>
    public async Task<Result<SessionList>> ListAsync(Guid organizerId, Guid eventId, SessionFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return NotOrganizer;
        }

        var zone = await ZoneAsync(db, eventId, ct);
        var sessions = await LoadAsync(db, eventId, null, zone.Zone, showRegistrants: true, showPresent: true, ct);
        return Result<SessionList>.Ok(Filter(sessions, filter, zone.Id));
    }

    /// <summary>The event's first and last day and its time zone, for the dialog's date pickers.</summary>
    public async Task<Result<SessionCalendar>> GetCalendarAsync(Guid organizerId, Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return NotOrganizer;
        }

        var ev = await db.Events.AsNoTracking().FirstAsync(e => e.Id == eventId, ct);
        var zone = ZoneOf(ev.TimeZoneId);
        return Result<SessionCalendar>.Ok(new SessionCalendar(DayOf(ev.StartsAt, zone), DayOf(ev.EndsAt, zone), ev.TimeZoneId));
    }

    public async Task<Result<Guid>> CreateAsync(Guid organizerId, Guid eventId, SessionDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return NotOrganizer;
        }

        var (clean, errors) = await ValidateAsync(db, eventId, draft, ct);
        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var session = new Session(eventId, clean.Title!, draft.StartsAt.ToUniversalTime(), draft.EndsAt.ToUniversalTime(), clean.Room, clean.Type, time.GetUtcNow());
        session.Count(draft.RegistrantCount, draft.PresentCount);
        db.Sessions.Add(session);
        db.SessionHosts.AddRange(clean.PartnerIds.Select(p => new SessionHost(session.Id, p)));
        await db.SaveChangesAsync(ct);
        await TellAsync(eventId, clean.PartnerIds, ct);
        return Result<Guid>.Ok(session.Id);
    }

    /// <summary>Reschedules a session and changes its hosts; a removed host's speakers leave with it.</summary>
    public async Task<Result<Guid>> UpdateAsync(Guid organizerId, Guid sessionId, SessionDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null || !await IsOrganizerAsync(db, organizerId, session.EventId, ct))
        {
            return SessionGone;
        }

        var (clean, errors) = await ValidateAsync(db, session.EventId, draft, ct);
        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        if (session.Version != draft.Version)
        {
            return Changed;
        }

        // The concurrency token makes a save racing another one fail instead of overwriting it.
        db.Entry(session).Property(s => s.Version).OriginalValue = draft.Version;
        session.Schedule(clean.Title!, draft.StartsAt.ToUniversalTime(), draft.EndsAt.ToUniversalTime(), clean.Room, clean.Type);
        await session.CountAtLeastAttendanceAsync(db, draft.RegistrantCount, draft.PresentCount, ct);

        var hosts = await db.SessionHosts.Where(h => h.SessionId == sessionId).ToListAsync(ct);
        var removed = hosts.Where(h => !clean.PartnerIds.Contains(h.PartnerId)).ToList();
        db.SessionHosts.RemoveRange(removed);
        db.SessionHosts.AddRange(clean.PartnerIds.Where(p => hosts.All(h => h.PartnerId != p)).Select(p => new SessionHost(sessionId, p)));
        var removedIds = removed.Select(h => h.PartnerId).ToList();
        db.SessionSpeakers.RemoveRange(await db.SessionSpeakers.Where(s => s.SessionId == sessionId && removedIds.Contains(s.PartnerId)).ToListAsync(ct));
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed;
        }

        await TellAsync(session.EventId, [.. clean.PartnerIds, .. removedIds], ct);
        return Result<Guid>.Ok(session.Id);
    }

    /// <summary>Sets the counts only (the organizer types them, or a later import from the session scans).</summary>
    public async Task<Result<bool>> SetCountsAsync(Guid organizerId, Guid sessionId, int registrants, int present, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckCounts(registrants, present, errors);
        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null || !await IsOrganizerAsync(db, organizerId, session.EventId, ct))
        {
            return SessionGone;
        }

        await session.CountAtLeastAttendanceAsync(db, registrants, present, ct);
        await db.SaveChangesAsync(ct);
        await TellAsync(session.EventId, await HostIdsAsync(db, sessionId, ct), ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Deletes a session with its hosts and speakers.</summary>
    public async Task<Result<bool>> DeleteAsync(Guid organizerId, Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null || !await IsOrganizerAsync(db, organizerId, session.EventId, ct))
        {
            return SessionGone;
        }

        var hosts = await HostIdsAsync(db, sessionId, ct);
        db.Sessions.Remove(session);
        await db.SaveChangesAsync(ct);
        await TellAsync(session.EventId, hosts, ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>
    /// S-2.7: the sessions a partner hosts, filtered, with its team to choose speakers from; counts
    /// only as the organizer's S-1.6 switches allow.
    /// </summary>
    public async Task<Result<PartnerSessions>> GetForPartnerAsync(Viewer viewer, Guid partnerId, SessionFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot see this partner's sessions.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.EventId).FirstAsync(ct);
        var switches = (await options.GetAsync(eventId, ct)).Values;
        var zone = await ZoneAsync(db, eventId, ct);
        var sessions = await LoadAsync(db, eventId, partnerId, zone.Zone, switches.SessionsShowRegistrants, switches.SessionsShowAttendeesPresent, ct);
        var team = await db.PartnerMembers.AsNoTracking()
            .Where(m => m.PartnerId == partnerId)
            .OrderBy(m => m.Person!.LastName).ThenBy(m => m.Person!.FirstName)
            .Select(m => new SpeakerChoice(m.PersonId, m.Person!.FirstName + " " + m.Person.LastName, m.Person.Email, m.Role))
            .ToListAsync(ct);
        return Result<PartnerSessions>.Ok(new PartnerSessions(Filter(sessions, filter, zone.Id), team, switches.SessionsShowRegistrants, switches.SessionsShowAttendeesPresent));
    }

    /// <summary>A hosting partner writes (or clears) the session's description; a stale version is refused.</summary>
    public async Task<Result<int>> DescribeAsync(Viewer viewer, Guid partnerId, Guid sessionId, int version, string? description, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot change this partner's sessions.");
        }

        var text = Text.Clean(description);
        if (text is { Length: > Session.DescriptionMaxLength })
        {
            return Error.Validation(new Dictionary<string, string[]> { ["description"] = [$"A description is at most {Session.DescriptionMaxLength} characters."] });
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var session = await HostedAsync(db, partnerId, sessionId, ct);
        if (session is null)
        {
            return SessionGone;
        }

        if (session.Version != version)
        {
            return Changed;
        }

        db.Entry(session).Property(s => s.Version).OriginalValue = version;
        session.Describe(text);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed;
        }

        await TellAsync(session.EventId, await HostIdsAsync(db, sessionId, ct), ct);
        return Result<int>.Ok(session.Version);
    }

    /// <summary>
    /// A hosting partner sets its speakers of the session, in order: people of its own team only
    /// (any role), each once, and at most <see cref="Session.MaxSpeakers"/> with the other hosts' speakers.
    /// </summary>
    public async Task<Result<bool>> SetSpeakersAsync(Viewer viewer, Guid partnerId, Guid sessionId, IReadOnlyList<Guid> personIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot change this partner's sessions.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var session = await HostedAsync(db, partnerId, sessionId, ct);
        if (session is null)
        {
            return SessionGone;
        }

        var team = await db.PartnerMembers.Where(m => m.PartnerId == partnerId).Select(m => m.PersonId).ToListAsync(ct);
        var others = await db.SessionSpeakers.Where(s => s.SessionId == sessionId && s.PartnerId != partnerId).Select(s => s.PersonId).ToListAsync(ct);
        (string Code, string Message)? error =
            personIds.Distinct().Count() != personIds.Count ? ("speakers-repeated", "Each speaker is listed once.")
            : personIds.Any(p => !team.Contains(p)) ? ("speakers-not-in-team", "Speakers are chosen from your team: add them in the Team tab first.")
            : personIds.Any(others.Contains) ? ("speakers-other-host", "This person already speaks at this session for another host.")
            : personIds.Count + others.Count > Session.MaxSpeakers ? ("speakers-too-many", $"A session has at most {Session.MaxSpeakers} speakers.")
            : null;
        if (error is { } refused)
        {
            return new Error(ErrorKind.Validation, refused.Code, refused.Message, new Dictionary<string, string[]> { ["speakers"] = [refused.Message] });
        }

        db.SessionSpeakers.RemoveRange(await db.SessionSpeakers.Where(s => s.SessionId == sessionId && s.PartnerId == partnerId).ToListAsync(ct));
        db.SessionSpeakers.AddRange(personIds.Select((p, i) => new SessionSpeaker(sessionId, partnerId, p, i)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await TellAsync(session.EventId, await HostIdsAsync(db, sessionId, ct), ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Every session of the event (or those <paramref name="partnerId"/> hosts), with hosts and speakers, in time order.</summary>
    internal static async Task<List<SessionView>> LoadAsync(PartnerSpaceDbContext db, Guid eventId, Guid? partnerId, TimeZoneInfo zone, bool showRegistrants, bool showPresent, CancellationToken ct)
    {
        var query = db.Sessions.AsNoTracking().Where(s => s.EventId == eventId);
        if (partnerId is { } hostId)
        {
            query = query.Where(s => db.SessionHosts.Any(h => h.SessionId == s.Id && h.PartnerId == hostId));
        }

        var sessions = await query.OrderBy(s => s.StartsAt).ThenBy(s => s.Title).ToListAsync(ct);
        var ids = sessions.Select(s => s.Id).ToList();
        var hosts = (await db.SessionHosts.AsNoTracking()
                .Where(h => ids.Contains(h.SessionId))
                .Join(db.Partners, h => h.PartnerId, p => p.Id, (h, p) => new { h.SessionId, p.Id, p.Name })
                .ToListAsync(ct))
            .OrderBy(h => h.Name, StringComparer.CurrentCulture)
            .ToLookup(h => h.SessionId, h => new SessionHostView(h.Id, h.Name));
        var speakers = (await db.SessionSpeakers.AsNoTracking()
                .Where(s => ids.Contains(s.SessionId))
                .Join(db.People, s => s.PersonId, p => p.Id, (s, p) => new { s.SessionId, s.PartnerId, s.Position, p.Id, p.FirstName, p.LastName })
                .ToListAsync(ct))
            .OrderBy(s => s.PartnerId).ThenBy(s => s.Position)
            .ToLookup(s => s.SessionId, s => new SessionSpeakerView(s.Id, s.PartnerId, $"{s.FirstName} {s.LastName}".Trim()));
        return
        [
            .. sessions.Select(s => new SessionView(
                s.Id, s.Title, s.StartsAt, s.EndsAt, DayOf(s.StartsAt, zone), s.Room, s.Type, s.Description,
                [.. hosts[s.Id]], [.. speakers[s.Id]],
                showRegistrants ? s.RegistrantCount : null, showPresent ? s.PresentCount : null, s.Version)),
        ];
    }

    internal static TimeZoneInfo ZoneOf(string timeZoneId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    private static DateOnly DayOf(DateTimeOffset utc, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, zone).DateTime);

    private static SessionList Filter(List<SessionView> sessions, SessionFilter filter, string timeZoneId)
    {
        var facets = new SessionFacets(
            [.. sessions.Select(s => s.Day).Distinct().Order()],
            [.. sessions.Select(s => s.Room).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.CurrentCulture)],
            [.. sessions.Select(s => s.Type).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.CurrentCulture)]);
        var shown = sessions.Where(s =>
            (filter.Day is null || s.Day == filter.Day)
            && (filter.Room is null || string.Equals(s.Room, filter.Room, StringComparison.OrdinalIgnoreCase))
            && (filter.Type is null || string.Equals(s.Type, filter.Type, StringComparison.OrdinalIgnoreCase)));
        return new SessionList([.. shown], facets, sessions.Count, timeZoneId);
    }

    private static async Task<(string Id, TimeZoneInfo Zone)> ZoneAsync(PartnerSpaceDbContext db, Guid eventId, CancellationToken ct)
    {
        var id = await db.Events.Where(e => e.Id == eventId).Select(e => e.TimeZoneId).FirstAsync(ct);
        return (id, ZoneOf(id));
    }

    private static Task<bool> IsOrganizerAsync(PartnerSpaceDbContext db, Guid organizerId, Guid eventId, CancellationToken ct) =>
        db.EventOrganizers.AnyAsync(o => o.UserId == organizerId && o.EventId == eventId, ct);

    private static Task<Session?> HostedAsync(PartnerSpaceDbContext db, Guid partnerId, Guid sessionId, CancellationToken ct) =>
        db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId && db.SessionHosts.Any(h => h.SessionId == s.Id && h.PartnerId == partnerId), ct);

    private static async Task<List<Guid>> HostIdsAsync(PartnerSpaceDbContext db, Guid sessionId, CancellationToken ct) =>
        await db.SessionHosts.Where(h => h.SessionId == sessionId).Select(h => h.PartnerId).ToListAsync(ct);

    private async Task TellAsync(Guid eventId, IEnumerable<Guid> partnerIds, CancellationToken ct)
    {
        await live.PublishAsync(new SessionsChanged(eventId), ct);
        foreach (var partnerId in partnerIds.Distinct())
        {
            await live.PublishAsync(new PartnerSessionsChanged(partnerId), ct);
        }
    }

    private sealed record CleanDraft(string? Title, string? Room, string? Type, IReadOnlyList<Guid> PartnerIds);

    private static async Task<(CleanDraft Clean, Dictionary<string, string[]> Errors)> ValidateAsync(PartnerSpaceDbContext db, Guid eventId, SessionDraft draft, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var title = Text.Clean(draft.Title);
        var room = Text.Clean(draft.Room);
        var type = Text.Clean(draft.Type);
        if (title is null or { Length: > Session.TitleMaxLength })
        {
            errors["title"] = [$"A title is 1 to {Session.TitleMaxLength} characters."];
        }

        if (room is { Length: > Session.RoomMaxLength })
        {
            errors["room"] = [$"A room is at most {Session.RoomMaxLength} characters."];
        }

        if (type is { Length: > Session.TypeMaxLength })
        {
            errors["type"] = [$"A type is at most {Session.TypeMaxLength} characters."];
        }

        var ev = await db.Events.AsNoTracking().FirstAsync(e => e.Id == eventId, ct);
        var zone = ZoneOf(ev.TimeZoneId);
        var first = DayOf(ev.StartsAt, zone).AddDays(-DaysAroundEvent);
        var last = DayOf(ev.EndsAt, zone).AddDays(DaysAroundEvent);
        if (draft.EndsAt <= draft.StartsAt)
        {
            errors["endsAt"] = ["A session ends after it starts."];
        }
        else if (draft.EndsAt - draft.StartsAt > TimeSpan.FromHours(24))
        {
            errors["endsAt"] = ["A session lasts at most 24 hours."];
        }

        if (DayOf(draft.StartsAt, zone) < first || DayOf(draft.StartsAt, zone) > last)
        {
            errors["startsAt"] = [$"A session takes place during the event ({first.AddDays(DaysAroundEvent):yyyy-MM-dd} to {last.AddDays(-DaysAroundEvent):yyyy-MM-dd}) or the day before or after."];
        }

        CheckCounts(draft.RegistrantCount, draft.PresentCount, errors);

        var partnerIds = (draft.PartnerIds ?? []).Distinct().ToList();
        if (partnerIds.Count > MaxHosts)
        {
            errors["partners"] = [$"A session has at most {MaxHosts} hosting partners."];
        }
        else if (partnerIds.Count > 0 && await db.Partners.CountAsync(p => p.EventId == eventId && partnerIds.Contains(p.Id), ct) != partnerIds.Count)
        {
            errors["partners"] = ["A hosting partner no longer exists: choose the partners again."];
        }

        return (new CleanDraft(title, room, type, partnerIds), errors);
    }

    private static void CheckCounts(int registrants, int present, Dictionary<string, string[]> errors)
    {
        if (registrants is < 0 or > MaxCount)
        {
            errors["registrants"] = [$"The number of registrants is 0 to 1,000,000."];
        }

        if (present is < 0 or > MaxCount)
        {
            errors["present"] = [$"The number of attendees present is 0 to 1,000,000."];
        }
    }
}
