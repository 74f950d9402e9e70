using System.Collections.Concurrent;
using System.Net;

namespace PartnerSpace.Bench;

/// <summary>
/// The bench: starts the portal on a fresh database, runs the phases one after the other (single
/// scans, batches, retries, scan-to-screen in a browser), prints each figure as it completes and
/// the table at the end. Targets are DESIGN §9's.
/// </summary>
internal sealed class Benchmark(BenchOptions options, Report report)
{
    private const int WarmupClients = 16;
    private const int WarmupBatchClients = 2;
    private const int SingleClients = 64;
    private const int BatchClients = 8;
    private const int BatchSize = 100;
    private const int RetryEvery = 10; // one operation in ten sends its scan twice: 10 %

    private const double SingleThroughputTarget = 5_000;
    private const double SingleP99Target = 50;
    private const double BatchThroughputTarget = 30_000;
    private const double LiveP99Target = 250;

    private static readonly TimeSpan OneClientDuration = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken ct)
    {
        if (options.Export || options.LeadsPage)
        {
            // In process, no portal: the export and the leads list over a seeded SQLite file (or PostgreSQL database).
            report.Heading("PartnerSpace leads benchmark");
            report.Line($"machine: {MachineInfo.Describe()}");
            await new LeadsBench(report, options.Leads, postgres: options.Postgres).RunAsync(options.Export, options.LeadsPage, ct);
            report.PrintTable();
            return;
        }

        if (options.ExportCurve)
        {
            report.Heading("PartnerSpace export curve");
            report.Line($"machine: {MachineInfo.Describe()}");
            await ExportCurve.RunAsync(report, options.MaxLeads, options.CsvFolder, options.Postgres, ct);
            report.PrintTable();
            return;
        }

        report.Heading("PartnerSpace scan API benchmark");
        report.Line($"machine: {MachineInfo.Describe()}");
        report.Line($"phases: {Report.Number(options.PhaseDuration.TotalSeconds)} s each after a {Report.Number(options.Warmup.TotalSeconds)} s warm-up; {options.LiveScans} live scans");

        await using var owned = options.Target is null ? await PortalProcess.StartAsync(ct) : null;
        IPortal portal = owned is null ? new ExternalPortal(options.Target!, options.Pids) : owned;
        if (owned is not null)
        {
            report.Line($"portal: PartnerSpace.Web ({owned.Configuration}) at {owned.BaseAddress}, database {owned.DatabasePath}");
            if (owned.Configuration != "Release")
            {
                report.Line("WARNING: not a Release build; the figures are not comparable with the targets.");
            }
        }
        else
        {
            report.Line($"portal: external, {portal.BaseAddress} (not started by the bench); portal processes: {(portal.ProcessIds.Count == 0 ? "unknown (no --pid: their CPU counts in \"everything else\")" : string.Join(", ", portal.ProcessIds))}");
        }

        if (options.Circuits > 0)
        {
            await new CircuitsBench(report, portal).RunAsync(options.Circuits, options.CircuitPage, TimeSpan.FromSeconds(options.HoldSeconds), ct);
            portal.EnsureRunning();
            report.PrintTable();
            return;
        }

        if (options.LiveBurst)
        {
            if (owned is null)
            {
                throw new BenchException("live-burst seeds leads into the portal's SQLite file: it needs the bench's own portal (no --target).");
            }

            await LiveBurstAsync(owned, ct);
            portal.EnsureRunning();
            report.PrintTable();
            return;
        }

        if (options.DirectoryOnly)
        {
            await new DirectoryBench(report, options.PhaseDuration).RunAsync(portal.BaseAddress, ct);
            portal.EnsureRunning();
            report.PrintTable();
            return;
        }

        using var api = new ScanApiClient(portal.BaseAddress);
        var partnerId = await DemoPartner.FindIdAsync(portal.BaseAddress, ct);
        var cpu = new CpuMeter(portal);

        if (options.Curve)
        {
            await new ConcurrencyCurve(report, api, cpu, options.Warmup, options.PhaseDuration).RunAsync(options.CsvFolder, ct);
            portal.EnsureRunning();
            report.PrintTable();
            return;
        }

        // Each phase ends by reading the portal's CPU time, which fails loudly if the portal died.
        await WarmUpAsync(api, ct);
        portal.EnsureRunning();
        await OneClientAsync(api, cpu, ct);
        await SingleScansAsync(api, cpu, ct);
        await BatchedScansAsync(api, cpu, ct);
        await RetriesAsync(api, cpu, portal.DatabasePath, partnerId, ct);
        if (options.WithCurve)
        {
            await new ConcurrencyCurve(report, api, cpu, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)).RunAsync(options.CsvFolder, ct);
        }

        await ScanToScreenAsync(portal.BaseAddress, api, ct);
        portal.EnsureRunning();
        await new DirectoryBench(report, options.PhaseDuration).RunAsync(portal.BaseAddress, ct);
        portal.EnsureRunning();

        report.PrintTable();
        if (owned is not null)
        {
            PrintPortalLog(owned);
        }
    }

    /// <summary>
    /// Both paths under load before anything is measured: the portal's JIT tiers its hot methods up
    /// (tier 0 → tier 1 takes tens of seconds for EF Core's many methods) and its pools fill.
    /// </summary>
    private async Task WarmUpAsync(ScanApiClient api, CancellationToken ct)
    {
        report.Heading($"Warm-up: {WarmupClients} single-scan clients and {WarmupBatchClients} batch clients, {Report.Number(options.Warmup.TotalSeconds)} s (not measured)");
        var single = new LoadRunner(WarmupClients, options.Warmup).RunAsync(c => PostOneAsync(api, c), ct);
        var batch = new LoadRunner(WarmupBatchClients, options.Warmup).RunAsync(c => PostBatchAsync(api, c), ct);
        var results = await Task.WhenAll(single, batch);
        report.Line($"{Report.Number(results.Sum(r => r.Scans))} scans, {Report.Number(results.Sum(r => r.Errors))} errors");
    }

    /// <summary>
    /// Diagnostic, no target: one client at a time, so each figure is the portal's own service time
    /// for a request, with no queueing. Compared with the concurrent phases it shows what contention costs.
    /// </summary>
    private async Task OneClientAsync(ScanApiClient api, CpuMeter cpu, CancellationToken ct)
    {
        var duration = options.PhaseDuration < OneClientDuration ? options.PhaseDuration : OneClientDuration;
        report.Heading($"Diagnostic: one client at a time, {Report.Number(duration.TotalSeconds)} s single scans then {Report.Number(duration.TotalSeconds)} s batches of {BatchSize}");

        var before = cpu.Take();
        var single = await new LoadRunner(1, duration).RunAsync(c => PostOneAsync(api, c), ct);
        report.Line($"single: {Report.Number(single.ScansPerSecond)} scans/s, latency {single.Latency}");
        report.Line(CpuMeter.Between(before, cpu.Take()).ToString());
        report.Diagnostic(
            "diagnostic: single scans, 1 client",
            $"{Report.Number(single.ScansPerSecond)} scans/s, p50 {LatencySummary.Ms(single.Latency.P50)}, p99 {LatencySummary.Ms(single.Latency.P99)}");

        before = cpu.Take();
        var batch = await new LoadRunner(1, duration).RunAsync(c => PostBatchAsync(api, c), ct);
        report.Line($"batch: {Report.Number(batch.ScansPerSecond)} scans/s, request latency {batch.Latency}");
        report.Line(CpuMeter.Between(before, cpu.Take()).ToString());
        report.Diagnostic(
            $"diagnostic: batches of {BatchSize}, 1 client",
            $"{Report.Number(batch.ScansPerSecond)} scans/s, request p50 {LatencySummary.Ms(batch.Latency.P50)}, p99 {LatencySummary.Ms(batch.Latency.P99)}");
    }

    private async Task SingleScansAsync(ScanApiClient api, CpuMeter cpu, CancellationToken ct)
    {
        report.Heading($"Single scans: {SingleClients} concurrent clients, {Report.Number(options.PhaseDuration.TotalSeconds)} s");
        var before = cpu.Take();
        var result = await new LoadRunner(SingleClients, options.PhaseDuration).RunAsync(c => PostOneAsync(api, c), ct);
        var usage = CpuMeter.Between(before, cpu.Take());

        report.Line($"{Report.Number(result.Requests)} requests in {Report.Number(result.Elapsed.TotalSeconds, "0.0")} s; latency {result.Latency}");
        report.Line(usage.ToString());
        PrintFailures(result);
        report.Figure(
            $"single scans, {SingleClients} clients: throughput",
            "≥ 5,000 scans/s",
            $"{Report.Number(result.ScansPerSecond)} scans/s",
            result.ScansPerSecond >= SingleThroughputTarget);
        report.Figure(
            "single scans: latency p99",
            "≤ 50 ms",
            $"{LatencySummary.Ms(result.Latency.P99)} (p50 {LatencySummary.Ms(result.Latency.P50)}, max {LatencySummary.Ms(result.Latency.Max)})",
            result.Latency.P99 <= SingleP99Target);
        report.Figure(
            "single scans: errors (non-2xx)",
            "0",
            $"{Report.Number(result.Errors)} of {Report.Number(result.Requests)} requests",
            result.Errors == 0);
    }

    private async Task BatchedScansAsync(ScanApiClient api, CpuMeter cpu, CancellationToken ct)
    {
        report.Heading($"Batched scans: {BatchSize} per request, {BatchClients} concurrent clients, {Report.Number(options.PhaseDuration.TotalSeconds)} s");
        var before = cpu.Take();
        var result = await new LoadRunner(BatchClients, options.PhaseDuration).RunAsync(c => PostBatchAsync(api, c), ct);
        var usage = CpuMeter.Between(before, cpu.Take());

        report.Line($"{Report.Number(result.Requests)} requests ({Report.Number(result.RequestsPerSecond, "N1")}/s); request latency {result.Latency}");
        report.Line(usage.ToString());
        PrintFailures(result);
        report.Figure(
            $"batched scans ({BatchSize}/request, {BatchClients} clients)",
            "≥ 30,000 scans/s",
            $"{Report.Number(result.ScansPerSecond)} scans/s (request p50 {LatencySummary.Ms(result.Latency.P50)}, p99 {LatencySummary.Ms(result.Latency.P99)}; {Report.Number(result.Errors)} errors)",
            result.ScansPerSecond >= BatchThroughputTarget && result.Errors == 0);
    }

    private async Task RetriesAsync(ScanApiClient api, CpuMeter cpu, string? databasePath, Guid partnerId, CancellationToken ct)
    {
        report.Heading($"Retries: {SingleClients} clients, 1 scan in {RetryEvery} sent twice (half at once, half after the answer), {Report.Number(options.PhaseDuration.TotalSeconds)} s");
        var tally = new RetryTally();
        var before = cpu.Take();
        var result = await new LoadRunner(SingleClients, options.PhaseDuration).RunAsync(c => PostWithRetryAsync(api, tally, c), ct);
        var usage = CpuMeter.Between(before, cpu.Take());

        report.Line($"{Report.Number(result.Requests)} requests, of which {Report.Number(tally.Resent)} resends; {Report.Number(result.ScansPerSecond)} scans/s; operation latency {result.Latency}");
        report.Line($"answers: {Report.Number(tally.Created)} × 201 created, {Report.Number(tally.Replayed)} × 200 replayed, {Report.Number(tally.Conflicts)} × 409, {Report.Number(result.Errors)} errors");
        report.Line(usage.ToString());
        PrintFailures(result);

        var acknowledged = tally.Acknowledged.Keys.ToHashSet();

        // The bench's own portal: read its SQLite file. An external one (PostgreSQL, two nodes):
        // replay every acknowledged scan through the API, which must answer "replayed" for each.
        var stored = databasePath is null
            ? await ScanStore.CheckThroughApiAsync(api, tally.Acknowledged, ct)
            : await ScanStore.CheckAsync(databasePath, partnerId, acknowledged, ct);
        var exactlyOnce = stored.ExactlyOnce && tally.Created == acknowledged.Count && tally.Conflicts == 0;
        report.Line(databasePath is null
            ? $"replayed through the API: {Report.Number(stored.Distinct)} of {Report.Number(stored.Expected)} acknowledged scan ids answered \"replayed\" (stored, with the same body), {stored.Duplicated} failed or conflicted, {stored.Missing} were new (missing)"
            : $"database: {Report.Number(stored.Rows)} rows for {Report.Number(stored.Expected)} acknowledged scan ids; {Report.Number(stored.Distinct)} distinct, {stored.Duplicated} duplicated, {stored.Missing} missing");
        report.Line($"exactly once: {(exactlyOnce ? "yes" : "no")}");
        report.Figure(
            $"retries {100 / RetryEvery} %: every scan stored exactly once",
            "exactly once",
            $"{(exactlyOnce ? "yes" : "no")}: {Report.Number(stored.Expected)} ids acknowledged, {Report.Number(tally.Created)} × 201, {Report.Number(stored.Rows)} rows, {stored.Duplicated} duplicated, {stored.Missing} missing",
            exactlyOnce);
    }

    private async Task ScanToScreenAsync(Uri baseAddress, ScanApiClient api, CancellationToken ct)
    {
        report.Heading($"Scan to screen: Leads screen open in Chromium, {options.LiveScans} scans one at a time, ~300 ms apart");
        var result = await new LiveLatencyProbe(baseAddress, api).RunAsync(options.LiveScans, ct);
        if (result.Latency is not { } latency)
        {
            report.Line($"skipped: {result.SkippedBecause}");
            report.Figure("scan to open screen (browser), p99", "≤ 250 ms", $"not measured: {result.SkippedBecause}", null);
            return;
        }

        report.Line($"latency {latency}; {result.Missed} scans never shown within 5 s");
        report.Figure(
            "scan to open screen (browser), p99",
            "≤ 250 ms",
            $"{LatencySummary.Ms(latency.P99)} (p50 {LatencySummary.Ms(latency.P50)}, max {LatencySummary.Ms(latency.Max)}, n = {latency.Count}, missed {result.Missed})",
            latency.P99 <= LiveP99Target && result.Missed == 0);
    }

    /// <summary>
    /// Issue 7 item 2: the Leads screen stays live at a show's peak. Seeds the demo partner with
    /// <see cref="BenchOptions.Leads"/> leads (the counts and list queries then cost what they cost
    /// at that size), warms the scan path up, then scans at <see cref="BenchOptions.Rate"/> a second
    /// with the screen open in Chromium.
    /// </summary>
    private async Task LiveBurstAsync(PortalProcess portal, CancellationToken ct)
    {
        using var api = new ScanApiClient(portal.BaseAddress);
        var partnerId = await DemoPartner.FindIdAsync(portal.BaseAddress, ct);
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        await DemoPartner.SeedLeadsAsync(portal.DatabasePath, partnerId, options.Leads, ct);
        report.Heading($"Live burst: {Report.Number(options.Leads)} leads seeded into the demo partner in {seeding.Elapsed.TotalSeconds:N1} s");
        var warm = await new LoadRunner(4, options.Warmup).RunAsync(c => PostOneAsync(api, c), ct);
        report.Line($"warm-up: {Report.Number(warm.Scans)} scans in {Report.Number(options.Warmup.TotalSeconds)} s (not measured)");

        report.Heading($"Live burst: {options.Rate} scans/s for {Report.Number(options.PhaseDuration.TotalSeconds)} s, Leads screen open in Chromium");
        var cpu = new CpuMeter(portal);
        var before = cpu.Take();
        var result = await new LiveLatencyProbe(portal.BaseAddress, api).RunBurstAsync(options.Rate, options.PhaseDuration, ct);
        var usage = CpuMeter.Between(before, cpu.Take());
        if (result.Lag is not { } lag)
        {
            report.Figure("live at 200 scans/s: scan to Leads screen", "≤ 1 s", $"not measured: {result.SkippedBecause}", null);
            return;
        }

        report.Line($"{Report.Number(result.Acknowledged)} of {Report.Number(result.Sent)} scans acknowledged ({Report.Number(result.ScansPerSecond)}/s), {result.Errors} errors");
        report.Line($"screen: {result.Refreshes} redraws of the counter while scanning, gaps {result.RefreshGaps}");
        report.Line(usage.ToString());
        report.Figure(
            $"live at {options.Rate} scans/s, {Report.Number(options.Leads)} leads: scan to Leads screen, p99",
            "≤ 1 s",
            $"{LatencySummary.Ms(lag.P99)} (p50 {LatencySummary.Ms(lag.P50)}, max {LatencySummary.Ms(lag.Max)}, n = {lag.Count:N0}, never shown {result.NeverShown})",
            lag.P99 <= 1000 && result.NeverShown == 0 && result.Errors == 0);
        report.Figure(
            $"live at {options.Rate} scans/s: last scan to all shown",
            "≤ 1 s",
            result.CatchUpMs is { } catchUp ? LatencySummary.Ms(catchUp) : "never within 5 s",
            result.CatchUpMs is <= 1000);
        report.Diagnostic(
            $"live at {options.Rate} scans/s: screen redraws, portal CPU",
            $"{result.Refreshes} redraws in {Report.Number(options.PhaseDuration.TotalSeconds)} s (gap p50 {LatencySummary.Ms(result.RefreshGaps!.P50)}, max {LatencySummary.Ms(result.RefreshGaps.Max)}); {usage}");
    }

    internal static async Task<Outcome> PostOneAsync(ScanApiClient api, CancellationToken ct)
    {
        var status = await api.PostScanAsync(ScanApiClient.Serialize(ScanApiClient.NewScan()), ct);
        return IsStored(status) ? new Outcome(1, 1, 0) : Outcome.Failed($"HTTP {(int)status}");
    }

    private static async Task<Outcome> PostBatchAsync(ScanApiClient api, CancellationToken ct)
    {
        var batch = new BatchBody([.. Enumerable.Range(0, BatchSize).Select(_ => ScanApiClient.NewScan())]);
        var (status, answer) = await api.PostBatchAsync(ScanApiClient.Serialize(batch), ct);
        if (answer is null)
        {
            return Outcome.Failed($"HTTP {(int)status}");
        }

        var stored = answer.Results.Count(r => r.Status is "created" or "replayed");
        return stored == BatchSize
            ? new Outcome(1, stored, 0)
            : new Outcome(1, stored, 1, "batch items " + string.Join("/", answer.Results.Select(r => r.Status).Distinct()));
    }

    /// <summary>
    /// One scan; every tenth is sent twice with the same id and body: alternately both at once (a
    /// device that gave up waiting and resent) and one after the other (a device that lost the answer).
    /// </summary>
    private static async Task<Outcome> PostWithRetryAsync(ScanApiClient api, RetryTally tally, CancellationToken ct)
    {
        var scan = ScanApiClient.NewScan();
        var id = Guid.Parse(scan.ScanId);
        var body = ScanApiClient.Serialize(scan);
        var n = Interlocked.Increment(ref tally.Operations);

        HttpStatusCode?[] answers;
        if (n % RetryEvery != 0)
        {
            answers = [await TryPostAsync(api, body, ct)];
        }
        else if (n % (2 * RetryEvery) == 0)
        {
            answers = await Task.WhenAll(TryPostAsync(api, body, ct), TryPostAsync(api, body, ct));
        }
        else
        {
            answers = [await TryPostAsync(api, body, ct), await TryPostAsync(api, body, ct)];
        }

        if (answers.Length > 1)
        {
            Interlocked.Increment(ref tally.Resent);
        }

        var errors = 0;
        string? failure = null;
        foreach (var status in answers)
        {
            switch (status)
            {
                case HttpStatusCode.Created:
                    Interlocked.Increment(ref tally.Created);
                    tally.Acknowledged.TryAdd(id, scan);
                    break;
                case HttpStatusCode.OK:
                    Interlocked.Increment(ref tally.Replayed);
                    tally.Acknowledged.TryAdd(id, scan);
                    break;
                case HttpStatusCode.Conflict:
                    Interlocked.Increment(ref tally.Conflicts);
                    errors++;
                    failure = "HTTP 409";
                    break;
                default:
                    errors++;
                    failure = status is null ? "no answer" : $"HTTP {(int)status}";
                    break;
            }
        }

        return new Outcome(answers.Length, tally.Acknowledged.ContainsKey(id) ? 1 : 0, errors, failure);
    }

    private static async Task<HttpStatusCode?> TryPostAsync(ScanApiClient api, byte[] body, CancellationToken ct)
    {
        try
        {
            return await api.PostScanAsync(body, ct);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static bool IsStored(HttpStatusCode status) => status is HttpStatusCode.Created or HttpStatusCode.OK;

    private void PrintFailures(LoadResult result)
    {
        foreach (var (reason, count) in result.Failures.OrderByDescending(f => f.Value))
        {
            report.Line($"failed: {Report.Number(count)} × {reason}");
        }
    }

    private void PrintPortalLog(PortalProcess portal)
    {
        if (portal.NotableLogLines.Count == 0)
        {
            report.Line("The portal logged no warnings or errors.");
            return;
        }

        report.Heading("The portal logged");
        foreach (var (header, (count, message)) in portal.NotableLogLines.OrderByDescending(l => l.Value.Count))
        {
            report.Line($"{Report.Number(count)} × {header} {message}");
        }
    }

    /// <summary>Counters of the retry phase, shared by its workers (updated with Interlocked).</summary>
    private sealed class RetryTally
    {
        public long Operations;
        public long Resent;
        public long Created;
        public long Replayed;
        public long Conflicts;

        public ConcurrentDictionary<Guid, ScanBody> Acknowledged { get; } = new();
    }
}
