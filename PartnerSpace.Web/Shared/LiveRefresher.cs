using PartnerSpace.Domain.Live;

namespace PartnerSpace.Web.Shared;

/// <summary>
/// Reloads a screen when its topic moves on (S-5, DESIGN §5). A burst is coalesced: the first
/// event reloads at once, later ones fold into one more reload, started <see cref="MinInterval"/>
/// after the previous one started (or when it ends, if it took longer): at most four reloads a
/// second, and a slow reload does not add its own time to the wait.
/// When the circuit's connection comes back, it reloads if events arrived meanwhile.
/// </summary>
public sealed class LiveRefresher : IDisposable
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    private readonly ILiveEvents _live;
    private readonly string _topic;
    private readonly Func<Task> _reload;
    private readonly Func<Exception, Task> _onError;
    private readonly CircuitEvents? _circuit;
    private readonly TimeSpan _interval;
    private readonly IDisposable _subscription;
    private readonly Lock _gate = new();
    private bool _running;
    private bool _pending;
    private long _seen;
    private bool _disposed;

    /// <param name="shownSequence">The topic's sequence read just before the screen loaded what it shows; events after it are caught up at once.</param>
    public LiveRefresher(ILiveEvents live, string topic, Func<Task> reload, Func<Exception, Task> onError, CircuitEvents? circuit = null, TimeSpan? interval = null, long? shownSequence = null)
    {
        ArgumentNullException.ThrowIfNull(live);
        _live = live;
        _topic = topic;
        _reload = reload;
        _onError = onError;
        _circuit = circuit;
        _interval = interval ?? MinInterval;
        _seen = shownSequence ?? live.Sequence(topic);
        _subscription = live.Subscribe(topic, _ => Trigger());
        if (_circuit is not null)
        {
            _circuit.ConnectionRestored += CatchUpAsync;
        }

        // Whatever happened between the screen's first load and this subscription.
        _ = CatchUpAsync();
    }

    /// <summary>Marks the current sequence as shown (call after the screen's own first load).</summary>
    public void MarkSeen(long sequence) => Interlocked.Exchange(ref _seen, sequence);

    public Task CatchUpAsync() => _live.Sequence(_topic) != Interlocked.Read(ref _seen) ? Trigger() : Task.CompletedTask;

    public void Dispose()
    {
        _disposed = true;
        _subscription.Dispose();
        if (_circuit is not null)
        {
            _circuit.ConnectionRestored -= CatchUpAsync;
        }
    }

    private Task Trigger()
    {
        lock (_gate)
        {
            if (_running)
            {
                _pending = true;
                return Task.CompletedTask;
            }

            _running = true;
        }

        return RunAsync();
    }

    private async Task RunAsync()
    {
        while (!_disposed)
        {
            var started = Environment.TickCount64;
            try
            {
                Interlocked.Exchange(ref _seen, _live.Sequence(_topic));
                await _reload();
            }
            catch (Exception ex)
            {
                await _onError(ex);
            }

            var wait = _interval.TotalMilliseconds - (Environment.TickCount64 - started);
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }
            lock (_gate)
            {
                if (!_pending || _disposed)
                {
                    _running = false;
                    return;
                }

                _pending = false;
            }
        }
    }
}
