using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Access;

/// <summary>An e-mail of the outbox, as the organizer's outbox screen lists it.</summary>
public sealed record OutboxEntry(
    Guid Id,
    string To,
    string Subject,
    string TextBody,
    string HtmlBody,
    OutboxStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    string TimeZoneId,
    string? AttachmentFileName = null,
    int Attempts = 0,
    string? LastError = null,
    DateTimeOffset? NextAttemptAt = null);

/// <summary>An e-mail's attachment, to download from the outbox screen.</summary>
public sealed record OutboxAttachment(string FileName, string ContentType, string Content);

/// <summary>Reads the e-mail outbox for organizers (only the events they organize).</summary>
public sealed class OutboxService(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    public async Task<IReadOnlyList<OutboxEntry>> GetRecentAsync(Guid organizerUserId, int limit = 100, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var events = db.EventOrganizers.Where(o => o.UserId == organizerUserId).Select(o => (Guid?)o.EventId);
        return await db.Outbox.AsNoTracking()
            .Where(m => events.Contains(m.EventId))
            .Join(db.Events, m => m.EventId, e => e.Id, (m, e) => new { Message = m, e.TimeZoneId })
            .OrderByDescending(x => x.Message.CreatedAt)
            .Take(Math.Clamp(limit, 1, 500))
            .Select(x => new OutboxEntry(x.Message.Id, x.Message.To, x.Message.Subject, x.Message.TextBody, x.Message.HtmlBody, x.Message.Status, x.Message.CreatedAt, x.Message.SentAt, x.TimeZoneId, x.Message.AttachmentFileName, x.Message.Attempts, x.Message.LastError, x.Message.NextAttemptAt))
            .ToListAsync(ct);
    }

    /// <summary>The attachment of an e-mail of an event the organizer organizes; null otherwise (not found, not probed).</summary>
    public async Task<OutboxAttachment?> GetAttachmentAsync(Guid organizerUserId, Guid messageId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var events = db.EventOrganizers.Where(o => o.UserId == organizerUserId).Select(o => (Guid?)o.EventId);
        return await db.Outbox.AsNoTracking()
            .Where(m => m.Id == messageId && events.Contains(m.EventId) && m.AttachmentFileName != null && m.AttachmentContent != null)
            .Select(m => new OutboxAttachment(m.AttachmentFileName!, m.AttachmentContentType ?? "application/octet-stream", m.AttachmentContent!))
            .FirstOrDefaultAsync(ct);
    }
}
