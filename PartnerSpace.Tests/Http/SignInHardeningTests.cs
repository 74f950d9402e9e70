using System.Net;
using Microsoft.EntityFrameworkCore;
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

    [Fact]
    [Trait("Spec", "S-4")]
    public async Task LinkRequestsAreLimitedPerAddressAndAnswerTheSameForKnownAndUnknownAddresses()
    {
        await using var portal = new PartnerSpaceFactory();
        using var client = portal.CreateBrowserlessClient();
        var token = await PartnerSpaceFactory.AntiforgeryTokenAsync(client, "/sign-in");

        async Task<List<HttpResponseMessage>> AskAsync(string email)
        {
            var answers = new List<HttpResponseMessage>();
            for (var i = 0; i < 6; i++)
            {
                answers.Add(await client.PostAsync(Url("/auth/link"), new FormUrlEncodedContent([KeyValuePair.Create("email", email), KeyValuePair.Create("__RequestVerificationToken", token)])));
            }

            return answers;
        }

        var known = await AskAsync(DemoData.AcmeAdminEmail);
        var unknown = await AskAsync("nobody-at-all@example.org");

        foreach (var answers in new[] { known, unknown })
        {
            Assert.All(answers.Take(5), a => Assert.Equal("/sign-in/link-sent", a.Headers.Location?.OriginalString));
            Assert.Equal(HttpStatusCode.TooManyRequests, answers[5].StatusCode);
            var retry = answers[5].Headers.RetryAfter?.Delta;
            Assert.NotNull(retry);
            Assert.InRange(retry.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        }

        var knownBody = await known[5].Content.ReadAsStringAsync();
        Assert.Equal(knownBody, await unknown[5].Content.ReadAsStringAsync());
        Assert.Contains("Too many requests: try again in 15 minute(s).", knownBody, StringComparison.Ordinal);
        Assert.Contains("/sign-in?error=too-many&amp;minutes=15", knownBody, StringComparison.Ordinal);

        // The sign-in page the browser is sent back to says it in the reader's language.
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");
        Assert.Contains("Trop de demandes : réessayez dans 15 minute(s).", WebUtility.HtmlDecode(await client.GetStringAsync(Url("/sign-in?error=too-many&minutes=15"))), StringComparison.Ordinal);
        var requested = await portal.QueryAsync(db => db.SecurityEvents.CountAsync(e => e.Action == PartnerSpace.Domain.Audit.SecurityAction.SignInLinkRequested && e.Target == "nobody-at-all@example.org" && e.EventId == null));
        Assert.Equal(5, requested);
    }

    [Fact]
    [Trait("Spec", "S-4")]
    public async Task ACookieFromOneInstanceIsAcceptedByAnotherSharingTheKeysFolder()
    {
        var keys = Path.Combine(Path.GetTempPath(), "ps-keys-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var first = new SharedKeysFactory(keys, null);
            var cookie = await CookieOfAsync(first);
            Assert.NotNull(cookie);

            await using var second = new SharedKeysFactory(keys, first.ConnectionString);
            await using var stranger = new SharedKeysFactory(keys + "-other", first.ConnectionString);

            Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(second, cookie)).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await GetWithCookieAsync(stranger, cookie)).StatusCode);
            Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
        }
        finally
        {
            if (Directory.Exists(keys))
            {
                Directory.Delete(keys, recursive: true);
            }

            if (Directory.Exists(keys + "-other"))
            {
                Directory.Delete(keys + "-other", recursive: true);
            }
        }
    }

    /// <summary>The sign-in cookie a demo sign-in sets, as a Cookie header value.</summary>
    private static async Task<string?> CookieOfAsync(PartnerSpaceFactory portal)
    {
        using var raw = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var response = await raw.GetAsync(Url("/demo/sign-in/organizer"));
        return response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).FirstOrDefault(v => v.StartsWith("partnerspace=", StringComparison.Ordinal))
            : null;
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(PartnerSpaceFactory portal, string? cookie)
    {
        using var raw = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/organizer"));
        request.Headers.Add("Cookie", cookie);
        return await raw.SendAsync(request);
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

/// <summary>Portal instances that share a Data Protection keys folder and, optionally, a database.</summary>
public sealed class SharedKeysFactory(string keysFolder, string? connectionString) : PartnerSpaceFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("PartnerSpace:KeysFolder", keysFolder);
        if (connectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:PartnerSpace", connectionString);
        }
    }
}
