using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Partners;

/// <summary>Small reads about a partner that several services need.</summary>
internal static class PartnerQueries
{
    /// <summary>The time zone of the partner's event, to show its times in; null when the partner does not exist.</summary>
    public static Task<string?> EventTimeZoneIdAsync(this PartnerSpaceDbContext db, Guid partnerId, CancellationToken ct) =>
        db.Partners.AsNoTracking().Where(p => p.Id == partnerId)
            .Join(db.Events, p => p.EventId, e => e.Id, (p, e) => e.TimeZoneId)
            .FirstOrDefaultAsync(ct);
}
