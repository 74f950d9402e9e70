using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerSpace.Bench;

/// <summary>One scan as a device sends it (DESIGN §6).</summary>
internal sealed record ScanBody(string ScanId, string BadgeCode, string ScannedAt, string ScannedBy, string? Note);

internal sealed record BatchBody(IReadOnlyList<ScanBody> Scans);

internal sealed record BatchItem(string? ScanId, string Status);

internal sealed record BatchAnswer(IReadOnlyList<BatchItem> Results);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ScanBody))]
[JsonSerializable(typeof(BatchBody))]
[JsonSerializable(typeof(BatchAnswer))]
internal sealed partial class BenchJson : JsonSerializerContext;

/// <summary>
/// The scan API as the demo partner Acme's device sees it: one shared <see cref="HttpClient"/> over a
/// connection pool wide enough for every concurrent client of the bench.
/// </summary>
internal sealed class ScanApiClient : IDisposable
{
    public const string DeviceKey = "psk_demo_acme";
    public const string ScannedBy = "claire.dubois@acme.example";
    public const int DemoBadges = 320;

    private static readonly Uri ScansPath = new("/api/v1/scans", UriKind.Relative);
    private static readonly Uri BatchPath = new("/api/v1/scans/batch", UriKind.Relative);

    private readonly HttpClient _http;

    public ScanApiClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
        };
        LoopbackTls.For(handler, baseAddress);
        _http = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DeviceKey);
    }

    /// <summary>A new scan of a random demo badge (DEMO-0001…0320), taken a few seconds ago.</summary>
    public static ScanBody NewScan() => new(
        Guid.CreateVersion7().ToString(),
        string.Create(CultureInfo.InvariantCulture, $"DEMO-{Random.Shared.Next(1, DemoBadges + 1):0000}"),
        DateTimeOffset.UtcNow.AddSeconds(-3).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
        ScannedBy,
        null);

    public static byte[] Serialize(ScanBody scan) => JsonSerializer.SerializeToUtf8Bytes(scan, BenchJson.Default.ScanBody);

    public static byte[] Serialize(BatchBody batch) => JsonSerializer.SerializeToUtf8Bytes(batch, BenchJson.Default.BatchBody);

    /// <summary>Posts one scan (an already serialized body, so a retry resends the very same bytes).</summary>
    public async Task<HttpStatusCode> PostScanAsync(byte[] body, CancellationToken ct)
    {
        using var response = await SendAsync(ScansPath, body, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return response.StatusCode;
    }

    /// <summary>Posts a batch; the per-scan results when the request succeeded.</summary>
    public async Task<(HttpStatusCode Status, BatchAnswer? Answer)> PostBatchAsync(byte[] body, CancellationToken ct)
    {
        using var response = await SendAsync(BatchPath, body, ct);
        if (!response.IsSuccessStatusCode)
        {
            await response.Content.LoadIntoBufferAsync(ct);
            return (response.StatusCode, null);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        return (response.StatusCode, await JsonSerializer.DeserializeAsync(stream, BenchJson.Default.BatchAnswer, ct));
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(Uri path, byte[] body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }
}
