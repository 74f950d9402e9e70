using System.Diagnostics;
using System.Globalization;

namespace PartnerSpace.Bench;

/// <summary>
/// Where the CPU went during a phase: the portal process, the bench itself (the load generator
/// shares the machine), and the whole machine from <c>/proc/stat</c> (busy, and idle waiting on I/O).
/// </summary>
internal sealed class CpuMeter(IPortal portal)
{
    public CpuSnapshot Take()
    {
        using var self = Process.GetCurrentProcess();
        return new CpuSnapshot(Stopwatch.GetTimestamp(), portal.CpuTime, self.TotalProcessorTime, MachineTicks.Read(), portal.ThreadCount);
    }

    public static CpuUsage Between(CpuSnapshot before, CpuSnapshot after)
    {
        var wall = Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds;
        var total = after.Machine.Total - before.Machine.Total;
        return new CpuUsage(
            after.Portal is { } a && before.Portal is { } b ? (a - b).TotalSeconds / wall : null,
            (after.Bench - before.Bench).TotalSeconds / wall,
            total <= 0 ? double.NaN : 1 - ((double)(after.Machine.Idle - before.Machine.Idle) / total),
            total <= 0 ? double.NaN : (double)(after.Machine.IoWait - before.Machine.IoWait) / total,
            after.PortalThreads);
    }
}

internal readonly record struct CpuSnapshot(long Timestamp, TimeSpan? Portal, TimeSpan Bench, MachineTicks Machine, int? PortalThreads);

/// <summary>
/// Cores used by the portal, the bench and everything else (other processes on the machine), the
/// machine's I/O-wait share (0…1), and the portal's thread count at the end of the phase. The
/// portal's figures are null for an external portal given without <c>--pid</c>: its CPU then counts
/// in "other processes".
/// </summary>
internal readonly record struct CpuUsage(double? PortalCores, double BenchCores, double MachineBusy, double IoWait, int? PortalThreads)
{
    public double OtherCores => Math.Max(0, (MachineBusy * Environment.ProcessorCount) - (PortalCores ?? 0) - BenchCores);

    public override string ToString() => PortalCores is { } portal
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"CPU of {Environment.ProcessorCount} cores: portal {portal:0.00}, bench {BenchCores:0.00}, other processes {OtherCores:0.00}; I/O wait {IoWait:P0}; portal threads {PortalThreads}")
        : string.Create(
            CultureInfo.InvariantCulture,
            $"CPU of {Environment.ProcessorCount} cores: bench {BenchCores:0.00}, everything else (portal included: no --pid) {OtherCores:0.00}; I/O wait {IoWait:P0}");
}

/// <summary>The first line of <c>/proc/stat</c>: jiffies of all CPUs since boot; zeros off Linux.</summary>
internal readonly record struct MachineTicks(long Total, long Idle, long IoWait)
{
    public static MachineTicks Read()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal guest guest_nice
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return new MachineTicks(values.Sum(), values[3] + values[4], values[4]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return default;
        }
    }
}
