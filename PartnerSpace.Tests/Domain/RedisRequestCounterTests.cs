using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerSpace.Domain.Live;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Auth;
using StackExchange.Redis;

namespace PartnerSpace.Tests.Domain;

/// <summary>The sign-in counts two nodes share in a real redis-server, and what happens when it is down.</summary>
[Trait("Spec", "D-8")]
[Trait("Category", "ScaleOut")]
public sealed class RedisRequestCounterTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private readonly RedisServer _server = new();
    private readonly ConnectionMultiplexer _nodeA;
    private readonly ConnectionMultiplexer _nodeB;

    public RedisRequestCounterTests()
    {
        _server.Start();
        var options = RedisSetup.OptionsOf(new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create<string, string?>(RedisSetup.Setting, _server.Configuration)]).Build())!;
        _nodeA = ConnectionMultiplexer.Connect(options.Clone());
        _nodeB = ConnectionMultiplexer.Connect(options.Clone());
    }

    [Fact]
    public async Task TwoNodesShareOneCountAndItsWindow()
    {
        using var a = new RedisRequestCounter(_nodeA, NullLogger<RedisRequestCounter>.Instance);
        using var b = new RedisRequestCounter(_nodeB, NullLogger<RedisRequestCounter>.Instance);

        var answers = new List<TimeSpan?>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await (i % 2 == 0 ? a : b).TryAcquireAsync("address:x", 5, Window));
        }

        Assert.All(answers.Take(5), Assert.Null);
        Assert.InRange(answers[5]!.Value, Window - TimeSpan.FromSeconds(5), Window);
        Assert.Null(await a.TryAcquireAsync("address:y", 5, Window));
        var ttl = await _nodeA.GetDatabase().KeyTimeToLiveAsync("PartnerSpace:limit:address:x");
        Assert.InRange(ttl!.Value, Window - TimeSpan.FromSeconds(5), Window);
    }

    [Fact]
    public async Task WhileRedisIsDownEachNodeCountsOnItsOwnAndAnswersQuickly()
    {
        using var a = new RedisRequestCounter(_nodeA, NullLogger<RedisRequestCounter>.Instance);
        _server.Stop();
        var clock = Stopwatch.StartNew();
        while (_nodeA.IsConnected)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the client noticed the outage");
            await Task.Delay(20);
        }

        clock.Restart();
        var answers = new List<TimeSpan?>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await a.TryAcquireAsync("address:z", 5, Window));
        }

        clock.Stop();

        Assert.All(answers.Take(5), Assert.Null);
        Assert.NotNull(answers[5]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"six counts without Redis took {clock.ElapsedMilliseconds} ms");
    }

    public void Dispose()
    {
        _nodeA.Dispose();
        _nodeB.Dispose();
        _server.Dispose();
    }
}
