using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Home;

/// <summary>
/// Readiness of the team (S-2.3, S-4.1): two steps. 1. an administrator has opened the partner
/// space (so access works and someone is in charge); 2. the team has a sales contact (the partner's
/// face on its public page and for business meetings).
/// </summary>
public sealed class TeamReadiness(IDbContextFactory<PartnerSpaceDbContext> dbs) : IReadinessSource
{
    public const int Steps = 2;

    public ReadinessArea Area => ReadinessArea.Team;

    public async Task<IReadOnlyDictionary<Guid, ReadinessItem>> GetAsync(Guid eventId, Guid? partnerId = null, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await db.Partners.AsNoTracking()
            .Where(p => p.EventId == eventId && (partnerId == null || p.Id == partnerId))
            .Select(p => new
            {
                p.Id,
                Opened = db.PartnerMembers.Any(m => m.PartnerId == p.Id && m.Role == MemberRole.Administrator && m.LastOpenedAt != null),
                Sales = db.PartnerMembers.Any(m => m.PartnerId == p.Id && m.Role == MemberRole.SalesContact),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new ReadinessItem(Area, (r.Opened ? 1 : 0) + (r.Sales ? 1 : 0), Steps));
    }
}
