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
    private static readonly Error NotOrganizer = Error.Forbidden("not-organizer", "You do not organize this event.");
    private static readonly Error SessionGone = Error.NotFound("session-not-found", "This session no longer exists.");
    private static readonly Error NotAttendee = Error.NotFound("attendee-not-found", "This person is not a registered attendee of the event.");

    /// <summary>Registers the attendee to the session (idempotent: the first registration time stays).</summary>
    public Task<Result<bool>> RegisterAsync(Guid organizerId, Guid sessionId, Guid personId, CancellationToken ct = default) =>
        RecordAsync(organizerId, sessionId, personId, checkIn: false, ct);

    /// <summary>Checks the attendee in at the session (registering them if they were not; the first check-in time stays).</summary>
    public Task<Result<bool>> CheckInAsync(Guid organizerId, Guid sessionId, Guid personId, CancellationToken ct = default) =>
        RecordAsync(organizerId, sessionId, personId, checkIn: true, ct);

    private async Task<Result<bool>> RecordAsync(Guid organizerId, Guid sessionId, Guid personId, bool checkIn, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<Guid> hosts;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is null)
            {
                return SessionGone;
            }

            if (!await db.EventOrganizers.AnyAsync(o => o.UserId == organizerId && o.EventId == session.EventId, ct))
            {
                return NotOrganizer;
            }

            if (!await db.Attendees.AnyAsync(a => a.EventId == session.EventId && a.PersonId == personId, ct))
            {
                return NotAttendee;
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var attendance = await db.SessionAttendances.FirstOrDefaultAsync(a => a.SessionId == sessionId && a.PersonId == personId, ct);
            if (attendance is null)
            {
                attendance = new SessionAttendance(sessionId, personId, now, null);
                db.SessionAttendances.Add(attendance);
            }

            attendance.Register(now);
            if (checkIn)
            {
                attendance.CheckIn(now);
            }

            hosts = await db.SessionHosts.Where(h => h.SessionId == sessionId).Select(h => h.PartnerId).ToListAsync(ct);
            foreach (var partnerId in hosts)
            {
                await LeadBook.CaptureAsync(db, partnerId, personId, LeadSources.Session, now, ct);
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        foreach (var partnerId in hosts)
        {
            await live.PublishAsync(new LeadsChanged(partnerId), ct);
        }

        return Result<bool>.Ok(true);
    }
}
