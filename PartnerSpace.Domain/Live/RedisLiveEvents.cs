using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace PartnerSpace.Domain.Live;

/// <summary>
/// The scale-out <see cref="ILiveEvents"/> (issue 9, ADR 0014): local first, then Redis pub/sub.
/// A publish is delivered to this node's screens at once (by <see cref="InMemoryLiveEvents"/>) and
/// handed to Redis without waiting; events from other nodes are delivered here the same way, in
/// the order Redis carries them. Losing Redis never delays or fails a publisher (a scan request):
/// events for other nodes are dropped meanwhile, and when the connection comes back every node's
/// subscribed topics get a <see cref="LiveResync"/>, so open screens reload what they missed.
/// </summary>
public sealed partial class RedisLiveEvents : ILiveEvents, IDisposable
{
    /// <summary>One channel for every topic: each node gets every event, in publish order per node.</summary>
    public static readonly RedisChannel Channel = RedisChannel.Literal("PartnerSpace:live");

    private readonly IConnectionMultiplexer _redis;
    private readonly InMemoryLiveEvents _local;
    private readonly ILogger<RedisLiveEvents> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _topics = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private ChannelMessageQueue? _queue;
    private int _disposed;
    private int _lost;
    private long _dropped;
    private long _received;

    public RedisLiveEvents(IConnectionMultiplexer redis, InMemoryLiveEvents local, ILogger<RedisLiveEvents> logger)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _local = local;
        _logger = logger;
        _redis.ConnectionFailed += OnConnectionFailed;
        _redis.ConnectionRestored += OnConnectionRestored;
        SubscribeNowOrLater();
    }

    /// <summary>This node's id in its messages: its own messages coming back from Redis are skipped.</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Events not sent to the other nodes because Redis was unreachable (their screens caught up instead).</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Events received from other nodes and delivered here.</summary>
    public long ReceivedCount => Interlocked.Read(ref _received);

    public async Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        await _local.PublishAsync(liveEvent, ct);
        Send(LiveEventCodec.Encode(NodeId, liveEvent));
    }

    public IDisposable Subscribe(string topic, Func<LiveEvent, Task> onEvent)
    {
        var inner = _local.Subscribe(topic, onEvent);
        lock (_gate)
        {
            _topics[topic] = _topics.GetValueOrDefault(topic) + 1;
        }

        return new Subscription(this, topic, inner);
    }

    /// <summary>The events this node delivered for the topic: its own and the other nodes'.</summary>
    public long Sequence(string topic) => _local.Sequence(topic);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _redis.ConnectionFailed -= OnConnectionFailed;
        _redis.ConnectionRestored -= OnConnectionRestored;
        try
        {
            _queue?.Unsubscribe(CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Redis is gone; so is the subscription.
        }
    }

    // Fire and forget, and only when connected: the publisher never waits on Redis. The connection
    // fails fast (BacklogPolicy.FailFast) rather than queueing events for a server that is down.
    private void Send(byte[] message)
    {
        if (!_redis.IsConnected)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        try
        {
            _redis.GetSubscriber().Publish(Channel, message, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _dropped);
            LogSendFailed(ex);
        }
    }

    // At construction, when connected: subscribed before the first publish. Otherwise (or when it
    // fails) in the background, until it works.
    private void SubscribeNowOrLater()
    {
        if (_redis.IsConnected)
        {
            lock (_gate)
            {
                try
                {
                    var queue = _redis.GetSubscriber().Subscribe(Channel);
                    queue.OnMessage(Receive);
                    _queue = queue;
                    return;
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    LogSubscribeFailed(ex);
                    ForgetFailedSubscription();
                }
            }
        }

        // Whoever subscribes late (this or a restored connection) has screens catch up.
        _ = Task.Run(async () =>
        {
            if (await EnsureSubscribedAsync())
            {
                await CatchUpAsync();
            }
        });
    }

    // True when it subscribed now (it was not before). One at a time: two queues would deliver twice.
    private async Task<bool> EnsureSubscribedAsync()
    {
        await _subscribing.WaitAsync();
        try
        {
            var failures = 0;
            while (Volatile.Read(ref _disposed) == 0)
            {
                if (Volatile.Read(ref _queue) is not null)
                {
                    return false;
                }

                try
                {
                    var queue = await _redis.GetSubscriber().SubscribeAsync(Channel);
                    queue.OnMessage(Receive);
                    Volatile.Write(ref _queue, queue);
                    return true;
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    if (failures++ == 0)
                    {
                        LogSubscribeFailed(ex);
                    }

                    ForgetFailedSubscription();
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }

            return false;
        }
        finally
        {
            _subscribing.Release();
        }
    }

    // A queue the client kept for a subscription that failed would fill up with nobody reading it.
    private void ForgetFailedSubscription()
    {
        try
        {
            _redis.GetSubscriber().Unsubscribe(Channel, null, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Not connected: nothing is subscribed on the server either.
        }
    }

    private void Receive(ChannelMessage message)
    {
        LiveEventCodec.Decoded decoded;
        try
        {
            decoded = LiveEventCodec.Decode(((ReadOnlyMemory<byte>)message.Message).Span);
        }
        catch (JsonException ex)
        {
            LogUnreadable(ex);
            return;
        }

        if (decoded.Node == NodeId)
        {
            return;
        }

        if (decoded.IsResyncAll)
        {
            ResyncLocal();
            return;
        }

        if (decoded.Event is null)
        {
            // A newer node's event: this one's screens do not know it, so none can need it.
            LogUnknownType(decoded.Type);
            return;
        }

        Interlocked.Increment(ref _received);
        _ = _local.PublishAsync(decoded.Event);
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription && Interlocked.Exchange(ref _lost, 1) == 0)
        {
            LogLost(e.EndPoint?.ToString(), e.FailureType);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            // Not on the client's own thread: subscribing from its event would wait on itself.
            var lost = Interlocked.Exchange(ref _lost, 0) == 1;
            _ = Task.Run(async () =>
            {
                var late = await EnsureSubscribedAsync();
                if (lost || late)
                {
                    await CatchUpAsync();
                }
            });
        }
    }

    // After a loss, this node missed the others' events and they missed its own: this node's
    // screens reload, and a message asks the other nodes' screens to do the same.
    private async Task CatchUpAsync()
    {
        try
        {
            // The client subscribes the channel again on the new connection; wait for that, so no
            // event falls between the screens' reload and the subscription.
            var subscriber = _redis.GetSubscriber();
            for (var i = 0; i < 100 && subscriber.SubscribedEndpoint(Channel) is null; i++)
            {
                await Task.Delay(20);
            }

            LogRestored(DroppedCount);
            ResyncLocal();
            Send(LiveEventCodec.EncodeResyncAll(NodeId));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogSendFailed(ex);
        }
    }

    private void ResyncLocal()
    {
        string[] topics;
        lock (_gate)
        {
            topics = [.. _topics.Keys];
        }

        foreach (var topic in topics)
        {
            _ = _local.PublishAsync(new LiveResync(topic));
        }
    }

    private void Unsubscribed(string topic)
    {
        lock (_gate)
        {
            var left = _topics.GetValueOrDefault(topic) - 1;
            if (left <= 0)
            {
                _topics.Remove(topic);
            }
            else
            {
                _topics[topic] = left;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost Redis ({EndPoint}, {FailureType}): live events reach this node's screens only until it is back")]
    private partial void LogLost(string? endPoint, ConnectionFailureType failureType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is back: open screens catch up ({Dropped} events not sent to other nodes so far)")]
    private partial void LogRestored(long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live event was not sent to the other nodes")]
    private partial void LogSendFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to the live events of other nodes yet")]
    private partial void LogSubscribeFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live message from another node could not be read; dropped")]
    private partial void LogUnreadable(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live event of unknown type {Type} (from a newer node?) was dropped")]
    private partial void LogUnknownType(string type);

    private sealed class Subscription(RedisLiveEvents owner, string topic, IDisposable inner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                inner.Dispose();
                owner.Unsubscribed(topic);
            }
        }
    }
}
