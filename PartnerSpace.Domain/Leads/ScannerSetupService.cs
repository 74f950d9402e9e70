using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Leads;

/// <summary>What a phone scanner needs to start: whose device it is and for which event.</summary>
/// <param name="EventName">The event's name in both languages; the device shows the one it speaks.</param>
/// <param name="TimeZoneId">IANA zone in which the scanner shows times.</param>
public sealed record ScannerSetup(Guid PartnerId, string PartnerName, LocalizedText EventName, string TimeZoneId);

/// <summary>Reads a scanning device's partner and event (S-2.12, issue 7 item 4).</summary>
public sealed class ScannerSetupService(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    /// <summary>The partner the key belongs to with its event; null once the partner is gone.</summary>
    public async Task<ScannerSetup?> GetAsync(ScanSource source, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Partners.AsNoTracking()
            .Where(p => p.Id == source.PartnerId && p.EventId == source.EventId)
            .Join(db.Events, p => p.EventId, e => e.Id, (p, e) => new ScannerSetup(p.Id, p.Name, e.Name, e.TimeZoneId))
            .FirstOrDefaultAsync(ct);
    }
}
