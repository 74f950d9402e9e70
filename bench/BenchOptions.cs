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
    /// <summary>An already running portal to measure instead of starting one (<c>--target URL</c>).</summary>
    public Uri? Target { get; init; }

    /// <summary>Process ids of the external portal's node(s), for their CPU and memory (<c>--pid N</c>, repeatable).</summary>
    public IReadOnlyList<int> Pids { get; init; } = [];

    /// <summary>Only the concurrency curve: single scans at 1 to 256 concurrent devices.</summary>
    public bool Curve { get; init; }

    /// <summary>The curve after the scan phases of a full run (<c>--with-curve</c>).</summary>
    public bool WithCurve { get; init; }

    /// <summary>Only the export curve: the Excel export of 1,000 to 1,000,000 leads (in process).</summary>
    public bool ExportCurve { get; init; }

    /// <summary>Largest size of the export curve (<c>--max-leads</c>, default 1,000,000).</summary>
    public int MaxLeads { get; init; } = 1_000_000;

    /// <summary>Only the open circuits phase: this many real Blazor circuits (<c>circuits --circuits N</c>).</summary>
    public int Circuits { get; init; }

    /// <summary>Where the curves' CSV files go (<c>--csv FOLDER</c>), or null.</summary>
    public string? CsvFolder { get; init; }

    /// <summary>The screen the circuits open: "leads" (the Leads screen, default) or "home" (the partner's home).</summary>
    public string CircuitPage { get; init; } = "leads";

    /// <summary>Seconds the circuits stay open after the figures (<c>--hold</c>), e.g. to take a heap dump of the portal.</summary>
    public int HoldSeconds { get; init; }

    /// <summary>For export, leads-page and export-curve: a PostgreSQL server to seed a fresh database on instead of a SQLite file (<c>--postgres CONN</c>).</summary>
    public string? Postgres { get; init; }

    public const int DefaultCircuits = 2_000;

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
          --postgres CONN  export / leads-page / export-curve on a new database of that PostgreSQL server (created,
                           migrated, dropped), e.g. "Host=127.0.0.1;Port=55432;Username=postgres" (scripts/scale-out.sh)
               dotnet run --project bench -c Release -- curve [--duration SECONDS] [--csv FOLDER]
               dotnet run --project bench -c Release -- export-curve [--max-leads N] [--csv FOLDER]
               dotnet run --project bench -c Release -- circuits [--circuits N] [--page leads|home] [--hold SECONDS]
          curve            only single scans at 1, 2, 4 … 256 concurrent devices (2 s warm-up + --duration s each, default 5)
          --with-curve     a full run also measures the curve after its scan phases
          export-curve     only the Excel export at 1,000, 10,000, 100,000 and 1,000,000 leads (in process)
          circuits         only N real Blazor circuits (default 2,000) on the demo partner's Leads screen: memory per circuit
          --page home      the circuits open the partner's home instead of its Leads screen
          --hold N         keep the circuits open N s after the figures (to take a heap dump of the portal)
          --target URL     measure an already running portal (e.g. nginx in front of two nodes) instead of starting one;
                           it must have the demo seeded (device key psk_demo_acme, /demo/sign-in/partner-admin)
          --pid N          with --target: a portal process on this machine (repeat per node) for CPU and memory figures
          --csv FOLDER     write the curves as CSV files there
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
        Uri? target = null;
        var pids = new List<int>();
        var curve = false;
        var withCurve = false;
        var exportCurve = false;
        var maxLeads = 1_000_000;
        var circuits = 0;
        string? csv = null;
        var circuitPage = "leads";
        var hold = 0;
        string? postgres = null;
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
                case "curve" or "--curve":
                    curve = true;
                    break;
                case "--with-curve":
                    withCurve = true;
                    break;
                case "export-curve" or "--export-curve":
                    exportCurve = true;
                    break;
                case "circuits" or "--circuits" when i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out _):
                    circuits = circuits == 0 ? DefaultCircuits : circuits;
                    break;
                case "--circuits" when TryReadPositive(args, ++i, out var value):
                    circuits = value;
                    break;
                case "--max-leads" when TryReadPositive(args, ++i, out var value):
                    maxLeads = value;
                    break;
                case "--pid" when TryReadPositive(args, ++i, out var value):
                    pids.Add(value);
                    break;
                case "--target" when ++i < args.Count && Uri.TryCreate(args[i], UriKind.Absolute, out var url) && url.Scheme is "http" or "https":
                    target = url;
                    break;
                case "--page" when ++i < args.Count && args[i] is "leads" or "home":
                    circuitPage = args[i];
                    break;
                case "--hold" when TryReadPositive(args, ++i, out var value):
                    hold = value;
                    break;
                case "--postgres" when ++i < args.Count && args[i].Contains("Host=", StringComparison.OrdinalIgnoreCase):
                    postgres = args[i];
                    break;
                case "--csv" when ++i < args.Count:
                    csv = args[i];
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

        if (pids.Count > 0 && target is null)
        {
            error.WriteLine("--pid only goes with --target (the bench knows its own portal's process).");
            return null;
        }

        if (postgres is not null && !(export || leadsPage || exportCurve))
        {
            error.WriteLine("--postgres goes with export, leads-page or export-curve (the HTTP phases measure the portal's own database; use --target).");
            return null;
        }

        var extra = (BenchOptions o) => o with
        {
            Target = target,
            Pids = pids,
            Curve = curve,
            WithCurve = withCurve,
            ExportCurve = exportCurve,
            MaxLeads = maxLeads,
            Circuits = circuits,
            CsvFolder = csv,
            CircuitPage = circuitPage,
            HoldSeconds = hold,
            Postgres = postgres,
        };

        if (curve)
        {
            return extra(new BenchOptions(TimeSpan.FromSeconds(duration ?? (quick ? 2 : 5)), TimeSpan.FromSeconds(quick ? 1 : 2), 0));
        }

        return extra(Parse(quick, seconds, duration, liveScans, directoryOnly, export, leadsPage, leads, liveBurst, rate));
    }

    private static BenchOptions Parse(bool quick, int seconds, int? duration, int? liveScans, bool directoryOnly, bool export, bool leadsPage, int leads, bool liveBurst, int rate)
    {
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
