using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Shared;
using StackExchange.Redis;

namespace PartnerSpace.Tests.Http;

/// <summary>
/// Issue 9: two portal nodes on one SQLite file and one real redis-server, each with its own keys
/// folder (so only Redis can make them share a key ring). Started once for the class.
/// </summary>
[Trait("Spec", "D-8")]
[Trait("Category", "ScaleOut")]
public sealed class ScaleOutTests(ScaleOutTests.TwoNodes nodes) : IClassFixture<ScaleOutTests.TwoNodes>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task ACookieSignedInOnOneNodeIsAcceptedByTheOther()
    {
        await nodes.ReadyAsync();
        var cookie = await DemoCookieAsync(nodes.A, "organizer");

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(nodes.B, "/organizer", cookie)).StatusCode);
        Assert.Empty(Directory.GetFiles(nodes.A.KeysFolder, "*.xml", SearchOption.AllDirectories));
        // In Redis (a restart of this test's Redis, which saves nothing, may have emptied the list since).
        Assert.IsType<RedisXmlRepository>(nodes.B.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
    }

    [Fact]
    public async Task TheLimitOfLinkRequestsPerAddressCountsAcrossNodes()
    {
        await nodes.ReadyAsync();
        await nodes.ForgetLimitsAsync();
        var email = $"someone-{Guid.NewGuid():N}@example.org";
        using var onA = nodes.A.CreateBrowserlessClient();
        using var onB = nodes.B.CreateBrowserlessClient();
        var tokenA = await PartnerSpaceFactory.AntiforgeryTokenAsync(onA, "/sign-in");
        var tokenB = await PartnerSpaceFactory.AntiforgeryTokenAsync(onB, "/sign-in");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(i % 2 == 0 ? await RequestLinkAsync(onA, tokenA, email) : await RequestLinkAsync(onB, tokenB, email));
        }

        Assert.All(answers.Take(5), a => Assert.Equal("/sign-in/link-sent", a.Headers.Location?.OriginalString));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[5].StatusCode);
        Assert.InRange(answers[5].Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task TheLimitOfSignInPostsPerClientAddressCountsAcrossNodes()
    {
        await nodes.ReadyAsync();
        await nodes.ForgetLimitsAsync();
        using var onA = nodes.A.CreateBrowserlessClient();
        using var onB = nodes.B.CreateBrowserlessClient();
        var tokenA = await PartnerSpaceFactory.AntiforgeryTokenAsync(onA, "/sign-in");
        var tokenB = await PartnerSpaceFactory.AntiforgeryTokenAsync(onB, "/sign-in");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < TwoNodes.SignInPostsPerMinute + 2; i++)
        {
            var email = $"user{i}-{Guid.NewGuid():N}@example.org";
            statuses.Add((i % 2 == 0 ? await RequestLinkAsync(onA, tokenA, email) : await RequestLinkAsync(onB, tokenB, email)).StatusCode);
        }

        Assert.Equal(TwoNodes.SignInPostsPerMinute, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task AccessRevokedOnOneNodeEndsTheSessionOnTheOtherWithinTheRevalidationTime()
    {
        await nodes.ReadyAsync();
        var acme = await nodes.A.PartnerIdAsync(DemoData.AcmeName);
        var organizer = await nodes.A.QueryAsync(db => db.Users.Where(u => u.Email == DemoData.OrganizerEmail).Select(u => u.Id).SingleAsync());
        var member = await nodes.A.QueryAsync(db => db.PartnerMembers.Where(m => m.PartnerId == acme && m.Person!.Email == DemoData.AcmeAdminEmail).Select(m => m.Id).SingleAsync());
        var cookie = await DemoCookieAsync(nodes.A, "partner-admin");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(nodes.B, $"/partner/{acme}", cookie)).StatusCode);

        var revoked = await nodes.A.Services.GetRequiredService<SessionRevocation>()
            .RevokeAsync(new Viewer(ViewerKind.Organizer, organizer), acme, member, new SecurityActor(SecurityActorKind.Organizer, organizer, "Organizer"), RequestOrigin.Unknown);
        Assert.True(revoked.IsSuccess);
        await Task.Delay(TwoNodes.SessionRevalidation + TimeSpan.FromMilliseconds(200));

        Assert.Equal(HttpStatusCode.Redirect, (await GetAsync(nodes.B, $"/partner/{acme}", cookie)).StatusCode);
    }

    [Fact]
    public async Task ASessionRenewedOnOneNodeIsAcceptedAtOnceByTheOther()
    {
        await nodes.ReadyAsync();
        var acme = await nodes.A.PartnerIdAsync(DemoData.AcmeName);
        var before = await DemoCookieAsync(nodes.A, "partner-admin");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(nodes.B, $"/partner/{acme}", before)).StatusCode);

        // A new stamp (as a two-factor change on node A does), and a cookie that carries it.
        await nodes.A.QueryAsync(async db =>
        {
            var person = await db.People.SingleAsync(p => p.Email == DemoData.AcmeAdminEmail);
            person.RenewSecurityStamp();
            return await db.SaveChangesAsync();
        });
        var after = await DemoCookieAsync(nodes.A, "partner-admin");

        // Node B cached the old stamp a moment ago; the new cookie is not refused for it.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(nodes.B, $"/partner/{acme}", after)).StatusCode);
    }

    [Fact]
    public async Task AScanPostedWhileRedisIsDownIsStoredAndAnOpenLeadsScreenOnTheOtherNodeCatchesUp()
    {
        await nodes.ReadyAsync();
        var acme = await nodes.A.PartnerIdAsync(DemoData.AcmeName);
        var reloads = 0;
        // The Leads screen's own refresher on node B, as LeadsPage makes it.
        using var screen = new LiveRefresher(
            new FilteredLiveEvents(nodes.B.Services.GetRequiredService<ILiveEvents>(), _ => true),
            Topics.Partner(acme),
            () => Task.FromResult(Interlocked.Increment(ref reloads)),
            _ => Task.CompletedTask,
            interval: TimeSpan.FromMilliseconds(10));
        using var device = nodes.A.CreateClient();
        device.DefaultRequestHeaders.Authorization = new("Bearer", DemoData.AcmeDeviceKey);

        // Redis up: a scan on node A reloads the screen on node B.
        Assert.Equal(HttpStatusCode.Created, (await PostScanAsync(device)).StatusCode);
        await WaitUntilAsync(() => Volatile.Read(ref reloads) > 0);
        await Task.Delay(100);
        var shown = Volatile.Read(ref reloads);

        nodes.Server.Stop();
        await WaitUntilAsync(() => !nodes.A.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected);
        var clock = Stopwatch.StartNew();
        using var posted = await PostScanAsync(device);
        clock.Stop();

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the scan took {clock.ElapsedMilliseconds} ms without Redis");
        await Task.Delay(300);
        Assert.Equal(shown, Volatile.Read(ref reloads));

        nodes.Server.Start();
        await WaitUntilAsync(() => Volatile.Read(ref reloads) > shown);
    }

    [Fact]
    public void AnyHubScalesOverRedisButBlazorCircuitsStayOnTheirNode()
    {
        Assert.NotNull(SignalRBackplane.BlazorHub);
        var blazor = nodes.A.Services.GetRequiredService(typeof(HubLifetimeManager<>).MakeGenericType(SignalRBackplane.BlazorHub!));

        Assert.IsType(typeof(DefaultHubLifetimeManager<>).MakeGenericType(SignalRBackplane.BlazorHub!), blazor);
        Assert.IsType<RedisHubLifetimeManager<ProbeHub>>(nodes.A.Services.GetRequiredService<HubLifetimeManager<ProbeHub>>());
    }

    // A badge nobody has: stored as an unmatched scan (201), which tells the partner's screens all the same.
    private static Task<HttpResponseMessage> PostScanAsync(HttpClient device)
    {
        var scan = $$"""{"scanId":"{{Guid.CreateVersion7()}}","badgeCode":"NO-SUCH-BADGE-{{Guid.NewGuid():N}}","scannedAt":"{{DateTimeOffset.UtcNow:O}}","scannedBy":"{{DemoData.AcmeAdminEmail}}"}""";
        return device.PostAsync(Url("/api/v1/scans"), new StringContent(scan, Encoding.UTF8, "application/json"));
    }

    private static async Task<HttpResponseMessage> RequestLinkAsync(HttpClient client, string token, string email) =>
        await client.PostAsync(Url("/auth/link"), new FormUrlEncodedContent([KeyValuePair.Create("email", email), KeyValuePair.Create("__RequestVerificationToken", token)]));

    /// <summary>The sign-in cookie a demo sign-in on <paramref name="node"/> sets, as a Cookie header value.</summary>
    private static async Task<string> DemoCookieAsync(PartnerSpaceFactory node, string role)
    {
        using var raw = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var response = await raw.GetAsync(Url($"/demo/sign-in/{role}"));
        return response.Headers.GetValues("Set-Cookie").Select(v => v.Split(';')[0]).Single(v => v.StartsWith("partnerspace=", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> GetAsync(PartnerSpaceFactory node, string path, string cookie)
    {
        using var raw = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
        request.Headers.Add("Cookie", cookie);
        return await raw.SendAsync(request);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Patience, "waited too long");
            await Task.Delay(20);
        }
    }

    public sealed class ProbeHub : Hub;

    /// <summary>A portal node: the shared database and Redis, a keys folder of its own.</summary>
    public sealed class Node(string redis, string? connectionString) : PartnerSpaceFactory
    {
        public string KeysFolder { get; } = Directory.CreateTempSubdirectory("partnerspace-node-keys-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("PartnerSpace:Redis", redis);
            builder.UseSetting("PartnerSpace:KeysFolder", KeysFolder);
            builder.UseSetting("PartnerSpace:SessionRevalidation", TwoNodes.SessionRevalidation.ToString());
            builder.UseSetting("PartnerSpace:SignInRequestsPerMinute", TwoNodes.SignInPostsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (connectionString is not null)
            {
                builder.UseSetting("ConnectionStrings:PartnerSpace", connectionString);
            }
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Directory.Delete(KeysFolder, recursive: true);
        }
    }

    public sealed class TwoNodes : IAsyncLifetime
    {
        public const int SignInPostsPerMinute = 12;

        public static readonly TimeSpan SessionRevalidation = TimeSpan.FromSeconds(1);

        private ConnectionMultiplexer? _probe;

        public RedisServer Server { get; } = new();

        public Node A { get; private set; } = null!;

        public Node B { get; private set; } = null!;

        public IDatabase Redis() => _probe!.GetDatabase();

        public async Task InitializeAsync()
        {
            Server.Start();
            A = new Node(Server.Configuration, null);
            _ = A.Services;
            B = new Node(Server.Configuration, A.ConnectionString);
            _ = B.Services;
            _probe = await ConnectionMultiplexer.ConnectAsync($"{Server.Configuration},allowAdmin=true,abortConnect=false");
        }

        /// <summary>Redis up again after a test that stopped it, and both nodes connected.</summary>
        public async Task ReadyAsync()
        {
            if (!Server.IsRunning)
            {
                Server.Start();
            }

            await WaitUntilAsync(() => A.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected
                && B.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected
                && _probe!.IsConnected);
        }

        /// <summary>Starts the sign-in counts afresh (the tests share the client address "unknown").</summary>
        public async Task ForgetLimitsAsync()
        {
            var server = _probe!.GetServer(_probe.GetEndPoints()[0]);
            await foreach (var key in server.KeysAsync(pattern: "PartnerSpace:limit:*"))
            {
                await Redis().KeyDeleteAsync(key);
            }
        }

        public async Task DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
            _probe?.Dispose();
            Server.Dispose();
        }
    }
}
