using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Sessions;

/// <summary>
/// S-2.7, S-2.12: the organizer registers attendees to a session and checks them in. Each attendee
/// becomes a Sessions lead of every partner hosting the session, in the same transaction, and the
/// hosts' screens follow live (S-5).
/// </summary>
public sealed class SessionAttendanceService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time)
{
    /// <summary>Most lines one paste may hold.</summary>
    public const int MaxEntries = 5000;

    private static readonly Error NotOrganizer = Error.Forbidden("not-organizer", "You do not organize this event.");
    private static readonly Error SessionGone = Error.NotFound("session-not-found", "This session no longer exists.");
    private static readonly Error NotAttendee = Error.NotFound("attendee-not-found", "This person is not a registered attendee of the event.");

    /// <summary>Registers the attendee to the session (idempotent: the first registration time stays).</summary>
    public Task<Result<bool>> RegisterAsync(Guid organizerId, Guid sessionId, Guid personId, CancellationToken ct = default) =>
        RecordAsync(organizerId, sessionId, personId, checkIn: false, ct);

    /// <summary>Checks the attendee in at the session (registering them if they were not; the first check-in time stays).</summary>
    public Task<Result<bool>> CheckInAsync(Guid organizerId, Guid sessionId, Guid personId, CancellationToken ct = default) =>
        RecordAsync(organizerId, sessionId, personId, checkIn: true, ct);

    /// <summary>
    /// Records many attendees at once from badge codes or e-mail addresses (one per line, as an
    /// organizer pastes them from the door's list): registered, or present when <paramref name="present"/>.
    /// Unknown entries are returned, not guessed; nothing is recorded when none is known.
    /// </summary>
    public async Task<Result<AttendanceResult>> RecordManyAsync(Guid organizerId, Guid sessionId, IEnumerable<string?> entries, bool present, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var lines = entries.Select(Text.Clean).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (lines.Count == 0)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["entries"] = ["Enter at least one badge code or e-mail address."] });
        }

        if (lines.Count > MaxEntries)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["entries"] = [$"Enter at most {MaxEntries} lines at once."] });
        }

        List<(Guid PersonId, string BadgeCode, string Email)> known;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var eventId = await db.Sessions.Where(s => s.Id == sessionId).Select(s => (Guid?)s.EventId).FirstOrDefaultAsync(ct);
            if (eventId is null)
            {
                return SessionGone;
            }

            var emails = lines.Select(Text.NormalizeEmail).OfType<string>().ToList();
            var found = await db.Attendees.AsNoTracking()
                .Where(a => a.EventId == eventId && (lines.Contains(a.BadgeCode) || emails.Contains(a.Person!.Email)))
                .Select(a => new { a.PersonId, a.BadgeCode, a.Person!.Email })
                .ToListAsync(ct);
            known = [.. found.Select(f => (f.PersonId, f.BadgeCode, f.Email))];
        }

        // Sets, not a scan of the known per line: a paste holds up to 5,000 lines.
        var badges = known.Select(k => k.BadgeCode).ToHashSet(StringComparer.Ordinal);
        var addresses = known.Select(k => k.Email).ToHashSet(StringComparer.Ordinal);
        var unknown = lines.Where(l => !badges.Contains(l) && !(Text.NormalizeEmail(l) is { } email && addresses.Contains(email))).ToList();
        if (known.Count == 0)
        {
            return Result<AttendanceResult>.Ok(new AttendanceResult(0, unknown));
        }

        var recorded = await RecordAsync(organizerId, sessionId, [.. known.Select(k => k.PersonId).Distinct()], present, ct);
        return recorded.IsSuccess ? Result<AttendanceResult>.Ok(new AttendanceResult(recorded.Value, unknown)) : recorded.Error!;
    }

    private async Task<Result<bool>> RecordAsync(Guid organizerId, Guid sessionId, Guid personId, bool checkIn, CancellationToken ct)
    {
        var recorded = await RecordAsync(organizerId, sessionId, [personId], checkIn, ct);
        return recorded.IsSuccess ? Result<bool>.Ok(true) : recorded.Error!;
    }

    private async Task<Result<int>> RecordAsync(Guid organizerId, Guid sessionId, IReadOnlyList<Guid> personIds, bool checkIn, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<Guid> hosts;
        Guid eventId;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is null)
            {
                return SessionGone;
            }

            if (!await db.EventOrganizers.AnyAsync(o => o.UserId == organizerId && o.EventId == session.EventId, ct))
            {
                return NotOrganizer;
            }

            if (await db.Attendees.CountAsync(a => a.EventId == session.EventId && personIds.Contains(a.PersonId), ct) != personIds.Count)
            {
                return NotAttendee;
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var existing = await db.SessionAttendances.Where(a => a.SessionId == sessionId && personIds.Contains(a.PersonId)).ToDictionaryAsync(a => a.PersonId, ct);
            foreach (var personId in personIds)
            {
                if (!existing.TryGetValue(personId, out var attendance))
                {
                    attendance = new SessionAttendance(sessionId, personId, now, null);
                    db.SessionAttendances.Add(attendance);
                }

                attendance.Register(now);
                if (checkIn)
                {
                    attendance.CheckIn(now);
                }
            }

            hosts = await db.SessionHosts.Where(h => h.SessionId == sessionId).Select(h => h.PartnerId).ToListAsync(ct);
            foreach (var partnerId in hosts)
            {
                await LeadBook.CaptureManyAsync(db, partnerId, [.. personIds.Select(id => (id, now))], LeadSources.Session, ct);
            }

            await db.SaveChangesAsync(ct);
            await session.CountAtLeastAttendanceAsync(db, session.RegistrantCount, session.PresentCount, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            eventId = session.EventId;
        }

        // The session's counts moved with the list: the organizer's and the hosts' sessions screens follow.
        await live.PublishAsync(new SessionsChanged(eventId), ct);
        foreach (var partnerId in hosts)
        {
            await live.PublishAsync(new LeadsChanged(partnerId), ct);
            await live.PublishAsync(new PartnerSessionsChanged(partnerId), ct);
        }

        return Result<int>.Ok(personIds.Count);
    }
}

/// <summary>What a pasted attendance list did: how many attendees were recorded, and the lines that matched nobody.</summary>
public sealed record AttendanceResult(int Recorded, IReadOnlyList<string> Unknown);
