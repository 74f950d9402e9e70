using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Web.Auth;

/// <summary>
/// Issue 8: a session is current while its security stamp is the account's. Removing a member,
/// demoting an administrator, revoking a person's access, or an organizer's password or two-factor
/// change renews the stamp, and every older cookie and open circuit of theirs stops working.
/// Cookies are checked on each request against a cache of at most <see cref="PartnerSpaceOptions.SessionRevalidation"/>,
/// so a revocation on any node ends the sessions on every node within that time (issue 9); a
/// stamp the cache does not know is read again, so a session renewed on another node is not refused.
/// </summary>
public sealed class SessionValidator(IDbContextFactory<PartnerSpaceDbContext> dbs, IMemoryCache cache, IOptions<PartnerSpaceOptions> options)
{
    public TimeSpan Interval => options.Value.SessionRevalidation;

    /// <summary>Whether the principal's stamp is still its account's; <paramref name="fresh"/> skips the cache.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user, bool fresh, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var viewer = user.ToViewer();
        if (viewer is null)
        {
            return false;
        }

        var stamp = user.FindFirstValue(PartnerSpaceClaims.SecurityStamp) ?? "";
        if (fresh)
        {
            return Matches(await LoadStampAsync(viewer, ct), stamp);
        }

        var cached = await cache.GetOrCreateAsync(Key(viewer), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Interval;
            return LoadStampAsync(viewer, ct);
        });
        if (Matches(cached, stamp))
        {
            return true;
        }

        // Issue 9: a cookie newer than this node's cache (the stamp was renewed on another node,
        // which only forgot its own cache) is checked against the database before it is refused.
        var current = await LoadStampAsync(viewer, ct);
        cache.Set(Key(viewer), current, Interval);
        return Matches(current, stamp);
    }

    /// <summary>Drops this node's cached stamp, after a change made here.</summary>
    public void Forget(Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        cache.Remove(Key(viewer));
    }

    /// <summary>The cookie's <c>OnValidatePrincipal</c>: a stale session is signed out.</summary>
    public async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal is null || !await IsCurrentAsync(context.Principal, fresh: false, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthEndpoints.CookieScheme);
        }
    }

    private static bool Matches(string? current, string stamp) => current is not null && string.Equals(current, stamp, StringComparison.Ordinal);

    private static string Key(Viewer viewer) => $"session-stamp:{viewer.Kind}:{viewer.Id}";

    private async Task<string?> LoadStampAsync(Viewer viewer, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return viewer.Kind == ViewerKind.Organizer
            ? await db.Users.Where(u => u.Id == viewer.Id).Select(u => u.SecurityStamp ?? "").FirstOrDefaultAsync(ct)
            : await db.People.Where(p => p.Id == viewer.Id).Select(p => p.SecurityStamp).FirstOrDefaultAsync(ct);
    }
}
