using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Home;

/// <summary>One partner on the readiness board: each area's state, and how far behind it is.</summary>
public sealed record ReadinessRow(Guid PartnerId, string Name, string? Category, bool IsTestPartner, IReadOnlyDictionary<ReadinessArea, ReadinessItem> Items)
{
    /// <summary>How many areas are not complete.</summary>
    public int AreasBehind => Items.Values.Count(i => !i.IsComplete);

    public bool IsBehind => AreasBehind > 0;

    /// <summary>Share of all steps done, 0 to 1 (1 when there is nothing to do).</summary>
    public double Progress
    {
        get
        {
            var total = Items.Values.Sum(i => i.Total);
            return total == 0 ? 1 : (double)Items.Values.Sum(i => Math.Min(i.Done, i.Total)) / total;
        }
    }
}

/// <summary>The readiness board (issue 5): the areas some feature reports on, and one row per partner, most behind first.</summary>
public sealed record ReadinessBoard(IReadOnlyList<ReadinessArea> Areas, IReadOnlyList<ReadinessRow> Rows);

/// <summary>What each partner has completed, area by area, for the organizer (issue 5 item 10).</summary>
public sealed class ReadinessService(IDbContextFactory<PartnerSpaceDbContext> dbs, IEnumerable<IReadinessSource> sources)
{
    private readonly IReadOnlyList<IReadinessSource> _sources = [.. sources.OrderBy(s => s.Area)];

    public async Task<Result<ReadinessBoard>> GetBoardAsync(Guid organizerId, Guid eventId, CancellationToken ct = default)
    {
        List<(Guid Id, string Name, string? Category, bool IsTest)> partners;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (!await db.EventOrganizers.AnyAsync(o => o.UserId == organizerId && o.EventId == eventId, ct))
            {
                return Error.Forbidden("not-organizer", "You do not organize this event.");
            }

            partners = (await db.Partners.AsNoTracking().Where(p => p.EventId == eventId)
                .Select(p => new { p.Id, p.Name, p.Category, p.IsTestPartner }).ToListAsync(ct))
                .Select(p => (p.Id, p.Name, p.Category, p.IsTestPartner)).ToList();
        }

        var byArea = new Dictionary<ReadinessArea, IReadOnlyDictionary<Guid, ReadinessItem>>();
        foreach (var source in _sources)
        {
            byArea[source.Area] = await source.GetAsync(eventId, null, ct);
        }

        var rows = partners
            .Select(p => new ReadinessRow(p.Id, p.Name, p.Category, p.IsTest, byArea
                .Where(a => a.Value.ContainsKey(p.Id))
                .ToDictionary(a => a.Key, a => a.Value[p.Id])))
            .OrderByDescending(r => r.AreasBehind)
            .ThenBy(r => r.Progress)
            .ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        return Result<ReadinessBoard>.Ok(new ReadinessBoard([.. byArea.Keys], rows));
    }
}
