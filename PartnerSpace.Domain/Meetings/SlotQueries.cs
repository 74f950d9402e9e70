using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Meetings;

/// <summary>Slot queries the meeting screens of both sides share, in one place.</summary>
internal static class SlotQueries
{
    /// <summary>The partner's slots that start after <paramref name="now"/> and hold no pending or accepted meeting.</summary>
    public static IQueryable<MeetingSlot> FreeFutureSlots(this PartnerSpaceDbContext db, Guid partnerId, DateTimeOffset now) =>
        db.MeetingSlots.Where(s => s.PartnerId == partnerId && s.StartsAt > now
            && !db.Meetings.Any(m => m.SlotId == s.Id && (m.Status == MeetingStatus.Pending || m.Status == MeetingStatus.Accepted)));
}
