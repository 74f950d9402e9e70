using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Web.Auth;

/// <summary>
/// Where the person behind a Blazor circuit is (address, browser), for the security log: a circuit
/// outlives its first request, so its HttpContext is gone when someone clicks. The circuit's
/// services are built while its SignalR connection's request is current, so the origin is taken
/// then, once, and kept for the circuit's life; a prerendering request reads its own.
/// </summary>
public sealed class CircuitOrigin : CircuitHandler
{
    private readonly IHttpContextAccessor _http;
    private RequestOrigin? _origin;

    public CircuitOrigin(IHttpContextAccessor http)
    {
        _http = http;
        _origin = http.HttpContext?.ToOrigin();
    }

    public RequestOrigin Current => _origin ??= _http.HttpContext?.ToOrigin() ?? RequestOrigin.Unknown;

    /// <summary>The signed-in viewer (from the cascaded state) acting from this circuit; null when nobody is signed in.</summary>
    public async Task<Viewer?> ViewerAsync(Task<AuthenticationState>? state) =>
        state is null ? null : (await state).User.ToViewer(Current);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _origin ??= _http.HttpContext?.ToOrigin();
        return Task.CompletedTask;
    }
}
