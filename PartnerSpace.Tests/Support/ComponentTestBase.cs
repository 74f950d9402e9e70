using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PartnerSpace.Domain.Access;
using PartnerSpace.Web.Auth;

namespace PartnerSpace.Tests.Support;

/// <summary>bUnit 2 with MudBlazor services and the app's French and English texts.</summary>
public abstract class ComponentTestBase : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    protected ComponentTestBase(string culture = "en")
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(TimeProvider.System);
        Services.AddHttpContextAccessor();
        Services.AddScoped<CircuitOrigin>();
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Pages read the cascaded authentication state: sign in with a sign-in cookie's claims (<see cref="ViewerExtensions"/>).</summary>
    protected void SignIn(ClaimsPrincipal principal)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(principal.Identity!.Name!);
        auth.SetClaims([.. principal.Claims]);
    }

    protected void SignInAs(OrganizerUser organizer) => SignIn(ViewerExtensions.OrganizerPrincipal(organizer, "Test"));

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = _culture;
        await DisposeAsync();
    }
}
