using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Home;

namespace PartnerSpace.Domain.Sessions;

/// <summary>
/// The Sessions area of the readiness board: a hosted session is done when it has a description
/// and at least one speaker (from any of its hosts: co-hosts share the session's page).
/// </summary>
public sealed class SessionReadiness(IDbContextFactory<PartnerSpaceDbContext> dbs) : IReadinessSource
{
    public ReadinessArea Area => ReadinessArea.Sessions;

    public async Task<IReadOnlyDictionary<Guid, ReadinessItem>> GetAsync(Guid eventId, Guid? partnerId = null, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var partners = db.Partners.AsNoTracking().Where(p => p.EventId == eventId);
        if (partnerId is { } id)
        {
            partners = partners.Where(p => p.Id == id);
        }

        var rows = await partners
            .Select(p => new
            {
                p.Id,
                Total = db.SessionHosts.Count(h => h.PartnerId == p.Id),
                Done = db.SessionHosts.Count(h => h.PartnerId == p.Id
                    && db.Sessions.Any(s => s.Id == h.SessionId && s.Description != null && s.Description != "")
                    && db.SessionSpeakers.Any(s => s.SessionId == h.SessionId)),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new ReadinessItem(ReadinessArea.Sessions, r.Done, r.Total));
    }
}
