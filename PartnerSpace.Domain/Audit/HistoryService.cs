using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Audit;

/// <summary>A change as the history screen lists it.</summary>
public sealed record HistoryEntry(Guid Id, string Area, string Summary, string ActorName, DateTimeOffset At, string Before, string After);

/// <summary>Reads the configuration history of an event (issue 4, History).</summary>
public sealed class HistoryService(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    public async Task<IReadOnlyList<HistoryEntry>> GetAsync(Guid eventId, string? area = null, int limit = 50, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var records = db.History.AsNoTracking().Where(c => c.EventId == eventId);
        if (area is not null)
        {
            records = records.Where(c => c.Area == area);
        }

        return await records
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Take(Math.Clamp(limit, 1, 500))
            .Select(c => new HistoryEntry(c.Id, c.Area, c.Summary, c.ActorName, c.At, c.Before, c.After))
            .ToListAsync(ct);
    }

    public async Task<HistoryEntry?> FindAsync(Guid eventId, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.History.AsNoTracking()
            .Where(c => c.EventId == eventId && c.Id == id)
            .Select(c => new HistoryEntry(c.Id, c.Area, c.Summary, c.ActorName, c.At, c.Before, c.After))
            .FirstOrDefaultAsync(ct);
    }
}
