using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Audit;

/// <summary>
/// Records security-relevant actions (issue 8, item 6). <see cref="Add"/> records inside the
/// caller's own transaction (the action and its record commit together); <see cref="RecordAsync"/>
/// records on its own, for actions that are not a database change (a sign-in, an export).
/// </summary>
public sealed class SecurityLog(IDbContextFactory<PartnerSpaceDbContext> dbs, TimeProvider time)
{
    public void Add(
        PartnerSpaceDbContext db, Guid? eventId, SecurityAction action, SecurityActor actor, RequestOrigin origin,
        string? target = null, Guid? partnerId = null, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.SecurityEvents.Add(new SecurityEvent(eventId, action, actor, origin, time.GetUtcNow(), target, partnerId, details));
    }

    public async Task RecordAsync(
        Guid? eventId, SecurityAction action, SecurityActor actor, RequestOrigin origin,
        string? target = null, Guid? partnerId = null, string? details = null, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        Add(db, eventId, action, actor, origin, target, partnerId, details);
        await db.SaveChangesAsync(ct);
    }
}
