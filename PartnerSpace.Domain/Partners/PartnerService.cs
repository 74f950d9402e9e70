using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Partners;

/// <summary>The partner and event a portal page belongs to.</summary>
public sealed record PartnerContext(Guid PartnerId, string PartnerName, bool IsTestPartner, Guid EventId, LocalizedText EventName, string TimeZoneId);

/// <summary>A partner in the organizer's list.</summary>
/// <remarks><see cref="LastOpenedAt"/> is an administrator's last visit; <see cref="SpaceOpenedAt"/> when the organizer opened the space (S-4).</remarks>
public sealed record PartnerSummary(Guid Id, string Name, string? Category, bool IsTestPartner, int Administrators, int SalesContacts, int Leads, DateTimeOffset? LastOpenedAt, DateTimeOffset? SpaceOpenedAt = null);

/// <summary>An event an organizer manages.</summary>
public sealed record OrganizerEvent(Guid Id, LocalizedText Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZoneId);

/// <summary>A partner membership, for the landing page of a signed-in person.</summary>
public sealed record Membership(Guid PartnerId, string PartnerName, MemberRole Role);

public sealed class PartnerService(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    public async Task<PartnerContext?> GetContextAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Partners.AsNoTracking()
            .Where(p => p.Id == partnerId)
            .Join(db.Events, p => p.EventId, e => e.Id, (p, e) => new PartnerContext(p.Id, p.Name, p.IsTestPartner, e.Id, e.Name, e.TimeZoneId))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The event the organizer's back office works on: the latest-starting one they organize, or
    /// null. (One place to change when the back office gets an event switcher.)
    /// </summary>
    public async Task<OrganizerEvent?> GetCurrentEventAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.EventOrganizers.AsNoTracking()
            .Where(o => o.UserId == userId)
            .Join(db.Events, o => o.EventId, e => e.Id, (o, e) => e)
            .OrderByDescending(e => e.StartsAt)
            .Select(e => new OrganizerEvent(e.Id, e.Name, e.StartsAt, e.EndsAt, e.TimeZoneId))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The partners of an event the user organizes; empty for anyone else.</summary>
    public async Task<IReadOnlyList<PartnerSummary>> GetPartnersAsync(Guid userId, Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.EventOrganizers.AnyAsync(o => o.UserId == userId && o.EventId == eventId, ct))
        {
            return [];
        }

        return await db.Partners.AsNoTracking()
            .Where(p => p.EventId == eventId)
            .OrderByDescending(p => p.IsTestPartner).ThenBy(p => p.Name)
            .Select(p => new PartnerSummary(
                p.Id,
                p.Name,
                p.Category,
                p.IsTestPartner,
                db.PartnerMembers.Count(m => m.PartnerId == p.Id && m.Role == MemberRole.Administrator),
                db.PartnerMembers.Count(m => m.PartnerId == p.Id && m.Role == MemberRole.SalesContact),
                db.Leads.Count(l => l.PartnerId == p.Id),
                db.PartnerMembers.Where(m => m.PartnerId == p.Id && m.Role == MemberRole.Administrator).Max(m => m.LastOpenedAt),
                p.SpaceOpenedAt))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Notes that a member opened the partner's space (S-1.1 "space opened"). Written at most every
    /// few minutes per member, so browsing the tabs does not write on every page.
    /// </summary>
    public async Task RecordOpenedAsync(Guid personId, Guid partnerId, DateTimeOffset now, CancellationToken ct = default)
    {
        var staleBefore = now - OpenedResolution;
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.PartnerMembers
            .Where(m => m.PartnerId == partnerId && m.PersonId == personId && (m.LastOpenedAt == null || m.LastOpenedAt < staleBefore))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastOpenedAt, now), ct);
    }

    /// <summary>How precise "last opened" is.</summary>
    public static readonly TimeSpan OpenedResolution = TimeSpan.FromMinutes(5);

    /// <summary>The partner's concurrency version, for an edit form to send back.</summary>
    public async Task<int> GetVersionAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Partners.Where(p => p.Id == partnerId).Select(p => p.Version).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<Membership>> GetMembershipsAsync(Guid personId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.PartnerMembers.AsNoTracking()
            .Where(m => m.PersonId == personId)
            .OrderBy(m => m.Partner!.Name)
            .Select(m => new Membership(m.PartnerId, m.Partner!.Name, m.Role))
            .ToListAsync(ct);
    }
}
