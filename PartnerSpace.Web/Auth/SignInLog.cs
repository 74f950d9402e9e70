using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Observability;

namespace PartnerSpace.Web.Auth;

/// <summary>
/// Sign-in events in the security log (issue 8, item 5), filed under the event they concern: the
/// person's event, each event of an organizer, or none when the account is unknown.
/// </summary>
public sealed class SignInLog(IDbContextFactory<PartnerSpaceDbContext> dbs, SecurityLog log, PartnerSpaceTelemetry? telemetry = null)
{
    public async Task OrganizerAsync(HttpContext http, SecurityAction action, SecurityActor actor, Guid? organizerId, string? target, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        await using var db = await dbs.CreateDbContextAsync(http.RequestAborted);
        var events = organizerId is { } id
            ? await db.EventOrganizers.Where(o => o.UserId == id).Select(o => (Guid?)o.EventId).ToListAsync(http.RequestAborted)
            : [];
        Add(db, http, action, actor, events, target, details);
        await db.SaveChangesAsync(http.RequestAborted);
    }

    /// <summary>For people: every event the address belongs to (an unknown address is filed under none).</summary>
    public async Task PersonAsync(HttpContext http, SecurityAction action, SecurityActor actor, string? address, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        await using var db = await dbs.CreateDbContextAsync(http.RequestAborted);
        var events = string.IsNullOrEmpty(address)
            ? []
            : await db.People.Where(p => p.Email == address).Select(p => (Guid?)p.EventId).ToListAsync(http.RequestAborted);
        Add(db, http, action, actor, events, address, details);
        await db.SaveChangesAsync(http.RequestAborted);
    }

    private void Add(PartnerSpaceDbContext db, HttpContext http, SecurityAction action, SecurityActor actor, List<Guid?> events, string? target, string? details)
    {
        if (action is SecurityAction.SignInFailed or SecurityAction.LockedOut)
        {
            telemetry?.SignInFailed();
        }

        var origin = http.ToOrigin();
        foreach (var eventId in events.Count == 0 ? [null] : events)
        {
            log.Add(db, eventId, action, actor, origin, target, details: details);
        }
    }
}
