using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerSpace.Tests.Support;

/// <summary>
/// The portal on a real Kestrel socket (a random loopback port), so a real browser can reach it.
/// Same database and settings as <see cref="PartnerSpaceFactory"/>: a fresh SQLite file with the demo event.
/// </summary>
public sealed class BrowserPortal : PartnerSpaceFactory
{
    private Uri? _address;

    public BrowserPortal() => UseKestrel(k => k.Listen(IPAddress.Loopback, 0));

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>; starts it on first use.</summary>
    public Uri Address => _address ??= Start();

    /// <summary>A client for the public API (devices), on the real socket.</summary>
    public HttpClient CreateApiClient(string deviceKey)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", deviceKey);
        return client;
    }

    private Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.Single().TrimEnd('/') + "/");
    }
}
