using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Access;

/// <summary>An e-mail of the outbox, as the organizer's outbox screen lists it.</summary>
public sealed record OutboxEntry(Guid Id, string To, string Subject, string TextBody, string HtmlBody, OutboxStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

/// <summary>Reads the e-mail outbox for organizers (only the events they organize).</summary>
public sealed class OutboxService(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    public async Task<IReadOnlyList<OutboxEntry>> GetRecentAsync(Guid organizerUserId, int limit = 100, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var events = db.EventOrganizers.Where(o => o.UserId == organizerUserId).Select(o => (Guid?)o.EventId);
        return await db.Outbox.AsNoTracking()
            .Where(m => events.Contains(m.EventId))
            .OrderByDescending(m => m.CreatedAt)
            .Take(Math.Clamp(limit, 1, 500))
            .Select(m => new OutboxEntry(m.Id, m.To, m.Subject, m.TextBody, m.HtmlBody, m.Status, m.CreatedAt, m.SentAt))
            .ToListAsync(ct);
    }
}
