using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerSpace.Domain.Leads;

/// <summary>
/// What a webhook receives: <c>{ deliveryId, partnerId, leads: [...] }</c>, the leads shaped as
/// <c>GET /api/v1/leads</c> returns them. A "send test" carries <c>test: true</c> and no leads.
/// </summary>
public sealed record WebhookPayload(
    Guid DeliveryId,
    Guid PartnerId,
    IReadOnlyList<LeadFeedItem> Leads,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Test = false);

/// <summary>The answer to one POST: a status code when the endpoint answered.</summary>
public sealed record WebhookAttempt(int? StatusCode, bool Succeeded, string? Error, TimeSpan Duration);

/// <summary>
/// Signs webhook bodies: <c>X-PartnerSpace-Signature: sha256=</c> lower-case hex of
/// HMAC-SHA256(secret, <c>timestamp + "." + body</c>), the timestamp being the
/// <c>X-PartnerSpace-Timestamp</c> header (Unix seconds). Receivers recompute it over the raw body.
/// </summary>
public static class WebhookSignature
{
    public const string DeliveryHeader = "X-PartnerSpace-Delivery";
    public const string TimestampHeader = "X-PartnerSpace-Timestamp";
    public const string SignatureHeader = "X-PartnerSpace-Signature";
    public const string Prefix = "sha256=";

    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var head = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var signed = new byte[head.Length + body.Length];
        head.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(head.Length));
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>What a receiver does: the signature matches (in constant time) and the timestamp is recent.</summary>
    public static bool Verify(string secret, string? timestamp, ReadOnlySpan<byte> body, string? signature, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || signature is null
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}

/// <summary>Posts signed payloads to webhook endpoints with the named <see cref="ClientName"/> HTTP client.</summary>
public sealed class WebhookClient(IHttpClientFactory clients, TimeProvider time)
{
    public const string ClientName = "webhooks";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static byte[] Serialize(WebhookPayload payload) => JsonSerializer.SerializeToUtf8Bytes(payload, Json);

    public async Task<WebhookAttempt> PostAsync(string url, string secret, Guid deliveryId, byte[] body, CancellationToken ct = default)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.DeliveryHeader, deliveryId.ToString());
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(secret, timestamp, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("PartnerSpace-Webhooks", "1"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            var client = clients.CreateClient(ClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new WebhookAttempt(status, true, null, watch.Elapsed)
                : new WebhookAttempt(status, false, $"The endpoint answered {status} {response.ReasonPhrase}.".Replace(" .", ".", StringComparison.Ordinal), watch.Elapsed);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttempt(null, false, $"No answer within {Timeout.TotalSeconds:0} seconds.", watch.Elapsed);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttempt(null, false, ex.Message, watch.Elapsed);
        }
    }
}
