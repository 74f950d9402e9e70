using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Meetings;

/// <summary>
/// What the meeting calendar (S-2.10) needs around its slots: the event's days and time zone, what
/// the viewer may do, and the staff members the viewer may make slots for (a sales contact: themselves).
/// </summary>
public sealed record CalendarSetup(Guid EventId, DateTimeOffset EventStartsAt, DateTimeOffset EventEndsAt, string TimeZoneId, MeetingAccess Access, IReadOnlyList<MeetingHost> Staff);

/// <summary>Reads the <see cref="CalendarSetup"/> of a partner for anyone who acts for its meetings.</summary>
public sealed class CalendarSetupService(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    public async Task<Result<CalendarSetup>> GetAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var access = await MeetingAccess.OfAsync(db, viewer, partnerId, ct);
        if (!access.Any)
        {
            return Error.Forbidden("forbidden", "You cannot see this meeting calendar.");
        }

        var ev = await db.Partners.Where(p => p.Id == partnerId)
            .Join(db.Events, p => p.EventId, e => e.Id, (p, e) => new { e.Id, e.StartsAt, e.EndsAt, e.TimeZoneId })
            .FirstAsync(ct);
        var staff = await db.HostsAsync(partnerId, access.Full ? null : viewer.Id, ct);
        return Result<CalendarSetup>.Ok(new CalendarSetup(ev.Id, ev.StartsAt, ev.EndsAt, ev.TimeZoneId, access, staff));
    }
}
