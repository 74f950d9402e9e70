using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Files;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Security;

namespace PartnerSpace.Tests.Http;

/// <summary>Issue 8: every answer carries the security headers; pages a CSP with a fresh nonce (docs/SECURITY.md).</summary>
[Trait("Spec", "S-4")]
public sealed partial class SecurityHeadersTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
        : "";

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Contains("camera=(self)", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Contains("microphone=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.NotEqual("", Header(response, "Referrer-Policy"));
    }

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    private static void AssertPagePolicy(HttpResponseMessage response, string html)
    {
        var csp = Directives(Header(response, "Content-Security-Policy"));
        Assert.Equal("'self'", csp["default-src"]);
        var nonce = WebUtility.HtmlDecode(ImportMapNonce().Match(html).Groups[1].Value);
        Assert.NotEqual("", nonce);
        Assert.Equal($"'self' 'nonce-{nonce}'", csp["script-src"]);
        Assert.Equal("'self' 'unsafe-inline'", csp["style-src"]);
        Assert.Equal("'self' data: blob: https:", csp["img-src"]);
        Assert.StartsWith("'self'", csp["connect-src"], StringComparison.Ordinal);
        Assert.Equal("'none'", csp["frame-ancestors"]);
        Assert.Equal("'self'", csp["base-uri"]);
        Assert.Equal("'self'", csp["form-action"]);
        Assert.Equal("'none'", csp["object-src"]);
        Assert.DoesNotContain("unsafe-eval", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/sign-in")]
    [InlineData("/e/industrie-demain/partners")]
    public async Task APageHasTheFullHeaderSetAndItsImportMapCarriesTheNonce(string path)
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(Url(path));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        AssertPagePolicy(response, html);
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
    }

    [Fact]
    public async Task EachAnswerHasItsOwnNonce()
    {
        using var client = portal.CreateBrowserlessClient();

        var first = ImportMapNonce().Match(await client.GetStringAsync(Url("/sign-in"))).Groups[1].Value;
        var second = ImportMapNonce().Match(await client.GetStringAsync(Url("/sign-in"))).Groups[1].Value;

        Assert.True(first.Length >= 22, "a nonce of at least 128 bits");
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task ASignedInScreenHasThePagePolicy()
    {
        using var client = await portal.SignedInAsync("organizer");

        var response = await client.GetAsync(Url("/organizer"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        AssertPagePolicy(response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheSignInLinkPageSendsNoReferrerSoItsTokenGoesNowhere()
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(Url("/sign-in/link?token=secret-token"));

        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        AssertCommonHeaders(response);
    }

    [Theory]
    [InlineData("/api/v1/no-such-endpoint", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/leads", HttpStatusCode.Unauthorized)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("/health", HttpStatusCode.OK)]
    public async Task APIAnswersGetNosniffAndAPolicyThatAllowsNothing(string path, HttpStatusCode status)
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(Url(path));

        Assert.Equal(status, response.StatusCode);
        AssertCommonHeaders(response);
        Assert.Equal(SecurityHeaders.NothingPolicy, Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task AStaticFileHasTheHeadersToo()
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(Url("/css/partnerspace.css"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        Assert.Equal(SecurityHeaders.NothingPolicy, Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task TheScannersServiceWorkerMayReachOnlyOurOrigin()
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(Url("/scan-sw.js"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        Assert.Equal(SecurityHeaders.WorkerPolicy, Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task AnErrorPageHasThePagePolicy()
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(Url("/no-such-page"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertCommonHeaders(response);
        AssertPagePolicy(response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheScannerPageMayUseTheCameraForItself()
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(Url("/scan"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        AssertPagePolicy(response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheApiReferenceAllowsExactlyItsOwnInlineScriptByHash()
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(Url("/api/docs/"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        var csp = Directives(Header(response, "Content-Security-Policy"));
        var inline = Assert.Single(SecurityHeaders.InlineScripts(html));
        Assert.Contains("initialize(", inline, StringComparison.Ordinal);
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(inline)));
        Assert.Equal($"'self' 'sha256-{hash}'", csp["script-src"]);
        Assert.Equal("'none'", csp["frame-ancestors"]);
        Assert.Equal("'none'", csp["object-src"]);
        Assert.DoesNotContain("fonts.scalar.com", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoredFileKeepsItsSandbox()
    {
        var eventId = await portal.QueryAsync(db => Task.FromResult(db.Partners.Where(p => p.Name == DemoData.AcmeName).Select(p => p.EventId).Single()));
        var stored = await portal.Services.GetRequiredService<FileService>().StorePageImageAsync(eventId, "plan.png", SampleImages.Png);
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(Url($"/files/{stored.Value}"));

        AssertCommonHeaders(response);
        Assert.Equal("default-src 'none'; sandbox", Header(response, "Content-Security-Policy"));
    }

    [Theory]
    [InlineData("/auth/password")]
    [InlineData("/auth/link")]
    [InlineData("/auth/link/consume")]
    [InlineData("/auth/sign-out")]
    public async Task EveryFormPostWithoutItsAntiforgeryTokenIsRefused(string path)
    {
        using var client = await portal.SignedInAsync("organizer");

        var response = await client.PostAsync(Url(path), new FormUrlEncodedContent([KeyValuePair.Create("email", "someone@example.org"), KeyValuePair.Create("token", "x")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void EveryEndpointThatChangesStateChecksAntiforgeryOrIsAnApiWithoutCookies()
    {
        var unsafeMethods = new HashSet<string>(["POST", "PUT", "PATCH", "DELETE"], StringComparer.OrdinalIgnoreCase);
        var endpoints = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(unsafeMethods.Contains) ?? false)
            .ToList();

        var withoutCheck = endpoints
            .Where(e => e.Metadata.GetMetadata<IAntiforgeryMetadata>()?.RequiresValidation != true)
            // The device API takes a bearer key, never the cookie; Blazor's circuit endpoints are SignalR's;
            // /auth/renew carries its own proof, a protected 10-minute ticket of the session that just went stale.
            .Where(e => !(e.RoutePattern.RawText ?? "").StartsWith("/api/", StringComparison.Ordinal)
                && !(e.RoutePattern.RawText ?? "").StartsWith("/_blazor", StringComparison.Ordinal)
                && e.RoutePattern.RawText != "/auth/renew")
            .Select(e => e.RoutePattern.RawText)
            .ToList();

        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/auth/password");
        Assert.Empty(withoutCheck);
    }

    [GeneratedRegex("<script type=\"importmap\" nonce=\"([^\"]+)\"")]
    private static partial Regex ImportMapNonce();
}
