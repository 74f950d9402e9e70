using System.Collections.Concurrent;

namespace PartnerSpace.Domain.Live;

/// <summary>
/// One database read for every live screen of this node that reloads the same thing for the same
/// event (DESIGN §5, §9): when a scan reaches 2,000 open Leads screens of a partner, their counts
/// and the first page most of them show are read once, not 2,000 times. A read is keyed by the
/// topic, the topic's sequence when it was asked for, and what is read (a record with value
/// equality, such as a list query, and the result type). A read asked for at sequence N starts
/// after event N was published, so it sees what N stands for: every screen reloading for N may
/// take it. Results are kept <see cref="KeepFor"/>, a failed read is forgotten at once, and one
/// screen leaving (its token cancelled) does not cancel the read for the others.
/// </summary>
public sealed class SharedLiveReads(ILiveEvents live, TimeProvider time)
{
    /// <summary>How long a finished read is handed out for its key.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<ReadKey, Entry> _reads = new();
    private long _lastPrune; // UTC ticks

    /// <summary>Reads with <paramref name="read"/>, or joins the read of the same key started for the same event.</summary>
    public async Task<T> ReadAsync<T>(string topic, object what, Func<CancellationToken, Task<T>> read, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(what);
        ArgumentNullException.ThrowIfNull(read);
        Prune();
        var key = new ReadKey(topic, live.Sequence(topic), typeof(T), what);
        var entry = _reads.GetOrAdd(key, _ => NewEntry(read));
        if (Expired(entry, time.GetUtcNow().UtcTicks))
        {
            // The same event, but long ago: what changed without an event of this topic shows too.
            var fresh = NewEntry(read);
            entry = _reads.TryUpdate(key, fresh, entry) ? fresh : _reads.GetOrAdd(key, fresh);
        }

        var task = (Task<T>)entry.Read.Value;
        try
        {
            return await task.WaitAsync(ct);
        }
        catch when (task.IsFaulted || task.IsCanceled)
        {
            _reads.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    /// <summary>Reads in progress or kept, for tests.</summary>
    public int Count => _reads.Count;

    private void Prune()
    {
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastPrune);
        if (now - last < KeepFor.Ticks || Interlocked.CompareExchange(ref _lastPrune, now, last) != last)
        {
            return;
        }

        foreach (var (key, entry) in _reads)
        {
            if (Expired(entry, now))
            {
                _reads.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    private Entry NewEntry<T>(Func<CancellationToken, Task<T>> read) =>
        new(time.GetUtcNow().UtcTicks, new Lazy<Task>(() => RunAsync(read)));

    // Async, so that a read throwing before its first await is a faulted task like any other failure.
    private static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> read) => await read(CancellationToken.None);

    private static bool Expired(Entry entry, long now) =>
        now - entry.Created >= KeepFor.Ticks && entry.Read.IsValueCreated && entry.Read.Value.IsCompleted;

    private readonly record struct ReadKey(string Topic, long Sequence, Type Result, object What);

    /// <param name="Created">UTC ticks.</param>
    private sealed record Entry(long Created, Lazy<Task> Read);
}
