using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Access;

/// <summary>
/// Ends a person's open sessions (issue 8): a new security stamp makes their cookies and open
/// circuits stale at the next revalidation, and their unused sign-in links stop working.
/// </summary>
public sealed class SessionRevocation(IDbContextFactory<PartnerSpaceDbContext> dbs, PartnerAccessService access, SecurityLog log, TimeProvider time)
{
    /// <summary>Inside the caller's transaction: removing a member, demoting an administrator.</summary>
    internal static async Task EndSessionsAsync(PartnerSpaceDbContext db, Guid personId, DateTimeOffset now, CancellationToken ct)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
        person?.RenewSecurityStamp();
        await db.SignInLinks
            .Where(l => l.PersonId == personId && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now), ct);
    }

    /// <summary>An organizer's "revoke access" for a member of one of their event's partners; the person stays in the team.</summary>
    public async Task<Result<bool>> RevokeAsync(Viewer organizer, Guid partnerId, Guid memberId, SecurityActor actor, RequestOrigin origin, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(organizer);
        if (organizer.Kind != ViewerKind.Organizer || await access.CheckAsync(organizer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "Only the event's organizers can revoke a person's access.");
        }

        var now = time.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var member = await db.PartnerMembers
            .Where(m => m.Id == memberId && m.PartnerId == partnerId)
            .Select(m => new { m.PersonId, m.Person!.Email, m.Person.EventId })
            .FirstOrDefaultAsync(ct);
        if (member is null)
        {
            return Error.NotFound("member-not-found", "This person is no longer in the team.");
        }

        await EndSessionsAsync(db, member.PersonId, now, ct);
        log.Add(db, member.EventId, SecurityAction.AccessRevoked, actor, origin, member.Email, partnerId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<bool>.Ok(true);
    }
}
