using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Features.Team;

namespace PartnerSpace.Web.Features.Account;

/// <summary>An organizer's two-factor state as the account page shows it.</summary>
public sealed record AccountSecurity(string Email, bool TwoFactorEnabled, int RecoveryCodesLeft);

/// <summary>What an authenticator app needs: the shared key (typed) and its otpauth URI (as a QR code).</summary>
public sealed record AuthenticatorSetup(string SharedKey, string Uri, string QrSvgPath, int QrSize);

/// <summary>After two-factor was turned on or off: the account's new stamp, and a ticket that renews this session's cookie.</summary>
public sealed record TwoFactorChange(string Stamp, string RenewalTicket, IReadOnlyList<string> RecoveryCodes);

/// <summary>
/// Issue 8: an organizer's optional TOTP two-factor (RFC 6238 authenticator apps) through Identity's
/// <see cref="UserManager{TUser}"/>, one scope (one DbContext) per operation, as the circuit outlives them.
/// Turning it on or off renews the account's security stamp: other sessions end.
/// </summary>
public sealed class OrganizerAccountService(IServiceScopeFactory scopes, IDbContextFactory<PartnerSpaceDbContext> dbs, IDataProtectionProvider protection, SecurityLog log, SessionValidator sessions)
{
    public const string PagePath = "/organizer/account";
    public const int RecoveryCodeCount = 10;
    private const string Issuer = "PartnerSpace";

    private static readonly TimeSpan RenewalLifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector _renewals = protection.CreateProtector("PartnerSpace.SessionRenewal").ToTimeLimitedDataProtector();

    /// <summary>Digits only: apps show "123 456".</summary>
    public static string CleanCode(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    public async Task<AccountSecurity?> GetAsync(Guid userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OrganizerUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        return user is null ? null : new AccountSecurity(user.Email ?? "", await users.GetTwoFactorEnabledAsync(user), await users.CountRecoveryCodesAsync(user));
    }

    /// <summary>A new shared key for the app, not in use until a code from it is verified (<see cref="EnableAsync"/>).</summary>
    public async Task<AuthenticatorSetup?> BeginSetupAsync(Guid userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OrganizerUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || await users.GetTwoFactorEnabledAsync(user))
        {
            return null;
        }

        // Set through the store: UserManager.ResetAuthenticatorKeyAsync would renew the stamp and
        // end this very session before anything changed.
        var store = (IUserAuthenticatorKeyStore<OrganizerUser>)scope.ServiceProvider.GetRequiredService<IUserStore<OrganizerUser>>();
        var key = users.GenerateNewAuthenticatorKey();
        await store.SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
        await users.UpdateAsync(user);

        var email = user.Email ?? "";
        var uri = string.Create(CultureInfo.InvariantCulture, $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");
        var modules = BadgeSvg.Modules(uri);
        return new AuthenticatorSetup(Group(key), uri, BadgeSvg.QrPath(modules), modules.GetLength(0));
    }

    public async Task<Result<TwoFactorChange>> EnableAsync(Guid userId, string? code, SecurityActor actor, RequestOrigin origin)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OrganizerUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || await users.GetAuthenticatorKeyAsync(user) is null)
        {
            return Error.NotFound("no-setup", "Start the set-up again.");
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, CleanCode(code)))
        {
            return WrongCode;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await RecordAsync(userId, SecurityAction.TwoFactorEnabled, actor, origin, user.Email);
        return Changed(user, codes);
    }

    /// <summary>Replaces the recovery codes; the old ones stop working.</summary>
    public async Task<Result<IReadOnlyList<string>>> RegenerateRecoveryCodesAsync(Guid userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OrganizerUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !await users.GetTwoFactorEnabledAsync(user))
        {
            return Error.Conflict("two-factor-off", "Two-factor sign-in is off.");
        }

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        return Result<IReadOnlyList<string>>.Ok(codes);
    }

    /// <summary>Turns two-factor off after a code from the app; the old key is discarded.</summary>
    public async Task<Result<TwoFactorChange>> DisableAsync(Guid userId, string? code, SecurityActor actor, RequestOrigin origin)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OrganizerUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !await users.GetTwoFactorEnabledAsync(user))
        {
            return Error.Conflict("two-factor-off", "Two-factor sign-in is off.");
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, CleanCode(code)))
        {
            return WrongCode;
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await RecordAsync(userId, SecurityAction.TwoFactorDisabled, actor, origin, user.Email);
        return Changed(user, []);
    }

    /// <summary>The account behind a renewal ticket, if the ticket is recent and the account has not changed since.</summary>
    public async Task<OrganizerUser?> RedeemRenewalAsync(string? ticket, UserManager<OrganizerUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (string.IsNullOrEmpty(ticket))
        {
            return null;
        }

        string[] parts;
        try
        {
            parts = _renewals.Unprotect(ticket).Split('|');
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var user = parts.Length == 2 ? await users.FindByIdAsync(parts[0]) : null;
        return user is not null && string.Equals(user.SecurityStamp, parts[1], StringComparison.Ordinal) ? user : null;
    }

    private static Error WrongCode => Error.Validation(new Dictionary<string, string[]> { ["code"] = ["This code is not the one the app shows now."] });

    private Result<TwoFactorChange> Changed(OrganizerUser user, IReadOnlyList<string> codes)
    {
        sessions.Forget(new Viewer(ViewerKind.Organizer, user.Id));
        var stamp = user.SecurityStamp ?? "";
        var ticket = _renewals.Protect($"{user.Id}|{stamp}", RenewalLifetime);
        return Result<TwoFactorChange>.Ok(new TwoFactorChange(stamp, ticket, codes));
    }

    private async Task RecordAsync(Guid userId, SecurityAction action, SecurityActor actor, RequestOrigin origin, string? email)
    {
        await using var db = await dbs.CreateDbContextAsync();
        var list = await db.EventOrganizers.Where(o => o.UserId == userId).Select(o => (Guid?)o.EventId).ToListAsync();
        foreach (var eventId in list.Count == 0 ? [null] : list)
        {
            log.Add(db, eventId, action, actor, origin, email);
        }

        await db.SaveChangesAsync();
    }

    private static string Group(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return grouped.ToString().TrimEnd().ToLowerInvariant();
    }
}
