using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Meetings;

/// <summary>
/// Who may manage a partner's meeting calendar (S-2.10, S-1.8, S-3.3), and within which limits.
/// Administrators and the event's organizers (<see cref="MeetingAccess"/>) manage
/// everything. A sales contact of the partner manages slots only when the organizer lets sales
/// contacts choose their slots, and then only their own (slots whose staff member is them); and
/// manages spaces only when sales contacts may manage spaces, and then only the kinds switched on
/// (online spaces, physical spaces). Everyone else is forbidden.
/// </summary>
internal sealed record CalendarRights(bool Full, Guid? SalesContactId, bool OnlineSpaces, bool PhysicalSpaces)
{
    public static readonly CalendarRights None = new(false, null, false, false);

    public bool Any => Full || SalesContactId is not null;

    public bool MaySpaceKind(SpaceKind kind) => Full || (kind == SpaceKind.Online ? OnlineSpaces : PhysicalSpaces);

    public bool MayStaff(Guid? staffPersonId) => Full || (staffPersonId is not null && staffPersonId == SalesContactId);

    public static async Task<CalendarRights> SpacesAsync(PartnerSpaceDbContext db, Viewer viewer, Guid partnerId, CancellationToken ct)
    {
        var access = await MeetingAccess.OfAsync(db, viewer, partnerId, ct);
        return access.Full ? new(true, null, true, true)
            : access.MayManageAnySpace ? new(false, viewer.Id, access.MayManageSpaces(SpaceKind.Online), access.MayManageSpaces(SpaceKind.Physical))
            : None;
    }

    public static async Task<CalendarRights> SlotsAsync(PartnerSpaceDbContext db, Viewer viewer, Guid partnerId, CancellationToken ct)
    {
        var access = await MeetingAccess.OfAsync(db, viewer, partnerId, ct);
        return access.Full ? new(true, null, true, true) : access.MayChooseSlots ? new(false, viewer.Id, false, false) : None;
    }
}
