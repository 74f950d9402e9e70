using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using PartnerSpace.Domain.Access;

namespace PartnerSpace.Web.Auth;

/// <summary>
/// The second step of an organizer's sign-in with two-factor on: after the password, a short-lived
/// protected cookie names the account (and its stamp) until a code is given. No sign-in cookie
/// exists before then, so the back office cannot be reached by skipping the step.
/// </summary>
public sealed class TwoFactorStep(IDataProtectionProvider protection, TimeProvider time)
{
    public const string CookieName = "partnerspace-2fa";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = protection.CreateProtector("PartnerSpace.TwoFactorStep");

    public void Begin(HttpContext http, OrganizerUser user)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        var expires = time.GetUtcNow() + Lifetime;
        var payload = string.Join('|', user.Id, user.SecurityStamp, expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        http.Response.Cookies.Append(CookieName, _protector.Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    /// <summary>The account waiting for its code; null when there is none, it expired, or the account changed since.</summary>
    public async Task<OrganizerUser?> PendingAsync(HttpContext http, UserManager<OrganizerUser> users)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(users);
        if (http.Request.Cookies[CookieName] is not { Length: > 0 } cookie)
        {
            return null;
        }

        string[] parts;
        try
        {
            parts = _protector.Unprotect(cookie).Split('|');
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        if (parts.Length != 3
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var expires)
            || DateTimeOffset.FromUnixTimeMilliseconds(expires) <= time.GetUtcNow())
        {
            return null;
        }

        var user = await users.FindByIdAsync(parts[0]);
        return user is not null && user.TwoFactorEnabled && string.Equals(user.SecurityStamp, parts[1], StringComparison.Ordinal) ? user : null;
    }

    public static void End(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
    }
}
