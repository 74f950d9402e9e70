using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Leads;

/// <summary>Live counters of a partner's leads (S-2.1, S-2.12).</summary>
public sealed record LeadCounters(int Leads, int Scans, int Unmatched);

/// <summary>One row of the Scans sub-tab.</summary>
/// <remarks><see cref="LastScannedByName"/> is the team member's name when the scanning address is a person of the event.</remarks>
public sealed record ScanLeadRow(Guid LeadId, string FirstName, string LastName, string? Company, string Email, int ScanCount, DateTimeOffset FirstCapturedAt, DateTimeOffset LastCapturedAt, string? LastScannedBy, string? LastScannedByName = null)
{
    /// <summary>Who of the team scanned last (S-2.12): their name, else the address the device sent.</summary>
    public string? ScannedByDisplay => LastScannedByName ?? LastScannedBy;
}

public enum LeadSort
{
    LastCapturedDesc,
    LastCapturedAsc,
    NameAsc,
    NameDesc,
    ScanCountDesc,
}

/// <summary>A page of the leads list; paging, sorting and search happen in the database.</summary>
public sealed record LeadQuery(int Page = 0, int PageSize = 25, string? Search = null, LeadSort Sort = LeadSort.LastCapturedDesc)
{
    public const int MaxPageSize = 200;
}

/// <summary>Reads a partner's leads for the screens.</summary>
public sealed class LeadService(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    public async Task<LeadCounters> GetCountersAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var leads = await db.Leads.CountAsync(l => l.PartnerId == partnerId, ct);
        var scans = await db.Scans.CountAsync(s => s.PartnerId == partnerId, ct);
        var unmatched = await db.Scans.CountAsync(s => s.PartnerId == partnerId && s.LeadId == null, ct);
        return new LeadCounters(leads, scans, unmatched);
    }

    public async Task<PagedList<ScanLeadRow>> GetScanLeadsAsync(Guid partnerId, LeadQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, LeadQuery.MaxPageSize);
        var page = Math.Max(0, query.Page);

        await using var db = await dbs.CreateDbContextAsync(ct);
        var eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.EventId).FirstOrDefaultAsync(ct);
        var leads = db.Leads.AsNoTracking().Where(l => l.PartnerId == partnerId);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = $"%{query.Search.Trim()}%";
            leads = leads.Where(l =>
                EF.Functions.Like(l.Person!.FirstName, term)
                || EF.Functions.Like(l.Person.LastName, term)
                || EF.Functions.Like(l.Person.Email, term)
                || EF.Functions.Like(l.Person.Company ?? "", term));
        }

        var total = await leads.CountAsync(ct);
        leads = query.Sort switch
        {
            LeadSort.LastCapturedAsc => leads.OrderBy(l => l.LastCapturedAt),
            LeadSort.NameAsc => leads.OrderBy(l => l.Person!.LastName).ThenBy(l => l.Person!.FirstName),
            LeadSort.NameDesc => leads.OrderByDescending(l => l.Person!.LastName).ThenByDescending(l => l.Person!.FirstName),
            LeadSort.ScanCountDesc => leads.OrderByDescending(l => l.ScanCount).ThenByDescending(l => l.LastCapturedAt),
            _ => leads.OrderByDescending(l => l.LastCapturedAt),
        };

        var items = await leads
            .Skip(page * size)
            .Take(size)
            .Select(l => new ScanLeadRow(
                l.Id,
                l.Person!.FirstName,
                l.Person.LastName,
                l.Person.Company,
                l.Person.Email,
                l.ScanCount,
                l.FirstCapturedAt,
                l.LastCapturedAt,
                l.LastScannedBy,
                db.People.Where(p => p.EventId == eventId && p.Email == l.LastScannedBy).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault()))
            .ToListAsync(ct);
        return new PagedList<ScanLeadRow>(items, total);
    }
}
