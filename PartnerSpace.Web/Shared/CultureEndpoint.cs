using Microsoft.AspNetCore.Localization;
using PartnerSpace.Web.Auth;

namespace PartnerSpace.Web.Shared;

public static class CultureEndpoint
{
    /// <summary><c>GET /culture?c=fr&amp;r=/path</c>: remembers the language in a cookie and goes back.</summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture", (HttpContext http, string? c, string? r) =>
        {
            var culture = WebServiceExtensions.SupportedCultures.FirstOrDefault(s => s.Name == c)?.Name ?? "en";
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = http.Request.IsHttps });
            return Results.LocalRedirect(AuthEndpoints.SafeReturnUrl(r) ?? "/");
        }).ExcludeFromDescription();
        return app;
    }
}
