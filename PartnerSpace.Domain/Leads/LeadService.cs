using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Leads;

/// <summary>Live counters of a partner's leads (S-2.1, S-2.12).</summary>
public sealed record LeadCounters(int Leads, int Scans, int Unmatched);

/// <summary>Reads a partner's lead counters for the Home page and the organizer's screens; the lists are <see cref="LeadCategoryService"/>'s.</summary>
public sealed class LeadService(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    public async Task<LeadCounters> GetCountersAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await CountAsync(db, partnerId, ct);
    }

    /// <summary>Leads, scans and unknown badges, each one indexed count.</summary>
    internal static async Task<LeadCounters> CountAsync(PartnerSpaceDbContext db, Guid partnerId, CancellationToken ct)
    {
        var leads = await db.Leads.CountAsync(l => l.PartnerId == partnerId, ct);
        var scans = await db.Scans.CountAsync(s => s.PartnerId == partnerId, ct);
        var unmatched = await db.Scans.CountAsync(s => s.PartnerId == partnerId && s.LeadId == null, ct);
        return new LeadCounters(leads, scans, unmatched);
    }
}
