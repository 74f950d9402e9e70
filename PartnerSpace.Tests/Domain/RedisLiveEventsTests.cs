using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Tests.Support;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PartnerSpace.Tests.Domain;

/// <summary>Two "nodes" (each its own connection, local fan-out and node id) on one real redis-server.</summary>
[Trait("Spec", "D-8")]
[Trait("Category", "ScaleOut")]
public sealed class RedisLiveEventsTests : IClassFixture<RedisLiveEventsTests.Server>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly Server _server;
    private readonly List<Node> _nodes = [];

    private readonly ITestOutputHelper _output;

    public RedisLiveEventsTests(Server server, ITestOutputHelper output)
    {
        _server = server;
        _output = output;
        if (!server.Redis.IsRunning)
        {
            server.Redis.Start();
        }
    }

    [Fact]
    public async Task AnEventReachesTheOtherNodeInOrderAndTheOwnNodeOnce()
    {
        var (a, b) = (Start(), Start());
        var partner = Guid.NewGuid();
        var onA = Record(a, Topics.Partner(partner));
        var onB = Record(b, Topics.Partner(partner));

        for (var i = 1; i <= 50; i++)
        {
            await a.Live.PublishAsync(new ScansRecorded(partner, i));
        }

        await WaitUntilAsync(() => onB.Count == 50);
        Assert.Equal(Enumerable.Range(1, 50), onB.Select(e => ((ScansRecorded)e).Count));
        Assert.Equal(Enumerable.Range(1, 50), onA.Select(e => ((ScansRecorded)e).Count));
        Assert.Equal(50, b.Live.Sequence(Topics.Partner(partner)));

        // A's own messages come back from Redis too: they are not delivered a second time.
        await b.Live.PublishAsync(new LeadsChanged(partner));
        await WaitUntilAsync(() => onA.Count == 51);
        await Task.Delay(200);
        Assert.Equal(50, onA.Count(e => e is ScansRecorded));
        Assert.Equal(51, a.Live.Sequence(Topics.Partner(partner)));
        Assert.Single(onB, e => e is LeadsChanged);
    }

    [Fact]
    [Trait("Spec", "D-9")]
    public async Task EventsReachTheOtherNodeWellWithinTheScanToScreenBudget()
    {
        const int Count = 1000;
        var (a, b) = (Start(), Start());
        var partner = Guid.NewGuid();
        var sent = new long[Count];
        var arrived = new long[Count];
        var received = 0;
        b.Live.Subscribe(Topics.Partner(partner), e =>
        {
            arrived[((ScansRecorded)e).Count] = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref received);
            return Task.CompletedTask;
        });

        // About 1,000 events a second, in pairs, as a busy show's scan requests publish them.
        for (var i = 0; i < Count; i++)
        {
            sent[i] = Stopwatch.GetTimestamp();
            await a.Live.PublishAsync(new ScansRecorded(partner, i));
            if (i % 2 == 1)
            {
                await Task.Delay(1);
            }
        }

        await WaitUntilAsync(() => Volatile.Read(ref received) == Count);
        var latencies = Enumerable.Range(0, Count).Select(i => Stopwatch.GetElapsedTime(sent[i], arrived[i]).TotalMilliseconds).Order().ToArray();
        var (p50, p99, max) = (latencies[Count / 2], latencies[(int)(Count * 0.99)], latencies[^1]);
        _output.WriteLine($"node A to node B over Redis, {Count} events: p50 {p50:F2} ms, p99 {p99:F2} ms, max {max:F2} ms");
        Assert.True(p99 < 100, $"p99 {p99:F2} ms");
    }

    [Fact]
    public async Task AnEventOfAnUnknownTypeIsDroppedAndTheNextOneArrives()
    {
        var b = Start();
        var partner = Guid.NewGuid();
        var onB = Record(b, Topics.Partner(partner));
        using var other = await ConnectionMultiplexer.ConnectAsync(_server.Redis.Configuration);

        await other.GetSubscriber().PublishAsync(RedisLiveEvents.Channel, """{"node":"newer","type":"ScansUndone","event":{"topic":"x"}}""");
        await other.GetSubscriber().PublishAsync(RedisLiveEvents.Channel, "not json");
        await other.GetSubscriber().PublishAsync(RedisLiveEvents.Channel, LiveEventCodec.Encode("older", new ScansRecorded(partner, 7)));

        await WaitUntilAsync(() => !onB.IsEmpty);
        Assert.Equal(7, Assert.IsType<ScansRecorded>(Assert.Single(onB)).Count);
        Assert.Equal(1, b.Live.Sequence(Topics.Partner(partner)));
    }

    [Fact]
    public async Task WhileRedisIsDownPublishingIsQuickAndTheNodesOwnScreensStillHearIt()
    {
        var (a, b) = (Start(), Start());
        var partner = Guid.NewGuid();
        var onA = Record(a, Topics.Partner(partner));
        var onB = Record(b, Topics.Partner(partner));

        _server.Redis.Stop();
        await WaitUntilAsync(() => !a.Connection.IsConnected);
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= 20; i++)
        {
            await a.Live.PublishAsync(new ScansRecorded(partner, i));
        }

        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(200), $"20 publishes without Redis took {clock.ElapsedMilliseconds} ms");
        Assert.Equal(20, onA.Count);
        Assert.Equal(20, a.Live.DroppedCount);
        Assert.Empty(onB);
    }

    [Fact]
    public async Task WhenRedisComesBackEveryNodesSubscribersAreToldToCatchUp()
    {
        var (a, b) = (Start(), Start());
        var partner = Guid.NewGuid();
        var onA = Record(a, Topics.Partner(partner));
        var onB = Record(b, Topics.Partner(partner));
        var unrelated = Record(b, Topics.Outbox);

        _server.Redis.Stop();
        await WaitUntilAsync(() => !a.Connection.IsConnected && !b.Connection.IsConnected);
        await a.Live.PublishAsync(new ScansRecorded(partner, 1));
        var before = b.Live.Sequence(Topics.Partner(partner));
        _server.Redis.Start();

        await WaitUntilAsync(() => onB.Any(e => e is LiveResync) && onA.Any(e => e is LiveResync));
        Assert.Equal(Topics.Partner(partner), onB.OfType<LiveResync>().First().Topic);
        Assert.True(b.Live.Sequence(Topics.Partner(partner)) > before, "the sequence moved, so a screen that comes back reloads too");
        Assert.Contains(unrelated, e => e is LiveResync { Topic: Topics.Outbox });

        // And the nodes talk again.
        await a.Live.PublishAsync(new ScansRecorded(partner, 2));
        await WaitUntilAsync(() => onB.Any(e => e is ScansRecorded { Count: 2 }));
    }

    [Fact]
    public async Task ANodeStartedWhileRedisIsDownJoinsWhenItComesUp()
    {
        _server.Redis.Stop();
        var late = Start();
        var partner = Guid.NewGuid();
        var onLate = Record(late, Topics.Partner(partner));
        await late.Live.PublishAsync(new ScansRecorded(partner, 1));
        Assert.Single(onLate);

        _server.Redis.Start();
        var other = Start();
        await WaitUntilAsync(() => late.Connection.IsConnected && onLate.Any(e => e is LiveResync));
        await other.Live.PublishAsync(new ScansRecorded(partner, 2));

        await WaitUntilAsync(() => onLate.Any(e => e is ScansRecorded { Count: 2 }));
        Assert.Equal(1, onLate.Count(e => e is ScansRecorded { Count: 2 }));
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
    }

    private static ConcurrentQueue<LiveEvent> Record(Node node, string topic)
    {
        var received = new ConcurrentQueue<LiveEvent>();
        node.Live.Subscribe(topic, e =>
        {
            received.Enqueue(e);
            return Task.CompletedTask;
        });
        return received;
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

    private Node Start()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create<string, string?>(RedisSetup.Setting, _server.Redis.Configuration)]).Build();
        var connection = ConnectionMultiplexer.Connect(RedisSetup.OptionsOf(settings)!);
        var node = new Node(connection, new RedisLiveEvents(connection, new InMemoryLiveEvents(NullLogger<InMemoryLiveEvents>.Instance), NullLogger<RedisLiveEvents>.Instance));
        _nodes.Add(node);
        return node;
    }

    private sealed record Node(ConnectionMultiplexer Connection, RedisLiveEvents Live) : IDisposable
    {
        public void Dispose()
        {
            Live.Dispose();
            Connection.Dispose();
        }
    }

    public sealed class Server : IDisposable
    {
        public RedisServer Redis { get; } = new();

        public void Dispose() => Redis.Dispose();
    }
}
