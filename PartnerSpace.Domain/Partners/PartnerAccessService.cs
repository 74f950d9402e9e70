using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Partners;

/// <summary>Decides who may open a partner's space: its administrators and its event's organizers.</summary>
public sealed class PartnerAccessService(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    public async Task<PartnerAccess> CheckAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => (Guid?)p.EventId).FirstOrDefaultAsync(ct);

        // An unknown partner is "not found" only to organizers; to anyone else it looks like any
        // partner they may not open, so partner ids cannot be probed.
        var allowed = viewer.Kind switch
        {
            ViewerKind.Organizer => eventId is not null
                && await db.EventOrganizers.AnyAsync(o => o.UserId == viewer.Id && o.EventId == eventId, ct),
            _ => eventId is not null
                && await db.PartnerMembers.AnyAsync(m => m.PartnerId == partnerId && m.PersonId == viewer.Id && m.Role == MemberRole.Administrator, ct),
        };

        if (allowed)
        {
            return PartnerAccess.Allowed;
        }

        return eventId is null && viewer.Kind == ViewerKind.Organizer ? PartnerAccess.NotFound : PartnerAccess.Forbidden;
    }
}
