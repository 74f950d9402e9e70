using System.Globalization;

namespace PartnerSpace.Bench;

/// <summary>
/// Latencies of one worker, kept whole (a 20 s run is a few hundred thousand doubles), so the
/// percentiles are exact rather than bucketed. Not thread-safe: one recorder per worker, merged after.
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public void Add(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    public void Add(double milliseconds) => _milliseconds.Add(milliseconds);

    public LatencySummary Summarize() => Merge([this]);

    public static LatencySummary Merge(IEnumerable<LatencyRecorder> recorders) =>
        LatencySummary.Of(recorders.SelectMany(r => r._milliseconds).ToArray());
}

/// <summary>Nearest-rank percentiles of a set of latencies, in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double P50, double P99, double Max)
{
    public static LatencySummary Of(double[] milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Length == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN);
        }

        Array.Sort(milliseconds);
        return new LatencySummary(milliseconds.Length, Percentile(milliseconds, 50), Percentile(milliseconds, 99), milliseconds[^1]);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"p50 {Ms(P50)}, p99 {Ms(P99)}, max {Ms(Max)} (n = {Count:N0})");

    public static string Ms(double milliseconds) =>
        milliseconds.ToString(milliseconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>The smallest value with at least <paramref name="percent"/> % of the samples at or below it.</summary>
    private static double Percentile(double[] sorted, double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
