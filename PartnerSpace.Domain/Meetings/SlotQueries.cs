using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Meetings;

/// <summary>Queries the meeting screens of both sides share, in one place.</summary>
internal static class SlotQueries
{
    /// <summary>The partner's slots that start after <paramref name="now"/> and hold no pending or accepted meeting.</summary>
    public static IQueryable<MeetingSlot> FreeFutureSlots(this PartnerSpaceDbContext db, Guid partnerId, DateTimeOffset now) =>
        db.MeetingSlots.Where(s => s.PartnerId == partnerId && s.StartsAt > now
            && !db.Meetings.Any(m => m.SlotId == s.Id && (m.Status == MeetingStatus.Pending || m.Status == MeetingStatus.Accepted)));

    /// <summary>Slots as the screens list them: with their space's and staff member's names and the live meeting holding them, if any.</summary>
    public static IQueryable<SlotRow> ToRows(this IQueryable<MeetingSlot> slots, PartnerSpaceDbContext db) =>
        slots.AsNoTracking().Select(s => new SlotRow(
            s.Id,
            s.SpaceId,
            db.MeetingSpaces.Where(x => x.Id == s.SpaceId).Select(x => x.Name).FirstOrDefault(),
            s.StaffPersonId,
            db.People.Where(p => p.Id == s.StaffPersonId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault(),
            s.StartsAt,
            s.EndsAt,
            db.Meetings.Where(m => m.SlotId == s.Id && (m.Status == MeetingStatus.Pending || m.Status == MeetingStatus.Accepted)).Select(m => (Guid?)m.Id).FirstOrDefault(),
            db.Meetings.Where(m => m.SlotId == s.Id && (m.Status == MeetingStatus.Pending || m.Status == MeetingStatus.Accepted)).Select(m => (MeetingStatus?)m.Status).FirstOrDefault()));

    /// <summary>
    /// The partner's administrators and sales contacts, who host its meetings and have slots, by
    /// name; only <paramref name="onlyPersonId"/> when given (a sales contact choosing their own slots).
    /// </summary>
    public static async Task<IReadOnlyList<MeetingHost>> HostsAsync(this PartnerSpaceDbContext db, Guid partnerId, Guid? onlyPersonId, CancellationToken ct)
    {
        var members = await db.PartnerMembers.AsNoTracking()
            .Where(m => m.PartnerId == partnerId && (m.Role == MemberRole.Administrator || m.Role == MemberRole.SalesContact))
            .Where(m => onlyPersonId == null || m.PersonId == onlyPersonId)
            .Select(m => new { m.PersonId, m.Person!.FirstName, m.Person.LastName, m.Role })
            .ToListAsync(ct);
        return [.. members
            .OrderBy(m => m.LastName, StringComparer.CurrentCulture).ThenBy(m => m.FirstName, StringComparer.CurrentCulture)
            .Select(m => new MeetingHost(m.PersonId, $"{m.FirstName} {m.LastName}".Trim(), m.Role))];
    }
}
