using System.Collections.Concurrent;
using System.Diagnostics;

namespace PartnerSpace.Bench;

/// <summary>What one operation of a worker did: requests sent, scans the portal acknowledged, failed requests.</summary>
internal readonly record struct Outcome(int Requests, int Scans, int Errors, string? Failure = null)
{
    public static Outcome Failed(string reason, int requests = 1) => new(requests, 0, requests, reason);
}

/// <summary>The figures of one load phase.</summary>
internal sealed record LoadResult(TimeSpan Elapsed, long Operations, long Requests, long Scans, long Errors, LatencySummary Latency, IReadOnlyDictionary<string, int> Failures)
{
    public double ScansPerSecond => Scans / Elapsed.TotalSeconds;

    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}

/// <summary>
/// Closed-loop load: <c>workers</c> clients, each sending its next operation as soon as the last
/// one answered, until the duration is up. Operations in flight at the deadline are finished, not
/// cancelled, so the end of a phase never shows up as errors; throughput is over the real elapsed time.
/// </summary>
internal sealed class LoadRunner(int workers, TimeSpan duration)
{
    public async Task<LoadResult> RunAsync(Func<CancellationToken, Task<Outcome>> operation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var failures = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var started = Stopwatch.GetTimestamp();
        var stats = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(operation, started, failures, ct), ct)));
        var elapsed = Stopwatch.GetElapsedTime(started);

        return new LoadResult(
            elapsed,
            stats.Sum(s => (long)s.Latency.Count),
            stats.Sum(s => s.Requests),
            stats.Sum(s => s.Scans),
            stats.Sum(s => s.Errors),
            LatencyRecorder.Merge(stats.Select(s => s.Latency)),
            failures);
    }

    private async Task<WorkerStats> WorkAsync(Func<CancellationToken, Task<Outcome>> operation, long started, ConcurrentDictionary<string, int> failures, CancellationToken ct)
    {
        var stats = new WorkerStats();
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            ct.ThrowIfCancellationRequested();
            var began = Stopwatch.GetTimestamp();
            Outcome outcome;
            try
            {
                outcome = await operation(ct);
            }
            catch (HttpRequestException ex)
            {
                outcome = Outcome.Failed(ex.HttpRequestError.ToString());
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                outcome = Outcome.Failed("client timeout");
            }

            stats.Latency.Add(Stopwatch.GetElapsedTime(began));
            stats.Requests += outcome.Requests;
            stats.Scans += outcome.Scans;
            stats.Errors += outcome.Errors;
            if (outcome.Failure is { } reason)
            {
                failures.AddOrUpdate(reason, outcome.Errors, (_, n) => n + outcome.Errors);
            }
        }

        return stats;
    }

    private sealed class WorkerStats
    {
        public LatencyRecorder Latency { get; } = new();

        public long Requests { get; set; }

        public long Scans { get; set; }

        public long Errors { get; set; }
    }
}
