using System.Net;
using System.Net.Security;

namespace PartnerSpace.Bench;

/// <summary>
/// <c>scripts/scale-out.sh</c> puts nginx with a self-signed certificate in front of the nodes:
/// the bench accepts any certificate of a portal on this machine, and only there.
/// </summary>
internal static class LoopbackTls
{
    public static bool IsLoopback(Uri address) =>
        address.IsLoopback || (IPAddress.TryParse(address.Host, out var ip) && IPAddress.IsLoopback(ip));

    public static SocketsHttpHandler For(SocketsHttpHandler handler, Uri address)
    {
        if (address.Scheme == Uri.UriSchemeHttps && IsLoopback(address))
        {
#pragma warning disable CA5359 // a throw-away certificate on loopback, made by scripts/scale-out.sh; never for a remote address
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true };
#pragma warning restore CA5359
        }

        return handler;
    }

    /// <summary>The same for a client WebSocket (a Blazor circuit's SignalR connection).</summary>
    public static void For(System.Net.WebSockets.ClientWebSocketOptions options, Uri address)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (address.Scheme == Uri.UriSchemeHttps && IsLoopback(address))
        {
#pragma warning disable CA5359 // as above: loopback only
            options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
    }
}
