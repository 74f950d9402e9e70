using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PartnerSpace.Domain.Leads;

namespace PartnerSpace.Web.Auth;

public sealed class DeviceKeyAuthenticationOptions : AuthenticationSchemeOptions;

/// <summary>Scanning devices: <c>Authorization: Bearer psk_…</c>, one key per partner (DESIGN §4).</summary>
public sealed class DeviceKeyAuthenticationHandler(
    IOptionsMonitor<DeviceKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DeviceKeyService keys)
    : AuthenticationHandler<DeviceKeyAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "DeviceKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var source = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (source is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked device key.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(PartnerSpaceClaims.Partner, source.PartnerId.ToString()),
                new Claim(PartnerSpaceClaims.Event, source.EventId.ToString()),
                new Claim(PartnerSpaceClaims.DeviceKey, source.DeviceKeyId?.ToString() ?? ""),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"partnerspace\"";
        return Task.CompletedTask;
    }

    public static ScanSource? SourceOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirstValue(PartnerSpaceClaims.Partner), out var partner)
            && Guid.TryParse(user.FindFirstValue(PartnerSpaceClaims.Event), out var ev)
            ? new ScanSource(ev, partner, Guid.TryParse(user.FindFirstValue(PartnerSpaceClaims.DeviceKey), out var key) ? key : null)
            : null;
    }
}
