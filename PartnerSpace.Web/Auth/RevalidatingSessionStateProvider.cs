using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace PartnerSpace.Web.Auth;

/// <summary>
/// Issue 8: an open circuit re-checks its user's security stamp every
/// <see cref="PartnerSpaceOptions.SessionRevalidation"/>; when it is stale the circuit's user becomes
/// anonymous, so its pages fall back to "not authorized" and the sign-in page.
/// </summary>
/// <remarks>
/// While the host stops, a circuit's revalidation can run after the services are disposed: the
/// check is skipped then (the circuit ends with the host) instead of signing the user out and
/// rendering the sign-out into a torn-down circuit.
/// </remarks>
public sealed class RevalidatingSessionStateProvider(ILoggerFactory loggers, SessionValidator sessions, IOptions<PartnerSpaceOptions> options, IHostApplicationLifetime lifetime)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => options.Value.SessionRevalidation;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        try
        {
            return user.Identity?.IsAuthenticated != true || await sessions.IsCurrentAsync(user, fresh: true, cancellationToken);
        }
        catch (ObjectDisposedException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return true;
        }
    }

    /// <summary>This circuit changed its own account's stamp (two-factor on or off): it stays signed in with the new one.</summary>
    public async Task AcceptStampAsync(string stamp)
    {
        var user = (await GetAuthenticationStateAsync()).User;
        if (user.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        var claims = identity.Claims.Where(c => c.Type != PartnerSpaceClaims.SecurityStamp).Append(new Claim(PartnerSpaceClaims.SecurityStamp, stamp));
        var renewed = new ClaimsPrincipal(new ClaimsIdentity(claims, identity.AuthenticationType));
        SetAuthenticationState(Task.FromResult(new AuthenticationState(renewed)));
    }
}
