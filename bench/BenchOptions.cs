using System.Globalization;

namespace PartnerSpace.Bench;

/// <summary>Command-line options of the bench.</summary>
/// <param name="PhaseDuration">How long each load phase runs.</param>
/// <param name="Warmup">Unmeasured load before the first phase, so the portal's JIT and pools are warm.</param>
/// <param name="LiveScans">How many scans the browser probe posts, one at a time.</param>
/// <param name="DirectoryOnly">Only the public pages phase (the directory and partner pages), not the scan phases.</param>
/// <param name="Export">Only the Excel export of <paramref name="Leads"/> leads (in process, no portal).</param>
/// <param name="LeadsPage">Only the first pages of the leads list at <paramref name="Leads"/> leads (in process, no portal).</param>
/// <param name="LiveBurst">Only a burst of <paramref name="Rate"/> scans a second with the Leads screen open, after seeding <paramref name="Leads"/> leads into the demo partner.</param>
internal sealed record BenchOptions(
    TimeSpan PhaseDuration,
    TimeSpan Warmup,
    int LiveScans,
    bool DirectoryOnly = false,
    bool Export = false,
    bool LeadsPage = false,
    int Leads = BenchOptions.DefaultLeads,
    bool LiveBurst = false,
    int Rate = BenchOptions.DefaultRate)
{
    public const int DefaultRate = 200;
    public const int DefaultBurstSeconds = 10;

    public const int DefaultDurationSeconds = 20;
    public const int DefaultLeads = 100_000;
    public const int DefaultLiveScans = 50;

    private const string Usage = """
        Usage: dotnet run --project bench -c Release -- [--duration SECONDS] [--quick] [--live-scans N] [--directory]
               dotnet run --project bench -c Release -- [export] [leads-page] [--leads N]
               dotnet run --project bench -c Release -- live-burst [--rate N] [--duration SECONDS] [--leads N]

          --duration N     seconds per load phase (default 20)
          --quick          smoke test: about 3 s per phase and 10 live scans
          --live-scans N   scans posted one at a time for the scan-to-screen probe (default 50)
          --directory      only the public pages phase: the directory and partner pages
          export           only the Excel export of N leads over the five categories (in process, best and median of 3)
          leads-page       only the leads list's pages at N leads (in process)
          live-burst       only N scans a second (--rate, default 200) for --duration s (default 10) with the Leads
                           screen open in Chromium, after seeding --leads N leads into the demo partner
          --rate N         scans a second of live-burst (default 200)
          --leads N        leads seeded for export / leads-page / live-burst (default 100,000)
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
        var export = false;
        var leadsPage = false;
        var leads = DefaultLeads;
        var liveBurst = false;
        var rate = DefaultRate;
        int? duration = null;
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
                case "export" or "--export":
                    export = true;
                    break;
                case "leads-page" or "--leads-page":
                    leadsPage = true;
                    break;
                case "live-burst" or "--live-burst":
                    liveBurst = true;
                    break;
                case "--rate" when TryReadPositive(args, ++i, out var value):
                    rate = value;
                    break;
                case "--leads" when TryReadPositive(args, ++i, out var value):
                    leads = value;
                    break;
                case "--duration" when TryReadPositive(args, ++i, out var value):
                    seconds = value;
                    duration = value;
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

        if (liveBurst)
        {
            return new BenchOptions(TimeSpan.FromSeconds(duration ?? (quick ? 3 : DefaultBurstSeconds)), TimeSpan.FromSeconds(quick ? 1 : 5), 0, Leads: leads, LiveBurst: true, Rate: rate);
        }

        return quick
            ? new BenchOptions(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1), liveScans ?? 10, directoryOnly, export, leadsPage, leads)
            : new BenchOptions(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(Math.Min(10, seconds)), liveScans ?? DefaultLiveScans, directoryOnly, export, leadsPage, leads);
    }

    private static bool TryReadPositive(IReadOnlyList<string> args, int index, out int value)
    {
        value = 0;
        return index < args.Count
            && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value > 0;
    }
}
