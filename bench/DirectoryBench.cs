using System.Net;
using System.Text.RegularExpressions;

namespace PartnerSpace.Bench;

/// <summary>
/// The public directory and partner pages (static server-rendered HTML, anonymous): the demo's
/// partners, one client at a time (service time) and under concurrent load. No DESIGN target;
/// the figures say what a search engine or a crowd of visitors costs.
/// </summary>
internal sealed partial class DirectoryBench(Report report, TimeSpan duration)
{
    public const string DirectoryPath = "/e/industrie-demain/partners";

    private const int Clients = 16;

    public async Task RunAsync(Uri baseAddress, CancellationToken ct)
    {
        using var handler = LoopbackTls.For(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = Clients, UseCookies = false }, baseAddress);
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var directory = await http.GetStringAsync(new Uri(DirectoryPath, UriKind.Relative), ct);
        var partners = PartnerLink().Matches(directory).Select(m => m.Value).Distinct().ToArray();
        if (partners.Length == 0)
        {
            throw new BenchException($"No partner links on {DirectoryPath}.");
        }

        report.Heading($"Public pages: the directory and its {partners.Length} partner pages, anonymous GETs");
        await new LoadRunner(4, TimeSpan.FromSeconds(3)).RunAsync(c => GetAsync(http, DirectoryPath, c), ct);

        var single = Math.Min(duration.TotalSeconds, 5);
        var list = await new LoadRunner(1, TimeSpan.FromSeconds(single)).RunAsync(c => GetAsync(http, DirectoryPath, c), ct);
        report.Line($"directory, 1 client: {Report.Number(list.RequestsPerSecond)} pages/s, latency {list.Latency}");
        report.Diagnostic($"directory page ({partners.Length} partners), 1 client", $"p50 {LatencySummary.Ms(list.Latency.P50)}, p99 {LatencySummary.Ms(list.Latency.P99)}, {Report.Number(list.RequestsPerSecond)} pages/s");

        var next = 0;
        string NextPartner() => partners[(int)((uint)Interlocked.Increment(ref next) % (uint)partners.Length)];
        var page = await new LoadRunner(1, TimeSpan.FromSeconds(single)).RunAsync(c => GetAsync(http, NextPartner(), c), ct);
        report.Line($"partner pages, 1 client: {Report.Number(page.RequestsPerSecond)} pages/s, latency {page.Latency}");
        report.Diagnostic("partner page, 1 client", $"p50 {LatencySummary.Ms(page.Latency.P50)}, p99 {LatencySummary.Ms(page.Latency.P99)}, {Report.Number(page.RequestsPerSecond)} pages/s");

        // A crowd: one request in four is the directory (with a search every other time), the rest partner pages.
        var mixed = await new LoadRunner(Clients, duration).RunAsync(
            c =>
            {
                var n = Interlocked.Increment(ref next);
                var path = (n % 4) switch
                {
                    0 => DirectoryPath,
                    1 when n % 8 == 1 => DirectoryPath + "?q=energie",
                    _ => NextPartner(),
                };
                return GetAsync(http, path, c);
            },
            ct);
        report.Line($"{Report.Number(mixed.Requests)} requests; latency {mixed.Latency}; {Report.Number(mixed.Errors)} errors");
        report.Diagnostic($"public pages, {Clients} clients (¼ directory, ¾ partner pages)", $"{Report.Number(mixed.RequestsPerSecond)} pages/s, p50 {LatencySummary.Ms(mixed.Latency.P50)}, p99 {LatencySummary.Ms(mixed.Latency.P99)}, {Report.Number(mixed.Errors)} errors");
    }

    private static async Task<Outcome> GetAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead, ct);
        return response.StatusCode == HttpStatusCode.OK ? new Outcome(1, 0, 0) : Outcome.Failed($"{(int)response.StatusCode} {path}");
    }

    [GeneratedRegex(@"/e/industrie-demain/partners/[0-9a-f-]{36}/[a-z0-9-]+")]
    private static partial Regex PartnerLink();
}
