using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Http;

/// <summary>The portal as in Production over a public name (HSTS skips localhost), demo sign-ins asked for.</summary>
public sealed class ProductionHttpsPortalFactory : PartnerSpaceFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("https_port", "443");
        // Test hook: the peer's address from a header, to play a proxy or a client.
        builder.ConfigureServices(s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, PeerAddressFilter>());
    }

    public HttpClient Client(string scheme) => CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri($"{scheme}://portal.example/"),
    });

    private sealed class PeerAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextStep) =>
            {
                if (http.Request.Headers.TryGetValue("X-Test-Peer", out var peer))
                {
                    http.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }

                return nextStep(http);
            });
            next(app);
        };
    }
}

/// <summary>Issue 8: HSTS, https redirection, forwarded headers from named proxies only, secure cookies (docs/SECURITY.md).</summary>
[Trait("Spec", "S-4")]
public sealed class TransportSecurityTests(ProductionHttpsPortalFactory portal) : IClassFixture<ProductionHttpsPortalFactory>
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task HttpIsRedirectedToHttpsWithTheSecurityHeaders()
    {
        using var client = portal.Client("http");

        var response = await client.GetAsync(Url("/sign-in?x=1"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://portal.example/sign-in?x=1", response.Headers.Location?.ToString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task HttpsAnswersCarryHsts()
    {
        using var client = portal.Client("https");

        var response = await client.GetAsync(Url("/sign-in"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookiesAreSecureHttpOnlyAndLax()
    {
        using var client = portal.Client("https");

        var signIn = await client.GetAsync(Url("/demo/sign-in/organizer"));
        var antiforgery = await client.GetAsync(Url("/sign-in"));

        var session = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("partnerspace=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        var token = Assert.Single(antiforgery.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("; secure", token, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", token, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForwardedProtoIsIgnoredWhenNoProxyIsNamed()
    {
        using var client = portal.Client("http");
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/health"));
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Test-Peer", "10.0.0.5");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
    }

    [Fact]
    public async Task ANamedProxyIsBelievedAndNoOtherPeer()
    {
        using var behindProxy = portal.WithWebHostBuilder(b => b.UseSetting("PartnerSpace:Https:KnownProxies:0", "10.0.0.5"));
        using var client = behindProxy.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://portal.example/") });

        var fromProxy = await SendAsync(client, "10.0.0.5");
        var fromElsewhere = await SendAsync(client, "203.0.113.9");

        Assert.Equal(HttpStatusCode.OK, fromProxy.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(fromProxy.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, fromElsewhere.StatusCode);

        static async Task<HttpResponseMessage> SendAsync(HttpClient client, string peer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url("/health"));
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Test-Peer", peer);
            return await client.SendAsync(request);
        }
    }

    [Fact]
    public async Task RedirectionCanBeTurnedOffBehindAProxyThatEndsTls()
    {
        using var behindProxy = portal.WithWebHostBuilder(b => b.UseSetting("PartnerSpace:Https:Redirect", "false"));
        using var client = behindProxy.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://portal.example/") });

        var response = await client.GetAsync(Url("/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
