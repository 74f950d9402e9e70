using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Home;

/// <summary>S-2.1: the partner's leads (people scanned and matched, S-2.12) on its Home page; moves with every scan (ScansRecorded).</summary>
public sealed class LeadsCounter(IDbContextFactory<PartnerSpaceDbContext> dbs) : IHomeCounter
{
    public HomeElement Element => HomeElement.LeadsCounter;

    public async Task<int> CountAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Leads.CountAsync(l => l.PartnerId == partnerId, ct);
    }
}
