using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Web.Auth;

/// <summary>Sign-in, sign-out, sign-in links and the demo's one-click sign-ins (DESIGN §4).</summary>
public static class AuthEndpoints
{
    public const string CookieScheme = "PartnerSpace";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").WithMetadata(new SkipStatusCodePagesAttribute()).ExcludeFromDescription();
        auth.MapPost("/password", SignInWithPasswordAsync).RequireRateLimiting(Policies.SignInRateLimit);
        auth.MapPost("/link", RequestLinkAsync).RequireRateLimiting(Policies.SignInRateLimit);
        auth.MapPost("/link/consume", ConsumeLinkAsync).RequireRateLimiting(Policies.SignInRateLimit);
        auth.MapPost("/sign-out", SignOutAsync);
        app.MapGet("/start", StartAsync).ExcludeFromDescription();
        app.MapGet("/demo/sign-in/{role}", DemoSignInAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignInWithPasswordAsync(
        HttpContext http, [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        UserManager<OrganizerUser> users, SignInManager<OrganizerUser> signIn)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null || string.IsNullOrEmpty(password))
        {
            return Results.LocalRedirect("/sign-in?error=credentials");
        }

        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            return Results.LocalRedirect("/sign-in?error=locked");
        }

        if (!check.Succeeded)
        {
            return Results.LocalRedirect("/sign-in?error=credentials");
        }

        await http.SignInAsync(CookieScheme, ViewerExtensions.OrganizerPrincipal(user, CookieScheme));
        return Results.LocalRedirect(SafeReturnUrl(returnUrl) ?? "/organizer");
    }

    private static async Task<IResult> RequestLinkAsync(HttpContext http, [FromForm] string? email, SignInLinkService links)
    {
        var baseUri = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
        var result = await links.RequestAsync(email, http.Connection.RemoteIpAddress?.ToString(), baseUri, http.RequestAborted);
        return result.IsSuccess
            ? Results.LocalRedirect("/sign-in/link-sent")
            : Results.LocalRedirect("/sign-in?error=email");
    }

    private static async Task<IResult> ConsumeLinkAsync(HttpContext http, [FromForm] string? token, SignInLinkService links)
    {
        var result = await links.ConsumeAsync(token, http.RequestAborted);
        if (!result.IsSuccess)
        {
            return Results.LocalRedirect("/sign-in?error=link");
        }

        await http.SignInAsync(CookieScheme, ViewerExtensions.PersonPrincipal(result.Value!, CookieScheme));
        return Results.LocalRedirect("/start");
    }

    // The form parameter makes minimal APIs check the antiforgery token, as for the other forms.
    private static async Task<IResult> SignOutAsync(HttpContext http, [FromForm] string? unused)
    {
        await http.SignOutAsync(CookieScheme);
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
}
