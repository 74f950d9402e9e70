using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Web.Auth;

/// <summary>Finds the demo event's people for the one-click demo sign-ins.</summary>
public sealed class DemoPeople(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    public async Task<SignedInPerson?> FindAsync(string email, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.People.AsNoTracking()
            .Where(p => p.Email == email)
            .Join(db.Events.Where(e => e.Slug == DemoData.EventSlug), p => p.EventId, e => e.Id, (p, e) => p)
            .Select(p => new SignedInPerson(p.Id, p.EventId, p.Email, p.FirstName + " " + p.LastName, p.Language) { SecurityStamp = p.SecurityStamp })
            .FirstOrDefaultAsync(ct);
    }
}
