using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Meetings;

/// <summary>A partner's free future slot as an attendee chooses it, with where it takes place.</summary>
public sealed record BookableSlot(Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? SpaceName, SpaceKind? SpaceKind, string? Place, string? StaffName);

/// <summary>
/// S-3, S-3.5: the slots an attendee may request with a partner: free (no pending or accepted
/// meeting holds them) and not started yet, soonest first. Only for a registered attendee of the
/// partner's event who is not on the partner's team. Free now may be taken a moment later: the
/// booking itself decides (<see cref="MeetingService.RequestAsync"/>).
/// </summary>
public sealed class BookableSlotService(IDbContextFactory<PartnerSpaceDbContext> dbs, TimeProvider time)
{
    /// <summary>The partner's bookable slots, all of them or those of one <paramref name="day"/> in the event's time zone.</summary>
    public async Task<Result<IReadOnlyList<BookableSlot>>> ListAsync(Viewer attendee, Guid partnerId, DateOnly? day, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(attendee);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var partner = await db.Partners.AsNoTracking().Where(p => p.Id == partnerId)
            .Join(db.Events, p => p.EventId, e => e.Id, (p, e) => new { p.EventId, e.TimeZoneId }).FirstOrDefaultAsync(ct);
        if (partner is null)
        {
            return Error.NotFound("partner-not-found", "This partner no longer exists.");
        }

        if (attendee.Kind != ViewerKind.Person || !await db.Attendees.AnyAsync(a => a.EventId == partner.EventId && a.PersonId == attendee.Id, ct))
        {
            return Error.Forbidden("not-an-attendee", "Only an attendee of the event can request a meeting.");
        }

        if (await db.PartnerMembers.AnyAsync(m => m.PartnerId == partnerId && m.PersonId == attendee.Id, ct))
        {
            return Error.Forbidden("own-partner", "You cannot request a meeting with your own partner.");
        }

        var now = time.GetUtcNow();
        var slots = db.FreeFutureSlots(partnerId, now).AsNoTracking();
        if (day is { } d)
        {
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(partner.TimeZoneId, out var found) ? found : TimeZoneInfo.Utc;
            var start = SlotService.ToUtc(d, TimeOnly.MinValue, zone);
            var end = SlotService.ToUtc(d.AddDays(1), TimeOnly.MinValue, zone);
            slots = slots.Where(s => s.StartsAt >= start && s.StartsAt < end);
        }

        var rows = await slots
            .GroupJoin(db.MeetingSpaces, s => s.SpaceId, sp => sp.Id, (s, spaces) => new { s, spaces })
            .SelectMany(x => x.spaces.DefaultIfEmpty(), (x, sp) => new
            {
                x.s.Id,
                x.s.StartsAt,
                x.s.EndsAt,
                SpaceName = sp == null ? null : sp.Name,
                SpaceKind = sp == null ? (SpaceKind?)null : sp.Kind,
                Place = sp == null ? null : sp.Place,
                x.s.StaffPersonId,
            })
            .ToListAsync(ct);
        var staffIds = rows.Where(r => r.StaffPersonId != null).Select(r => r.StaffPersonId!.Value).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => staffIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FullName, ct);
        return Result<IReadOnlyList<BookableSlot>>.Ok([.. rows
            .OrderBy(r => r.StartsAt).ThenBy(r => r.SpaceName).ThenBy(r => r.Id)
            .Select(r => new BookableSlot(r.Id, r.StartsAt, r.EndsAt, r.SpaceName, r.SpaceKind, r.Place, r.StaffPersonId is { } staff ? names.GetValueOrDefault(staff) : null))]);
    }
}
