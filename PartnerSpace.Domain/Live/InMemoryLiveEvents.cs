using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PartnerSpace.Domain.Observability;

namespace PartnerSpace.Domain.Live;

/// <summary>The single-node <see cref="ILiveEvents"/>: a locked subscriber map, copy-on-write per topic.</summary>
public sealed partial class InMemoryLiveEvents(ILogger<InMemoryLiveEvents> logger, PartnerSpaceTelemetry? telemetry = null) : ILiveEvents
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Subscription[]> _subscribers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _sequences = new(StringComparer.Ordinal);

    public Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        _sequences.AddOrUpdate(liveEvent.Topic, 1, static (_, n) => n + 1);

        Subscription[] targets;
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(liveEvent.Topic, out var found))
            {
                return Task.CompletedTask;
            }

            targets = found;
        }

        // Subscribers are screens: each reloads on its own circuit. Never let one slow or failing
        // screen delay the publisher (a scan request) or the others.
        var published = Stopwatch.GetTimestamp();
        foreach (var target in targets)
        {
            _ = DeliverAsync(target, liveEvent, published);
        }

        return Task.CompletedTask;
    }

    public IDisposable Subscribe(string topic, Func<LiveEvent, Task> onEvent)
    {
        var subscription = new Subscription(this, topic, onEvent);
        lock (_gate)
        {
            _subscribers[topic] = _subscribers.TryGetValue(topic, out var existing) ? [.. existing, subscription] : [subscription];
        }

        return subscription;
    }

    public long Sequence(string topic) => _sequences.TryGetValue(topic, out var n) ? n : 0;

    /// <summary>Number of live subscriptions, for tests and metrics.</summary>
    public int SubscriberCount(string topic)
    {
        lock (_gate)
        {
            return _subscribers.TryGetValue(topic, out var s) ? s.Length : 0;
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(subscription.Topic, out var existing))
            {
                return;
            }

            var remaining = Array.FindAll(existing, s => !ReferenceEquals(s, subscription));
            if (remaining.Length == 0)
            {
                _subscribers.Remove(subscription.Topic);
            }
            else
            {
                _subscribers[subscription.Topic] = remaining;
            }
        }
    }

    private async Task DeliverAsync(Subscription target, LiveEvent liveEvent, long published)
    {
        try
        {
            await target.OnEvent(liveEvent);
            telemetry?.FanOutDone(published);
        }
        catch (Exception ex)
        {
            LogDeliveryFailed(logger, ex, liveEvent.Topic);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live subscriber of {Topic} failed")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception ex, string topic);

    private sealed class Subscription(InMemoryLiveEvents owner, string topic, Func<LiveEvent, Task> onEvent) : IDisposable
    {
        private int _disposed;

        public string Topic { get; } = topic;

        public Func<LiveEvent, Task> OnEvent { get; } = onEvent;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(this);
            }
        }
    }
}
