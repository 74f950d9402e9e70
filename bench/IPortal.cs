using System.Globalization;

namespace PartnerSpace.Bench;

/// <summary>
/// The portal the HTTP phases measure: the bench's own process on a fresh SQLite database
/// (<see cref="PortalProcess"/>), or an already running one given by <c>--target</c>
/// (<see cref="ExternalPortal"/>), e.g. two nodes behind nginx.
/// </summary>
internal interface IPortal
{
    Uri BaseAddress { get; }

    /// <summary>CPU time used so far by the portal's process(es), or null when unknown (an external portal without <c>--pid</c>).</summary>
    TimeSpan? CpuTime { get; }

    /// <summary>Threads of the portal's process(es) now, or null when unknown.</summary>
    int? ThreadCount { get; }

    /// <summary>The portal's process ids on this machine (none for an external portal without <c>--pid</c>).</summary>
    IReadOnlyList<int> ProcessIds { get; }

    /// <summary>The SQLite file, when the bench owns the portal; null for an external portal (checks then go through the API).</summary>
    string? DatabasePath { get; }

    /// <summary>Throws when the portal process is gone (external portals are not watched).</summary>
    void EnsureRunning();
}

/// <summary>
/// A portal the bench did not start. With <c>--pid</c> (repeatable: one per node) the CPU and
/// threads of those processes are read from <c>/proc</c>, so the two-node figures show each node's share.
/// </summary>
internal sealed class ExternalPortal(Uri baseAddress, IReadOnlyList<int> pids) : IPortal
{
    public Uri BaseAddress { get; } = baseAddress;

    public IReadOnlyList<int> ProcessIds { get; } = pids;

    public string? DatabasePath => null;

    public TimeSpan? CpuTime => ProcessIds.Count == 0 ? null : TimeSpan.FromSeconds(ProcessIds.Sum(ProcStat.CpuSeconds));

    public int? ThreadCount => ProcessIds.Count == 0 ? null : ProcessIds.Sum(ProcStat.Threads);

    public void EnsureRunning()
    {
        foreach (var pid in ProcessIds)
        {
            if (!Directory.Exists($"/proc/{pid}"))
            {
                throw new BenchException($"The portal process {pid} given by --pid is gone.");
            }
        }
    }
}

/// <summary>Reads a process's CPU time, threads and memory from <c>/proc</c> (Linux).</summary>
internal static class ProcStat
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static double CpuSeconds(int pid)
    {
        // /proc/PID/stat: "pid (comm) state ..." — fields 14 and 15 (utime, stime) after the closing parenthesis.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    public static int Threads(int pid) => (int)Status(pid, "Threads:");

    /// <summary>Resident set size in bytes (VmRSS).</summary>
    public static long ResidentBytes(int pid) => Status(pid, "VmRSS:") * 1024;

    private static long Status(int pid, string key)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
