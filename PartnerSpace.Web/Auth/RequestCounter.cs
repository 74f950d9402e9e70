using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace PartnerSpace.Web.Auth;

/// <summary>
/// Fixed-window request counts for the sign-in limits (DESIGN §4): in this process on one node, in
/// Redis when the nodes must share them (issue 9), so five requests per address are five across
/// every node, not five per node.
/// </summary>
public interface IRequestCounter
{
    /// <summary>Whether the counts are shared by every node (Redis).</summary>
    bool IsShared { get; }

    /// <summary>Counts one request under <paramref name="key"/>; when over <paramref name="limit"/> in the window, how long until the window ends.</summary>
    ValueTask<TimeSpan?> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken ct = default);
}

/// <summary>One node's counts: <see cref="PartitionedRateLimiter"/>s with fixed windows, as before issue 9.</summary>
public sealed class LocalRequestCounter : IRequestCounter, IDisposable
{
    private readonly ConcurrentDictionary<(int Limit, TimeSpan Window), PartitionedRateLimiter<string>> _limiters = new();

    public bool IsShared => false;

    public ValueTask<TimeSpan?> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken ct = default) =>
        ValueTask.FromResult(TryAcquire(key, limit, window));

    public TimeSpan? TryAcquire(string key, int limit, TimeSpan window)
    {
        var limiter = _limiters.GetOrAdd((limit, window), static policy => PartitionedRateLimiter.Create<string, string>(k =>
            RateLimitPartition.GetFixedWindowLimiter(k, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = policy.Limit,
                Window = policy.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            })));
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : window;
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}

/// <summary>
/// The nodes' shared counts: one Redis key per window, <c>INCR</c> and its expiry in one script, so
/// two nodes counting at once neither lose a count nor leave a key that never expires.
/// While Redis does not answer (within <see cref="Timeout"/>) each node falls back to its own
/// <see cref="LocalRequestCounter"/>: the limit still holds per node, a sign-in never fails because
/// Redis is down, and at worst an attacker gets one limit per node until Redis is back.
/// </summary>
public sealed partial class RedisRequestCounter(IConnectionMultiplexer redis, ILogger<RedisRequestCounter> logger) : IRequestCounter, IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

    private const string Script = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          ttl = tonumber(ARGV[1])
        end
        return { n, ttl }
        """;

    private readonly LocalRequestCounter _fallback = new();
    private int _failing;

    public bool IsShared => true;

    public async ValueTask<TimeSpan?> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken ct = default)
    {
        try
        {
            var result = (RedisResult[]?)await redis.GetDatabase()
                .ScriptEvaluateAsync(Script, [(RedisKey)$"PartnerSpace:limit:{key}"], [(long)window.TotalMilliseconds])
                .WaitAsync(Timeout, ct);
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                LogBack();
            }

            var count = (long)result![0];
            var ttl = TimeSpan.FromMilliseconds((long)result[1]);
            return count <= limit ? null : ttl;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                LogFallback(ex, limit.ToString(CultureInfo.InvariantCulture));
            }

            return _fallback.TryAcquire(key, limit, window);
        }
    }

    public void Dispose() => _fallback.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis does not answer: sign-in limits ({Limit} per window and others) are counted per node until it does")]
    private partial void LogFallback(Exception ex, string limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again: sign-in limits are shared by every node")]
    private partial void LogBack();
}

/// <summary>
/// A rate limiter for the rate-limiting middleware over an <see cref="IRequestCounter"/>: the
/// middleware's synchronous attempt always defers to <see cref="AcquireAsyncCore"/>, which counts.
/// The limiter itself holds no state, so the middleware may drop and remake it when idle.
/// </summary>
public sealed class CountedRateLimiter(IRequestCounter counter, string key, int limit, TimeSpan window) : RateLimiter
{
    private long _lastUsed = Environment.TickCount64;

    public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Deferred;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
        return await counter.TryAcquireAsync(key, limit, window, cancellationToken) is { } retry ? new Lease(false, retry) : Lease.Granted;
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public static readonly Lease Deferred = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
