using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Meetings;

/// <summary>
/// Who may manage a partner's meeting calendar (S-2.10, S-1.8, S-3.3), and within which limits.
/// Administrators and the event's organizers (through <see cref="PartnerAccessService"/>) manage
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

    public static async Task<CalendarRights> SpacesAsync(PartnerAccessService access, PartnerSpaceDbContext db, Viewer viewer, Guid partnerId, CancellationToken ct)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) == PartnerAccess.Allowed)
        {
            return new(true, null, true, true);
        }

        var options = await SalesContactOptionsAsync(db, viewer, partnerId, ct);
        return options is { SalesContactsManageSpaces: true } && (options.OnlineSpaces || options.PhysicalSpaces)
            ? new(false, viewer.Id, options.OnlineSpaces, options.PhysicalSpaces)
            : None;
    }

    public static async Task<CalendarRights> SlotsAsync(PartnerAccessService access, PartnerSpaceDbContext db, Viewer viewer, Guid partnerId, CancellationToken ct)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) == PartnerAccess.Allowed)
        {
            return new(true, null, true, true);
        }

        var options = await SalesContactOptionsAsync(db, viewer, partnerId, ct);
        return options is { SalesContactsChooseSlots: true } ? new(false, viewer.Id, false, false) : None;
    }

    /// <summary>
    /// The event's options (normalized) when the viewer is a sales contact of the partner registered
    /// to the event (S-3.1) and the organizer shows the sales-contact tab (S-1.8); otherwise null.
    /// </summary>
    private static async Task<EventOptionValues?> SalesContactOptionsAsync(PartnerSpaceDbContext db, Viewer viewer, Guid partnerId, CancellationToken ct)
    {
        if (viewer.Kind != ViewerKind.Person
            || !await db.PartnerMembers.AnyAsync(m => m.PartnerId == partnerId && m.PersonId == viewer.Id && m.Role == MemberRole.SalesContact, ct))
        {
            return null;
        }

        var eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.EventId).FirstAsync(ct);
        if (!await db.Attendees.AnyAsync(a => a.EventId == eventId && a.PersonId == viewer.Id, ct))
        {
            return null;
        }

        var options = await db.EventOptions.AsNoTracking().FirstOrDefaultAsync(o => o.EventId == eventId, ct);
        return (options?.Values ?? EventOptionValues.Default).Normalized();
    }
}
