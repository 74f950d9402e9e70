using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Http;

/// <summary>The scan API contract of DESIGN §6, end to end through HTTP.</summary>
[Trait("Spec", "S-2.12")]
public sealed class ScanApiTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private HttpClient Device(string key = DemoData.AcmeDeviceKey)
    {
        var client = portal.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static object Scan(Guid? id = null, string badge = "DEMO-0042", string? note = null) => new
    {
        scanId = id ?? Guid.CreateVersion7(),
        badgeCode = badge,
        scannedAt = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("O"),
        scannedBy = DemoData.AcmeAdminEmail,
        note,
    };

    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task FirstScanIs201ReplayIs200WithSameAnswerOtherBodyIs409()
    {
        using var device = Device();
        var scan = Scan();

        var created = await device.PostAsJsonAsync(Url("/api/v1/scans"), scan);
        var replayed = await device.PostAsJsonAsync(Url("/api/v1/scans"), scan);
        var conflicting = await device.PostAsJsonAsync(Url("/api/v1/scans"), Scan(JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("scanId").GetGuid(), "DEMO-0043"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(await created.Content.ReadAsStringAsync(), await replayed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, conflicting.StatusCode);
        Assert.Equal("application/problem+json", conflicting.Content.Headers.ContentType?.MediaType);

        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("matched", body.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("attendee").GetProperty("lastName").GetString()));
        Assert.NotEqual(Guid.Empty, body.GetProperty("leadId").GetGuid());
        Assert.True(body.TryGetProperty("receivedAt", out _));
    }

    [Fact]
    public async Task UnknownBadgeIs201AndKeptUnmatched()
    {
        using var device = Device();

        var response = await device.PostAsJsonAsync(Url("/api/v1/scans"), Scan(badge: "FROM-ANOTHER-SHOW"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("unmatched", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("attendee").ValueKind);
    }

    [Theory]
    [InlineData("""{"scanId":"nope","badgeCode":"DEMO-0001","scannedAt":"2026-01-01T10:00:00Z","scannedBy":"a@b.example"}""", "scanId")]
    [InlineData("""{"scanId":"0192f000-0000-7000-8000-000000000009","badgeCode":"DEMO-0001","scannedAt":"2026-01-01T10:00:00","scannedBy":"a@b.example"}""", "scannedAt")]
    [InlineData("""{"scanId":"0192f000-0000-7000-8000-000000000009","badgeCode":"","scannedAt":"2026-01-01T10:00:00Z","scannedBy":"a@b.example"}""", "badgeCode")]
    [InlineData("""{"scanId":"0192f000-0000-7000-8000-000000000009","badgeCode":"DEMO-0001","scannedAt":"2026-01-01T10:00:00Z","scannedBy":"nobody"}""", "scannedBy")]
    [InlineData("""{"scanId":"0192f000-0000-7000-8000-000000000009","badgeCode":"DEMO-0001","scannedAt":"2099-01-01T10:00:00Z","scannedBy":"a@b.example"}""", "scannedAt")]
    [InlineData("""{"scanId": 12}""", "scanId")]
    [InlineData("""not json""", "body")]
    public async Task BadFieldIs400ProblemWithFieldErrorsAndStoresNothing(string json, string field)
    {
        using var device = Device();
        var before = await portal.QueryAsync(db => db.Scans.CountAsync());

        var response = await device.PostAsync(Url("/api/v1/scans"), new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error on {field}: {errors}");
        Assert.Equal(before, await portal.QueryAsync(db => db.Scans.CountAsync()));
    }

    [Fact]
    public async Task NonJsonBodyIs400WithAClearMessage()
    {
        using var device = Device();

        var response = await device.PostAsync(Url("/api/v1/scans"), new StringContent("scanId=1", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Content-Type: application/json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("psk_unknown_key")]
    [InlineData("not-a-device-key")]
    public async Task MissingOrUnknownKeyIs401WithoutData(string? key)
    {
        using var client = key is null ? portal.CreateBrowserlessClient() : Device(key);

        var response = await client.PostAsJsonAsync(Url("/api/v1/scans"), Scan());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength ?? 0);
    }

    [Fact]
    public async Task SignedInPartnerCookieIsNotADeviceKey()
    {
        using var admin = await portal.SignedInAsync("partner-admin");

        var response = await admin.PostAsJsonAsync(Url("/api/v1/scans"), Scan());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task BatchAnswersEachItemIndependently()
    {
        using var device = Device();
        var replay = Scan();
        await device.PostAsJsonAsync(Url("/api/v1/scans"), replay);
        var replayId = (Guid)replay.GetType().GetProperty("scanId")!.GetValue(replay)!;

        var response = await device.PostAsJsonAsync(Url("/api/v1/scans/batch"), new
        {
            scans = new object?[] { Scan(), replay, Scan(replayId, "DEMO-0099"), new { scanId = "x" }, null },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("results");
        Assert.Equal(["created", "replayed", "conflict", "invalid", "invalid"], results.EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.True(results[3].GetProperty("errors").TryGetProperty("badgeCode", out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task BatchOutsideOneToAThousandIs400(int count)
    {
        using var device = Device();

        var response = await device.PostAsJsonAsync(Url("/api/v1/scans/batch"), new { scans = Enumerable.Range(0, count).Select(_ => Scan()).ToList() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ApiNotFoundStaysA404ForPrograms()
    {
        using var device = Device();

        var response = await device.PostAsJsonAsync(Url("/api/v1/nothing-here"), Scan());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
