using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace PartnerSpace.Bench;

/// <summary>The scan-to-screen figures, or why the probe could not run.</summary>
internal sealed record LiveLatencyResult(LatencySummary? Latency, int Missed, string? SkippedBecause)
{
    public static LiveLatencyResult Skipped(string reason) => new(null, 0, reason);
}

/// <summary>A scan burst with the Leads screen open, or why it could not run.</summary>
/// <param name="Refreshes">Changes of the screen's counter while scans were acknowledged.</param>
/// <param name="RefreshGaps">Time between two such changes.</param>
/// <param name="Lag">For each acknowledged scan, until the counter showed it.</param>
/// <param name="CatchUpMs">From the last acknowledged scan to the counter showing them all; null if it never did within 5 s.</param>
internal sealed record LiveBurstResult(
    int Sent,
    int Acknowledged,
    int Errors,
    double ScansPerSecond,
    int Refreshes,
    LatencySummary? RefreshGaps,
    LatencySummary? Lag,
    double? CatchUpMs,
    int NeverShown,
    string? SkippedBecause)
{
    public static LiveBurstResult Skipped(string reason) => new(0, 0, 0, 0, 0, null, null, null, 0, reason);
}

/// <summary>
/// Scan-to-screen latency of the live path in a real browser (S-5): the partner admin's Leads
/// screen is open over its Blazor circuit; scans are posted one at a time and the time the scans
/// counter changes in the page is compared with the time just before the POST. Browser and bench
/// run on the same machine, so both read the same wall clock.
/// </summary>
internal sealed class LiveLatencyProbe(Uri baseAddress, ScanApiClient api)
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string CounterSelector = "[data-testid=counter-scans]";
    private const string InteractiveSelector = "[data-testid=live-indicator][data-interactive=true]";

    /// <summary>Longer than the screen's 250 ms coalescing window, so no scan waits for the previous reload's window.</summary>
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan ScreenTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Scans in flight at once during a burst: enough for 200/s at a few tens of ms each.</summary>
    private const int BurstConcurrency = 32;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    // Records the wall-clock time of each change of the scans counter. It watches the whole body
    // rather than the element, because Blazor may replace the element when the page re-renders.
    private const string InstallObserver = """
        selector => {
            const read = () => {
                const el = document.querySelector(selector);
                return el ? parseInt(el.textContent.replace(/\D/g, ''), 10) : NaN;
            };
            window.__psChanges = [];
            let last = read();
            new MutationObserver(() => {
                const value = read();
                if (value !== last) {
                    last = value;
                    window.__psChanges.push({ t: Date.now(), v: value });
                }
            }).observe(document.body, { subtree: true, childList: true, characterData: true });
            return last;
        }
        """;

    private const string ChangeReaching = """
        n => {
            const change = window.__psChanges.find(c => c.v >= n);
            return change ? change.t : null;
        }
        """;

    /// <summary>Posts one unmeasured scan (to prove the live path works), then <paramref name="scans"/> measured ones.</summary>
    public Task<LiveLatencyResult> RunAsync(int scans, CancellationToken ct) =>
        WithLeadsScreenAsync((page, shown) => MeasureAsync(page, shown, scans, ct), LiveLatencyResult.Skipped);

    /// <summary>
    /// Scans at <paramref name="rate"/> a second for <paramref name="duration"/> while the Leads
    /// screen is open (issue 7 item 2): how far the screen's scans counter trails the acknowledged
    /// scans, how often it redraws, and how long after the last scan it shows them all.
    /// </summary>
    public Task<LiveBurstResult> RunBurstAsync(int rate, TimeSpan duration, CancellationToken ct) =>
        WithLeadsScreenAsync((page, shown) => BurstAsync(page, shown, rate, duration, ct), LiveBurstResult.Skipped);

    /// <summary>Launches Chromium, opens the Leads screen of the demo partner, and measures with it.</summary>
    private async Task<T> WithLeadsScreenAsync<T>(Func<IPage, int, Task<T>> measure, Func<string, T> skipped)
    {
        IPlaywright playwright;
        try
        {
            playwright = await Playwright.CreateAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return skipped($"the Playwright driver did not start: {FirstLine(ex.Message)}");
        }

        try
        {
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), IgnoreHTTPSErrors = LoopbackTls.IsLoopback(baseAddress) });
            var page = await context.NewPageAsync();
            var shown = await OpenLeadsScreenAsync(page);
            return await measure(page, shown);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or HttpRequestException or BenchException)
        {
            return skipped($"the browser probe failed: {FirstLine(ex.Message)}");
        }
        finally
        {
            playwright.Dispose();
        }
    }

    private async Task<LiveLatencyResult> MeasureAsync(IPage page, int shown, int scans, CancellationToken ct)
    {
        var expected = shown;
        var latencies = new LatencyRecorder();
        var missed = 0;
        var nextPost = DateTimeOffset.UtcNow;
        for (var i = 0; i <= scans; i++)
        {
            var wait = nextPost - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            var body = ScanApiClient.Serialize(ScanApiClient.NewScan());
            var postedAt = DateTimeOffset.UtcNow;
            var status = await api.PostScanAsync(body, ct);
            if (status != HttpStatusCode.Created)
            {
                throw new BenchException($"a scan answered {(int)status} instead of 201");
            }

            expected++;
            var shownAt = await WaitForCounterAsync(page, expected);
            if (shownAt is null)
            {
                // Never shown within the timeout: count it, and start again from what the screen shows.
                missed++;
                expected = await page.EvaluateAsync<int>(InstallObserver, CounterSelector);
                nextPost = DateTimeOffset.UtcNow + Spacing;
                continue;
            }

            if (i > 0)
            {
                latencies.Add((shownAt.Value - postedAt).TotalMilliseconds);
            }

            // Spaced from the later of the post and the screen change, so each scan finds the screen's
            // coalescing window closed: it ends 250 ms after a reload finished, about when the screen changed.
            nextPost = Max(postedAt, shownAt.Value) + Spacing;
        }

        return new LiveLatencyResult(latencies.Summarize(), missed, null);
    }

    private async Task<LiveBurstResult> BurstAsync(IPage page, int shown, int rate, TimeSpan duration, CancellationToken ct)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var acks = new ConcurrentBag<long>();
        var errors = 0;
        using var gate = new SemaphoreSlim(BurstConcurrency);
        var posts = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < total; i++)
        {
            // Open loop: scan i leaves at start + i / rate, whatever the answers before it took.
            var due = TimeSpan.FromSeconds((double)i / rate) - clock.Elapsed;
            if (due > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(due, ct);
            }

            await gate.WaitAsync(ct);
            posts.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        var status = await api.PostScanAsync(ScanApiClient.Serialize(ScanApiClient.NewScan()), ct);
                        if (status == HttpStatusCode.Created)
                        {
                            acks.Add(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                        }
                        else
                        {
                            Interlocked.Increment(ref errors);
                        }
                    }
                    finally
                    {
                        gate.Release();
                    }
                },
                ct));
        }

        await Task.WhenAll(posts);
        var sent = clock.Elapsed;
        var lastAck = acks.IsEmpty ? start.ToUnixTimeMilliseconds() : acks.Max();
        var final = shown + acks.Count;
        var finalShownAt = await WaitForCounterAsync(page, final);
        var changes = await page.EvaluateAsync<JsonElement>("() => window.__psChanges");
        var screen = changes.EnumerateArray().Select(c => (T: c.GetProperty("t").GetDouble(), V: c.GetProperty("v").GetInt32())).ToList();

        // The k-th acknowledged scan (in time order) is on screen once the counter shows k more scans.
        var lags = new LatencyRecorder();
        var ordered = acks.Order().ToList();
        var missed = 0;
        for (var k = 0; k < ordered.Count; k++)
        {
            var target = shown + k + 1;
            var at = screen.FirstOrDefault(c => c.V >= target);
            if (at == default)
            {
                missed++;
                continue;
            }

            lags.Add(Math.Max(0, at.T - ordered[k]));
        }

        var during = screen.Where(c => c.T <= lastAck).Select(c => c.T).ToList();
        var gaps = during.Zip(during.Skip(1), (a, b) => b - a).ToArray();
        return new LiveBurstResult(
            total,
            acks.Count,
            errors,
            acks.Count / sent.TotalSeconds,
            during.Count,
            LatencySummary.Of(gaps),
            lags.Summarize(),
            finalShownAt is { } f ? f.ToUnixTimeMilliseconds() - lastAck : null,
            missed,
            null);
    }

    /// <summary>Signs the demo partner admin in, opens the Leads screen, waits for the circuit; the counter's value.</summary>
    private static async Task<int> OpenLeadsScreenAsync(IPage page)
    {
        await page.GotoAsync(DemoPartner.SignInPath);
        var partnerId = DemoPartner.IdFromLanding(new Uri(page.Url));
        await page.GotoAsync($"/partner/{partnerId}/leads");
        await page.Locator(InteractiveSelector).WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        return await page.EvaluateAsync<int>(InstallObserver, CounterSelector);
    }

    /// <summary>When the counter first showed <paramref name="expected"/> or more, or null if it did not in time.</summary>
    private static async Task<DateTimeOffset?> WaitForCounterAsync(IPage page, int expected)
    {
        try
        {
            var handle = await page.WaitForFunctionAsync(ChangeReaching, expected, new PageWaitForFunctionOptions { Timeout = (float)ScreenTimeout.TotalMilliseconds });
            var milliseconds = (await handle.JsonValueAsync<JsonElement>()).GetDouble();
            return DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
