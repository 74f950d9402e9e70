using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Meetings;

/// <summary>A person slots can be made for: the partner's administrators and sales contacts.</summary>
public sealed record StaffOption(Guid PersonId, string Name, MemberRole Role);

/// <summary>
/// What the meeting calendar (S-2.10) needs around its slots: the event's days and time zone, what
/// the viewer may do, and the staff members the viewer may make slots for (a sales contact: themselves).
/// </summary>
public sealed record CalendarSetup(Guid EventId, DateTimeOffset EventStartsAt, DateTimeOffset EventEndsAt, string TimeZoneId, MeetingAccess Access, IReadOnlyList<StaffOption> Staff);

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
        var members = await db.PartnerMembers.AsNoTracking()
            .Where(m => m.PartnerId == partnerId && (m.Role == MemberRole.Administrator || m.Role == MemberRole.SalesContact))
            .Where(m => access.Full || m.PersonId == viewer.Id)
            .Select(m => new { m.PersonId, m.Person!.FirstName, m.Person.LastName, m.Role })
            .ToListAsync(ct);
        var staff = members
            .GroupBy(m => m.PersonId)
            .Select(g => g.OrderBy(m => m.Role == MemberRole.Administrator ? 0 : 1).First())
            .OrderBy(m => m.LastName, StringComparer.CurrentCulture).ThenBy(m => m.FirstName, StringComparer.CurrentCulture)
            .Select(m => new StaffOption(m.PersonId, $"{m.FirstName} {m.LastName}".Trim(), m.Role))
            .ToList();
        return Result<CalendarSetup>.Ok(new CalendarSetup(ev.Id, ev.StartsAt, ev.EndsAt, ev.TimeZoneId, access, staff));
    }
}
