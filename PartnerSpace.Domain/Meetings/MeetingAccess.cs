using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Meetings;

/// <summary>How a viewer acts for a partner's business meetings.</summary>
public enum PartnerRole
{
    None,
    Organizer,
    Administrator,
    SalesContact,
}

/// <summary>
/// What a viewer may do with a partner's meetings, contacts and calendar (S-1.8, S-3.1, S-3.3):
/// organizers of the event and the partner's administrators may do everything; a sales contact
/// acts only once registered to the event and while the organizer shows the sales-contact tab, and
/// then within the options the organizer switched on.
/// </summary>
public sealed record MeetingAccess(PartnerRole Role, EventOptionValues Options)
{
    public static readonly MeetingAccess None = new(PartnerRole.None, EventOptionValues.Default);

    public bool Any => Role != PartnerRole.None;

    public bool Full => Role is PartnerRole.Organizer or PartnerRole.Administrator;

    /// <summary>S-2.8: the contact list, invitations and messages to attendees.</summary>
    public bool MayContactAttendees => Full || (Role == PartnerRole.SalesContact && Options.SalesContactsContactAttendees);

    /// <summary>S-2.10: creating and deleting slots (a sales contact: only their own).</summary>
    public bool MayChooseSlots => Full || (Role == PartnerRole.SalesContact && Options.SalesContactsChooseSlots);

    /// <summary>S-2.10: creating and deleting meeting spaces of this kind.</summary>
    public bool MayManageSpaces(SpaceKind kind) =>
        Full || (Role == PartnerRole.SalesContact && Options.SalesContactsManageSpaces && (kind == SpaceKind.Online ? Options.OnlineSpaces : Options.PhysicalSpaces));

    /// <summary>S-2.10: whether any kind of space may be managed.</summary>
    public bool MayManageAnySpace => MayManageSpaces(SpaceKind.Online) || MayManageSpaces(SpaceKind.Physical);

    /// <summary>Resolves the viewer's role for the partner, in one place for every meeting service and screen.</summary>
    internal static async Task<MeetingAccess> OfAsync(PartnerSpaceDbContext db, Viewer viewer, Guid partnerId, CancellationToken ct)
    {
        var eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => (Guid?)p.EventId).FirstOrDefaultAsync(ct);
        if (eventId is null)
        {
            return None;
        }

        var options = await OptionsAsync(db, eventId.Value, ct);
        if (viewer.Kind == ViewerKind.Organizer)
        {
            return await db.EventOrganizers.AnyAsync(o => o.UserId == viewer.Id && o.EventId == eventId, ct) ? new(PartnerRole.Organizer, options) : None;
        }

        if (viewer.Kind != ViewerKind.Person)
        {
            return None;
        }

        var roles = await db.PartnerMembers.Where(m => m.PartnerId == partnerId && m.PersonId == viewer.Id).Select(m => m.Role).ToListAsync(ct);
        if (roles.Contains(MemberRole.Administrator))
        {
            return new(PartnerRole.Administrator, options);
        }

        return roles.Contains(MemberRole.SalesContact)
            && options.SalesContactTab
            && await db.Attendees.AnyAsync(a => a.EventId == eventId && a.PersonId == viewer.Id, ct)
            ? new(PartnerRole.SalesContact, options)
            : None;
    }

    internal static async Task<EventOptionValues> OptionsAsync(PartnerSpaceDbContext db, Guid eventId, CancellationToken ct) =>
        ((await db.EventOptions.AsNoTracking().FirstOrDefaultAsync(o => o.EventId == eventId, ct))?.Values ?? EventOptionValues.Default).Normalized();
}

/// <summary>Tells screens what the viewer may do with a partner's meetings (which tabs and buttons to show).</summary>
public sealed class MeetingAccessService(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    public async Task<MeetingAccess> GetAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await MeetingAccess.OfAsync(db, viewer, partnerId, ct);
    }

    /// <summary>S-3.1: whether the person is registered to their event (a sales contact is not until they are).</summary>
    public async Task<bool> IsRegisteredAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.Kind != ViewerKind.Person)
        {
            return false;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Attendees.AnyAsync(a => a.PersonId == viewer.Id, ct);
    }
}
