using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Web.Auth;

/// <summary>Sign-in, sign-out, sign-in links and the demo's one-click sign-ins (DESIGN §4).</summary>
public static class AuthEndpoints
{
    public const string CookieScheme = "PartnerSpace";

    public const string TwoFactorPath = "/sign-in/two-factor";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").WithMetadata(new SkipStatusCodePagesAttribute()).ExcludeFromDescription();
        auth.MapPost("/password", SignInWithPasswordAsync).RequireRateLimiting(Policies.SignInRateLimit);
        auth.MapPost("/link", RequestLinkAsync).RequireRateLimiting(Policies.SignInRateLimit);
        auth.MapPost("/link/consume", ConsumeLinkAsync).RequireRateLimiting(Policies.SignInRateLimit);
        auth.MapPost("/two-factor", SignInWithSecondFactorAsync).RequireRateLimiting(Policies.SignInRateLimit);
        // The ticket is the proof (protected, bound to the account and its new stamp, 10 minutes); the
        // antiforgery token cannot be: it names the session whose stamp just went stale.
        auth.MapPost("/renew", RenewAsync).RequireRateLimiting(Policies.SignInRateLimit).DisableAntiforgery();
        auth.MapPost("/sign-out", SignOutAsync);
        app.MapGet("/start", StartAsync).ExcludeFromDescription();
        app.MapGet("/demo/sign-in/{role}", DemoSignInAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignInWithPasswordAsync(
        HttpContext http, [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        UserManager<OrganizerUser> users, TwoFactorStep twoFactor, SignInLog log)
    {
        var address = email?.Trim();
        var user = string.IsNullOrEmpty(address) ? null : await users.FindByEmailAsync(address);
        if (user is null || string.IsNullOrEmpty(password))
        {
            // The same hashing work as for a real account, so timing does not tell which addresses have one.
            users.PasswordHasher.HashPassword(new OrganizerUser(), password ?? "");
            await log.OrganizerAsync(http, SecurityAction.SignInFailed, SecurityActor.Anonymous, user?.Id, address, "password");
            return Results.LocalRedirect("/sign-in?error=credentials");
        }

        // Identity's checks without SignInManager's cookies: lockout, password, failure count.
        var actor = new SecurityActor(SecurityActorKind.Organizer, user.Id, user.Email ?? "");
        if (await users.IsLockedOutAsync(user))
        {
            await log.OrganizerAsync(http, SecurityAction.SignInFailed, actor, user.Id, user.Email, "locked out");
            return Results.LocalRedirect("/sign-in?error=locked");
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            return await FailAsync(http, users, log, user, "password", "/sign-in?error=credentials");
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            // The failure count is reset only once the second step passes, so codes count toward lockout.
            twoFactor.Begin(http, user);
            var safe = SafeReturnUrl(returnUrl);
            return Results.LocalRedirect(safe is null ? TwoFactorPath : $"{TwoFactorPath}?ReturnUrl={Uri.EscapeDataString(safe)}");
        }

        await users.ResetAccessFailedCountAsync(user);
        await http.SignInAsync(CookieScheme, ViewerExtensions.OrganizerPrincipal(user, CookieScheme));
        await log.OrganizerAsync(http, SecurityAction.SignedIn, actor, user.Id, user.Email, "password");
        return Results.LocalRedirect(SafeReturnUrl(returnUrl) ?? "/organizer");
    }

    private static async Task<IResult> SignInWithSecondFactorAsync(
        HttpContext http, [FromForm] string? code, [FromForm] string? recoveryCode, [FromForm] string? returnUrl,
        UserManager<OrganizerUser> users, TwoFactorStep twoFactor, SignInLog log)
    {
        var user = await twoFactor.PendingAsync(http, users);
        if (user is null)
        {
            TwoFactorStep.End(http);
            await log.OrganizerAsync(http, SecurityAction.SignInFailed, SecurityActor.Anonymous, null, null, "two-factor step missing or expired");
            return Results.LocalRedirect("/sign-in?error=expired");
        }

        var actor = new SecurityActor(SecurityActorKind.Organizer, user.Id, user.Email ?? "");
        if (await users.IsLockedOutAsync(user))
        {
            TwoFactorStep.End(http);
            await log.OrganizerAsync(http, SecurityAction.SignInFailed, actor, user.Id, user.Email, "locked out");
            return Results.LocalRedirect("/sign-in?error=locked");
        }

        var usesRecovery = !string.IsNullOrWhiteSpace(recoveryCode);
        var ok = usesRecovery
            ? (await users.RedeemTwoFactorRecoveryCodeAsync(user, recoveryCode!.Replace(" ", "", StringComparison.Ordinal).Trim())).Succeeded
            : !string.IsNullOrWhiteSpace(code) && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Features.Account.OrganizerAccountService.CleanCode(code));
        var back = SafeReturnUrl(returnUrl) is { } safe ? $"&ReturnUrl={Uri.EscapeDataString(safe)}" : "";
        if (!ok)
        {
            var result = await FailAsync(http, users, log, user, usesRecovery ? "recovery code" : "two-factor code", $"{TwoFactorPath}?error=code{back}");
            if (await users.IsLockedOutAsync(user))
            {
                TwoFactorStep.End(http);
            }

            return result;
        }

        TwoFactorStep.End(http);
        await users.ResetAccessFailedCountAsync(user);
        await http.SignInAsync(CookieScheme, ViewerExtensions.OrganizerPrincipal(user, CookieScheme));
        await log.OrganizerAsync(http, SecurityAction.SignedIn, actor, user.Id, user.Email, usesRecovery ? "password and recovery code" : "password and two-factor code");
        return Results.LocalRedirect(SafeReturnUrl(returnUrl) ?? "/organizer");
    }

    /// <summary>A wrong password or code: one more failure toward lockout (5 in a row lock the account for 10 minutes).</summary>
    private static async Task<IResult> FailAsync(HttpContext http, UserManager<OrganizerUser> users, SignInLog log, OrganizerUser user, string what, string redirect)
    {
        var actor = new SecurityActor(SecurityActorKind.Organizer, user.Id, user.Email ?? "");
        await users.AccessFailedAsync(user);
        if (await users.IsLockedOutAsync(user))
        {
            await log.OrganizerAsync(http, SecurityAction.LockedOut, actor, user.Id, user.Email, what);
            return Results.LocalRedirect("/sign-in?error=locked");
        }

        await log.OrganizerAsync(http, SecurityAction.SignInFailed, actor, user.Id, user.Email, what);
        return Results.LocalRedirect(redirect);
    }

    /// <summary>The session that just turned two-factor on or off gets a cookie with the account's new stamp.</summary>
    private static async Task<IResult> RenewAsync(HttpContext http, [FromForm] string? ticket, Features.Account.OrganizerAccountService accounts, UserManager<OrganizerUser> users)
    {
        var user = await accounts.RedeemRenewalAsync(ticket, users);
        if (user is null)
        {
            return Results.LocalRedirect("/sign-in?error=expired");
        }

        await http.SignInAsync(CookieScheme, ViewerExtensions.OrganizerPrincipal(user, CookieScheme));
        return Results.LocalRedirect(Features.Account.OrganizerAccountService.PagePath);
    }

    private static async Task<IResult> RequestLinkAsync(HttpContext http, [FromForm] string? email, SignInLinkService links, SignInLimiter limiter, SignInLog log)
    {
        // Known and unknown addresses take the same path and the same time, and are limited alike.
        var started = Stopwatch.GetTimestamp();
        var address = Text.NormalizeEmail(email) ?? email?.Trim().ToLowerInvariant() ?? "";
        if (await limiter.TryAcquireAsync(address, http.RequestAborted) is { } retryAfter)
        {
            await SignInLimiter.PadAsync(started, http.RequestAborted);
            return new TooManyRequests(retryAfter);
        }

        var baseUri = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
        var result = await links.RequestAsync(email, http.Connection.RemoteIpAddress?.ToString(), baseUri, http.RequestAborted);
        if (result.IsSuccess)
        {
            await log.PersonAsync(http, SecurityAction.SignInLinkRequested, SecurityActor.Anonymous, address);
        }

        await SignInLimiter.PadAsync(started, http.RequestAborted);
        return result.IsSuccess
            ? Results.LocalRedirect("/sign-in/link-sent")
            : Results.LocalRedirect("/sign-in?error=email");
    }

    private static async Task<IResult> ConsumeLinkAsync(HttpContext http, [FromForm] string? token, SignInLinkService links, SignInLog log)
    {
        var result = await links.ConsumeAsync(token, http.RequestAborted);
        if (!result.IsSuccess)
        {
            await log.PersonAsync(http, SecurityAction.SignInFailed, SecurityActor.Anonymous, null, "sign-in link invalid, expired or used");
            return Results.LocalRedirect("/sign-in?error=link");
        }

        var person = result.Value!;
        await http.SignInAsync(CookieScheme, ViewerExtensions.PersonPrincipal(person, CookieScheme));
        var actor = new SecurityActor(SecurityActorKind.Person, person.PersonId, person.FullName);
        await log.PersonAsync(http, SecurityAction.SignedIn, actor, person.Email, "sign-in link");
        return Results.LocalRedirect("/start");
    }

    // The form parameter makes minimal APIs check the antiforgery token, as for the other forms.
    private static async Task<IResult> SignOutAsync(HttpContext http, [FromForm] string? unused, SignInLog log)
    {
        var viewer = http.User.ToViewer();
        var actor = http.User.ToSecurityActor();
        await http.SignOutAsync(CookieScheme);
        if (viewer?.Kind == ViewerKind.Organizer)
        {
            await log.OrganizerAsync(http, SecurityAction.SignedOut, actor, viewer.Id, http.User.FindFirstValue(ClaimTypes.Email));
        }
        else if (viewer is not null)
        {
            await log.PersonAsync(http, SecurityAction.SignedOut, actor, http.User.FindFirstValue(ClaimTypes.Email));
        }

        return Results.LocalRedirect("/");
    }

    /// <summary>Where a signed-in user lands: the back office, their partner space, or the attendee space.</summary>
    private static async Task<IResult> StartAsync(HttpContext http, PartnerService partners)
    {
        var viewer = http.User.ToViewer();
        if (viewer is null)
        {
            return Results.LocalRedirect("/sign-in");
        }

        if (viewer.Kind == ViewerKind.Organizer)
        {
            return Results.LocalRedirect("/organizer");
        }

        var administered = (await partners.GetMembershipsAsync(viewer.Id, http.RequestAborted))
            .Where(m => m.Role == MemberRole.Administrator).ToList();
        return administered.Count switch
        {
            0 => Results.LocalRedirect("/attendee"),
            1 => Results.LocalRedirect($"/partner/{administered[0].PartnerId}"),
            _ => Results.LocalRedirect("/partner"),
        };
    }

    private static async Task<IResult> DemoSignInAsync(
        HttpContext http, string role, IOptions<PartnerSpaceOptions> options,
        UserManager<OrganizerUser> users, DemoPeople demo)
    {
        if (!options.Value.Demo)
        {
            return Results.NotFound();
        }

        if (role == "organizer")
        {
            var organizer = await users.FindByEmailAsync(DemoData.OrganizerEmail);
            if (organizer is null)
            {
                return Results.NotFound();
            }

            await http.SignInAsync(CookieScheme, ViewerExtensions.OrganizerPrincipal(organizer, CookieScheme));
            return Results.LocalRedirect("/organizer");
        }

        var email = role switch
        {
            "partner-admin" => DemoData.AcmeAdminEmail,
            "sales-contact" => DemoData.AcmeSalesContactEmail,
            "attendee" => DemoData.AttendeeEmail,
            _ => null,
        };
        var person = email is null ? null : await demo.FindAsync(email, http.RequestAborted);
        if (person is null)
        {
            return Results.NotFound();
        }

        await http.SignInAsync(CookieScheme, ViewerExtensions.PersonPrincipal(person, CookieScheme));
        return Results.LocalRedirect("/start");
    }

    /// <summary>
    /// Only local paths, so a crafted link cannot send a user to another site. Control characters
    /// are refused too: browsers drop a tab or a line break, so <c>/\t/evil.example</c> would become
    /// <c>//evil.example</c> (and LocalRedirect throws on them, a 500).
    /// </summary>
    public static string? SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : null;

    /// <summary>A 429 with Retry-After and the page in the reader's language (<see cref="SignInLimiter"/>).</summary>
    private sealed class TooManyRequests(TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => SignInLimiter.WriteTooManyRequestsAsync(httpContext, retryAfter);
    }
}
