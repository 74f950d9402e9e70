using System.Net;
using System.Text.Json;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Http;

public sealed class PlatformTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task HealthAnswers200WhenTheDatabaseAnswers()
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(Url("/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheScanApi()
    {
        using var client = portal.CreateBrowserlessClient();

        var json = JsonDocument.Parse(await client.GetStringAsync(Url("/openapi/v1.json")));
        var paths = json.RootElement.GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/scans").GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(paths.TryGetProperty("/api/v1/scans/batch", out _));
        Assert.False(paths.TryGetProperty("/auth/password", out _));
    }

    [Fact]
    public async Task ApiDocsPageIsServed()
    {
        using var client = portal.CreateClient();

        var response = await client.GetAsync(Url("/api/docs/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/logo.svg")]
    [InlineData("/favicon.svg")]
    [InlineData("/css/partnerspace.css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/_framework/blazor.web.js")]
    public async Task StaticAssetsFromWwwrootAssetsAreServed(string path)
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(Url(path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPageIsAFriendly404()
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(Url("/no/such/page"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
