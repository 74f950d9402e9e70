using System.Globalization;
using System.Text;

namespace PartnerSpace.Bench;

/// <summary>
/// The Excel export from 1,000 to 1,000,000 leads (in process, like <see cref="LeadsBench"/>):
/// time and extra memory at each size, to show it streams (memory flat) and how time grows.
/// 3 measured runs up to 100,000 leads, 1 at 1,000,000 (seeding it takes a minute or two).
/// </summary>
internal static class ExportCurve
{
    private static readonly int[] Sizes = [1_000, 10_000, 100_000, 1_000_000];

    public static async Task RunAsync(Report report, int maxLeads, string? csvFolder, string? postgres, CancellationToken ct)
    {
        var points = new List<(int Leads, TimeSpan Seeding, double BestMs, double MedianMs, double PeakMb, double AllocatedMb, double FileMb)>();
        foreach (var leads in Sizes.Where(n => n <= maxLeads))
        {
            var big = leads > 100_000;
            var bench = new LeadsBench(report, leads, runs: big ? 1 : 3, warmup: !big, categoryDiagnostics: false, postgres: postgres);
            await bench.RunAsync(export: true, page: false, ct);
            var times = bench.ExportRuns.Select(r => r.Time.TotalMilliseconds).Order().ToList();
            var peaks = bench.ExportRuns.Select(r => r.PeakDelta).Order().ToList();
            points.Add((leads, bench.Seeding, times[0], times[times.Count / 2], peaks[peaks.Count / 2] / 1048576d, bench.ExportRuns.Max(r => r.Allocated) / 1048576d, bench.ExportRuns[0].Bytes / 1048576d));
        }

        report.Heading("Export curve");
        report.Line("leads     | seeded in | export best / median | extra memory (peak WS) | allocated | file");
        foreach (var p in points)
        {
            report.Line(string.Create(CultureInfo.InvariantCulture, $"{p.Leads,9:N0} | {p.Seeding.TotalSeconds,7:0.0} s | {p.BestMs,8:N0} / {p.MedianMs,7:N0} ms | {p.PeakMb,19:0.0} MB | {p.AllocatedMb,6:N0} MB | {p.FileMb:0.0} MB"));
        }

        if (csvFolder is not null)
        {
            Directory.CreateDirectory(csvFolder);
            var path = Path.Combine(csvFolder, postgres is null ? "curve-export.csv" : "curve-export-postgres.csv");
            var csv = new StringBuilder("leads,seed_s,export_best_ms,export_median_ms,peak_ws_delta_mb,allocated_mb,file_mb\n");
            foreach (var p in points)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{p.Leads},{p.Seeding.TotalSeconds:0.0},{p.BestMs:0},{p.MedianMs:0},{p.PeakMb:0.0},{p.AllocatedMb:0},{p.FileMb:0.0}\n");
            }

            await File.WriteAllTextAsync(path, csv.ToString(), ct);
            report.Line($"written: {path}");
        }
    }
}
