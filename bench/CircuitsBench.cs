using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace PartnerSpace.Bench;

/// <summary>
/// DESIGN §9 "2,000 circuits on one node, ≤ 400 KB each": opens N real Blazor circuits
/// (<see cref="BlazorCircuitClient"/>) on the demo partner's Leads screen, signed in as its admin,
/// and measures the portal's memory before and after: resident set (VmRSS) and the live GC heap
/// after a full collection (<c>dotnet-gcdump</c> forces one and reports the heap, when installed).
/// Then one scan must reach every open screen (each circuit gets a render batch).
/// </summary>
internal sealed partial class CircuitsBench(Report report, IPortal portal)
{
    private const int OpenConcurrency = 8;
    private const double TargetKb = 400;
    private static readonly TimeSpan FirstRenderTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LiveTimeout = TimeSpan.FromSeconds(60);

    public async Task RunAsync(int count, string screen, TimeSpan hold, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        using var handler = LoopbackTls.For(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = true }, portal.BaseAddress);
        using var http = new HttpClient(handler) { BaseAddress = portal.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var partnerId = DemoPartner.IdFromLanding(await LandingAsync(http, ct));
        var page = new Uri(portal.BaseAddress, screen == "home" ? $"partner/{partnerId}" : $"partner/{partnerId}/leads");
        report.Heading($"Open circuits: {Report.Number(count)} real Blazor circuits on {page.AbsolutePath} (demo partner admin), {OpenConcurrency} opened at a time");

        // One circuit opened and closed first, so the JIT and the pools are warm before the baseline.
        await using (var warm = await BlazorCircuitClient.OpenAsync(http, cookies, portal.BaseAddress, page, ct))
        {
            await warm.WaitForFirstRenderAsync(FirstRenderTimeout, ct);
            await Task.Delay(1000, ct);
            report.Line($"warm-up circuit: {warm.RenderBatches} render batches, {warm.JsCalls} JS interop calls answered{(warm.Error is { } e ? ", error: " + e : "")}");
        }

        await Task.Delay(3000, ct); // the warm-up circuit is disposed on the server when its connection closes
        var before = await MemoryAsync(ct);
        report.Line($"before: {before}");

        var circuits = new BlazorCircuitClient?[count];
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        var opening = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, OpenConcurrency).Select(_ => Task.Run(
            async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    try
                    {
                        var circuit = await BlazorCircuitClient.OpenAsync(http, cookies, portal.BaseAddress, page, ct);
                        circuits[i] = circuit;
                        await circuit.WaitForFirstRenderAsync(FirstRenderTimeout, ct);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TimeoutException or BenchException or InvalidOperationException or IOException or System.Net.WebSockets.WebSocketException or Microsoft.AspNetCore.SignalR.HubException)
                    {
                        lock (failures)
                        {
                            var reason = ex.GetType().Name + ": " + ex.Message.Split('\n')[0];
                            failures[reason] = failures.GetValueOrDefault(reason) + 1;
                        }
                    }
                }
            },
            ct)));
        report.Line($"opened in {opening.Elapsed.TotalSeconds:N1} s ({count / opening.Elapsed.TotalSeconds:N0} circuits/s)");
        foreach (var (reason, times) in failures)
        {
            report.Line($"failed: {times} × {reason}");
        }

        await Task.Delay(5000, ct); // let the screens' first loads and renders settle
        var open = circuits.Where(c => c is { IsConnected: true, RenderBatches: > 0 }).Cast<BlazorCircuitClient>().ToList();
        var errors = circuits.Where(c => c?.Error is not null).GroupBy(c => c!.Error!).ToList();
        foreach (var group in errors)
        {
            report.Line($"circuit error: {group.Count()} × {group.Key}");
        }

        var after = await MemoryAsync(ct);
        report.Line($"after {open.Count} open circuits: {after}");
        report.Line($"render batches so far: {open.Sum(c => c.RenderBatches):N0}, JS interop calls answered: {open.Sum(c => c.JsCalls):N0}");

        // Live: one scan, and every open Leads screen must re-render.
        var batches = open.Select(c => c.RenderBatches).ToArray();
        using var api = new ScanApiClient(portal.BaseAddress);
        var scanned = Stopwatch.StartNew();
        var status = await api.PostScanAsync(ScanApiClient.Serialize(ScanApiClient.NewScan()), ct);
        var live = 0;
        TimeSpan? allLive = null;
        while (scanned.Elapsed < LiveTimeout)
        {
            live = open.Where((c, i) => c.RenderBatches > batches[i]).Count();
            if (live == open.Count)
            {
                allLive = scanned.Elapsed;
                break;
            }

            await Task.Delay(100, ct);
        }

        report.Line($"one scan (HTTP {(int)status}): {live} of {open.Count} screens re-rendered{(allLive is { } t ? $", the last {t.TotalMilliseconds:N0} ms after the scan" : $" within {LiveTimeout.TotalSeconds:N0} s")}");

        var n = Math.Max(1, open.Count);
        var rssPer = (after.Rss - before.Rss) / 1024d / n;
        var heapPer = after.Heap is { } ha && before.Heap is { } hb ? (ha - hb) / 1024d / n : (double?)null;
        report.Figure(
            $"open circuits on one node (Leads screen)",
            $"{Report.Number(count)}",
            $"{Report.Number(open.Count)} open and live ({Report.Number(count - open.Count)} failed), {live} re-rendered on one scan",
            open.Count == count && live == open.Count);
        report.Figure(
            "memory per circuit (portal resident set delta / circuits)",
            "≤ 400 KB",
            string.Create(CultureInfo.InvariantCulture, $"{rssPer:N0} KB (RSS {Mb(before.Rss)} → {Mb(after.Rss)})"),
            rssPer <= TargetKb);
        report.Figure(
            "memory per circuit (live GC heap delta after a full GC / circuits)",
            "≤ 400 KB",
            heapPer is { } h ? string.Create(CultureInfo.InvariantCulture, $"{h:N0} KB (heap {Mb(before.Heap!.Value)} → {Mb(after.Heap!.Value)})") : "not measured (dotnet-gcdump not installed or its dump failed, or the portal's process unknown)",
            heapPer is { } hp ? hp <= TargetKb : null);

        if (hold > TimeSpan.Zero)
        {
            report.Line($"holding the circuits open {hold.TotalSeconds:N0} s (portal processes: {string.Join(", ", portal.ProcessIds)})");
            await Task.Delay(hold, ct);
        }

        await Task.WhenAll(circuits.Where(c => c is not null).Select(c => c!.DisposeAsync().AsTask()));
    }

    private static async Task<Uri?> LandingAsync(HttpClient http, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(DemoPartner.SignInPath, UriKind.Relative), ct);
        return response.RequestMessage?.RequestUri;
    }

    /// <summary>The portal's memory now: RSS of its process(es), and the live GC heap after a forced full GC (dotnet-gcdump).</summary>
    private async Task<PortalMemory> MemoryAsync(CancellationToken ct)
    {
        if (portal.ProcessIds.Count == 0)
        {
            return new PortalMemory(0, null);
        }

        long? heap = 0;
        foreach (var pid in portal.ProcessIds)
        {
            var dumped = await GcDumpHeapAsync(pid, ct);
            heap = dumped is { } d && heap is { } sum ? sum + d : null;
        }

        return new PortalMemory(portal.ProcessIds.Sum(ProcStat.ResidentBytes), heap);
    }

    /// <summary>
    /// <c>dotnet-gcdump collect</c> runs a full blocking GC in the process and writes the live
    /// objects; <c>dotnet-gcdump report</c> lists them by type: their total is the live heap.
    /// </summary>
    private static async Task<long?> GcDumpHeapAsync(int pid, CancellationToken ct)
    {
        var tool = new[] { Environment.GetEnvironmentVariable("HOME") + "/.dotnet/tools/dotnet-gcdump", "/usr/local/bin/dotnet-gcdump" }.FirstOrDefault(File.Exists);
        if (tool is null)
        {
            return null;
        }

        var file = Path.Combine(Path.GetTempPath(), $"bench-{pid}-{Guid.NewGuid():N}.gcdump");
        try
        {
            if (await RunAsync(tool, ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file], ct) is null || !File.Exists(file))
            {
                return null;
            }

            var text = await RunAsync(tool, ["report", file], ct);
            if (text is null)
            {
                return null;
            }

            // The report starts with "     13,330,654  GC Heap bytes": the live objects' total.
            return ReportLine().Match(text) is { Success: true } m
                ? long.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)
                : null;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string?> RunAsync(string file, string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return process.ExitCode == 0 ? output : null;
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576d:N1} MB");

    [GeneratedRegex(@"([\d,]+)\s+GC Heap bytes")]
    private static partial Regex ReportLine();

    private sealed record PortalMemory(long Rss, long? Heap)
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"RSS {Mb(Rss)}, live GC heap {(Heap is { } h ? Mb(h) : "unknown")}");
    }
}
