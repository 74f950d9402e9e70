using System.Net;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Http;

/// <summary>A portal with demo mode off, as in production.</summary>
public sealed class ProductionPortalFactory : PartnerSpaceFactory
{
    protected override bool Demo => false;
}

[Trait("Spec", "S-4.2")]
public sealed class SignInHardeningTests
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task SignInRequestsAreRateLimitedPerAddressOfOrigin()
    {
        await using var portal = new PartnerSpaceFactory();
        using var client = portal.CreateBrowserlessClient();
        var token = await PartnerSpaceFactory.AntiforgeryTokenAsync(client, "/sign-in");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            var response = await client.PostAsync(Url("/auth/link"), new FormUrlEncodedContent([KeyValuePair.Create("email", $"user{i}@example.org"), KeyValuePair.Create("__RequestVerificationToken", token)]));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null, "429 says when to retry");
            }
        }

        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Theory]
    [InlineData("/demo/sign-in/organizer")]
    [InlineData("/demo/sign-in/partner-admin")]
    public async Task DemoSignInsDoNotExistOutsideDemoMode(string path)
    {
        await using var portal = new ProductionPortalFactory();
        using var client = portal.CreateBrowserlessClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Url(path))).StatusCode);
        Assert.DoesNotContain("demo-sign-ins", await client.GetStringAsync(Url("/sign-in")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoDeviceKeyDoesNotExistOutsideDemoMode()
    {
        await using var portal = new ProductionPortalFactory();
        using var client = portal.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", DemoData.AcmeDeviceKey);

        var response = await client.PostAsync(Url("/api/v1/scans"), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
