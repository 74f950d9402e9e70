using System.Globalization;
using System.Text;

namespace PartnerSpace.Bench;

/// <summary>
/// How throughput and latency move with the number of devices: single scans in a closed loop with
/// 1, 2, 4 … 256 concurrent devices, each step after an unmeasured warm-up at the same
/// concurrency, so every step starts with its connections open and its queue full.
/// </summary>
internal sealed class ConcurrencyCurve(Report report, ScanApiClient api, CpuMeter cpu, TimeSpan warmup, TimeSpan step)
{
    public static readonly int[] Devices = [1, 2, 4, 8, 16, 32, 64, 128, 256];

    public async Task RunAsync(string? csvFolder, CancellationToken ct)
    {
        report.Heading($"Curve: single scans, 1 to 256 concurrent devices, closed loop, {Report.Number(warmup.TotalSeconds)} s warm-up + {Report.Number(step.TotalSeconds)} s each");
        var rows = new List<CurvePoint>();
        foreach (var devices in Devices)
        {
            await new LoadRunner(devices, warmup).RunAsync(c => Benchmark.PostOneAsync(api, c), ct);
            var before = cpu.Take();
            var result = await new LoadRunner(devices, step).RunAsync(c => Benchmark.PostOneAsync(api, c), ct);
            var usage = CpuMeter.Between(before, cpu.Take());
            var point = new CurvePoint(devices, result.ScansPerSecond, result.Latency.P50, result.Latency.P99, result.Latency.Max, result.Errors, result.Requests, usage);
            rows.Add(point);
            report.Line(point.ToString());
        }

        report.Line("");
        report.Line("devices | scans/s | p50 ms | p99 ms | max ms | errors | portal CPU | other CPU");
        foreach (var p in rows)
        {
            report.Line(string.Create(
                CultureInfo.InvariantCulture,
                $"{p.Devices,7} | {p.ScansPerSecond,7:N0} | {p.P50,6:0.0} | {p.P99,6:0.0} | {p.Max,6:0} | {p.Errors,6} | {Cores(p.Cpu.PortalCores),10} | {p.Cpu.OtherCores,9:0.00}"));
        }

        var best = rows.MaxBy(r => r.ScansPerSecond)!;
        report.Diagnostic(
            "curve: single scans, 1 → 256 devices",
            string.Create(CultureInfo.InvariantCulture, $"peak {best.ScansPerSecond:N0} scans/s at {best.Devices} devices; at 1: {rows[0].ScansPerSecond:N0}/s p99 {rows[0].P99:0.0} ms; at 256: {rows[^1].ScansPerSecond:N0}/s p99 {rows[^1].P99:0.0} ms; {rows.Sum(r => r.Errors)} errors"));

        if (csvFolder is not null)
        {
            Directory.CreateDirectory(csvFolder);
            var path = Path.Combine(csvFolder, "curve-single-scans.csv");
            var csv = new StringBuilder("devices,scans_per_s,p50_ms,p99_ms,max_ms,errors,requests,portal_cores,other_cores\n");
            foreach (var p in rows)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{p.Devices},{p.ScansPerSecond:0},{p.P50:0.00},{p.P99:0.00},{p.Max:0.00},{p.Errors},{p.Requests},{p.Cpu.PortalCores:0.00},{p.Cpu.OtherCores:0.00}\n");
            }

            await File.WriteAllTextAsync(path, csv.ToString(), ct);
            report.Line($"written: {path}");
        }
    }

    private static string Cores(double? cores) => cores is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "?";

    private sealed record CurvePoint(int Devices, double ScansPerSecond, double P50, double P99, double Max, long Errors, long Requests, CpuUsage Cpu)
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"{Devices} devices: {ScansPerSecond:N0} scans/s, p50 {P50:0.0} ms, p99 {P99:0.0} ms, {Errors} errors; {Cpu}");
    }
}
