using System.Net;
using System.Net.Sockets;

namespace PartnerSpace.Tests.Support;

/// <summary>A loopback port nobody listens on now, for a real server a test starts (SMTP, a webhook receiver).</summary>
public static class FreePort
{
    public static int Next()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
