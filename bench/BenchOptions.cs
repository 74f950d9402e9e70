using System.Globalization;

namespace PartnerSpace.Bench;

/// <summary>Command-line options of the bench.</summary>
/// <param name="PhaseDuration">How long each load phase runs.</param>
/// <param name="Warmup">Unmeasured load before the first phase, so the portal's JIT and pools are warm.</param>
/// <param name="LiveScans">How many scans the browser probe posts, one at a time.</param>
/// <param name="DirectoryOnly">Only the public pages phase (the directory and partner pages), not the scan phases.</param>
internal sealed record BenchOptions(TimeSpan PhaseDuration, TimeSpan Warmup, int LiveScans, bool DirectoryOnly = false)
{
    public const int DefaultDurationSeconds = 20;
    public const int DefaultLiveScans = 50;

    private const string Usage = """
        Usage: dotnet run --project bench -c Release -- [--duration SECONDS] [--quick] [--live-scans N] [--directory]

          --duration N     seconds per load phase (default 20)
          --quick          smoke test: about 3 s per phase and 10 live scans
          --live-scans N   scans posted one at a time for the scan-to-screen probe (default 50)
          --directory      only the public pages phase: the directory and partner pages
        """;

    /// <summary>The options, or null (after printing why) when the arguments are wrong or help was asked for.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);

        var seconds = DefaultDurationSeconds;
        int? liveScans = null;
        var quick = false;
        var directoryOnly = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--directory":
                    directoryOnly = true;
                    break;
                case "--duration" when TryReadPositive(args, ++i, out var value):
                    seconds = value;
                    break;
                case "--live-scans" when TryReadPositive(args, ++i, out var value):
                    liveScans = value;
                    break;
                case "-h" or "--help":
                    error.WriteLine(Usage);
                    return null;
                default:
                    error.WriteLine($"Unknown or incomplete option '{args[Math.Min(i, args.Count - 1)]}'.");
                    error.WriteLine(Usage);
                    return null;
            }
        }

        return quick
            ? new BenchOptions(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1), liveScans ?? 10, directoryOnly)
            : new BenchOptions(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(Math.Min(10, seconds)), liveScans ?? DefaultLiveScans, directoryOnly);
    }

    private static bool TryReadPositive(IReadOnlyList<string> args, int index, out int value)
    {
        value = 0;
        return index < args.Count
            && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value > 0;
    }
}
