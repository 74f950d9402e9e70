using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Http;

/// <summary>The phone scanner's device-key API: its device, a lead's card and the lead's qualification (issue 7 item 4).</summary>
[Trait("Spec", "S-2.12")]
public sealed class ScannerApiTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private HttpClient Device(string key = DemoData.AcmeDeviceKey)
    {
        var client = portal.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static readonly string[] Tags = ["robotics", "demo"];

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static async Task<Guid> ScannedLeadAsync(HttpClient device, string badge)
    {
        var response = await device.PostAsJsonAsync(Url("/api/v1/scans"), new
        {
            scanId = Guid.CreateVersion7(),
            badgeCode = badge,
            scannedAt = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("O"),
            scannedBy = DemoData.AcmeAdminEmail,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("leadId").GetGuid();
    }

    private async Task<Guid> OtherPartnersLeadAsync()
    {
        var other = await portal.QueryAsync(db => db.Partners.Where(p => p.Name != DemoData.AcmeName).Select(p => p.Id).FirstAsync());
        var (_, token) = await portal.Services.GetRequiredService<DeviceKeyService>().CreateAsync(other, "Other partner's phone");
        using var device = Device(token);
        return await ScannedLeadAsync(device, "DEMO-0066");
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static StringContent Body(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    [Fact]
    public async Task DeviceTellsItsPartnerEventTeamAndQuestions()
    {
        using var device = Device();

        var response = await device.GetAsync(Url("/api/v1/device"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(DemoData.AcmeName, body.GetProperty("partner").GetProperty("name").GetString());
        Assert.Equal("Europe/Paris", body.GetProperty("event").GetProperty("timeZone").GetString());
        Assert.Contains(body.GetProperty("team").EnumerateArray(), m => m.GetProperty("email").GetString() == DemoData.AcmeAdminEmail);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("questions").ValueKind);
    }

    [Theory]
    [InlineData("GET", "/api/v1/device")]
    [InlineData("GET", "/api/v1/leads/0192f000-0000-7000-8000-000000000001")]
    [InlineData("PATCH", "/api/v1/leads/0192f000-0000-7000-8000-000000000001/qualification")]
    public async Task MissingUnknownOrRevokedKeyIs401WithoutData(string method, string path)
    {
        var (key, token) = await portal.Services.GetRequiredService<DeviceKeyService>().CreateAsync(await portal.PartnerIdAsync(DemoData.AcmeName), "Revoked phone");
        await portal.Services.GetRequiredService<DeviceKeyService>().RevokeAsync(key.PartnerId, key.Id);

        foreach (var client in new[] { portal.CreateBrowserlessClient(), Device("psk_unknown_key"), Device(token) })
        {
            using (client)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), Url(path)) { Content = method == "PATCH" ? Body(new { rating = "hot" }) : null };
                var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Equal(0, response.Content.Headers.ContentLength ?? 0);
            }
        }
    }

    [Fact]
    public async Task LeadCardShowsTheScannedAttendeeWithConsentedEmail()
    {
        using var device = Device();
        var leadId = await ScannedLeadAsync(device, "DEMO-0061");

        var response = await device.GetAsync(Url($"/api/v1/leads/{leadId}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await JsonAsync(response);
        Assert.Equal(leadId, card.GetProperty("leadId").GetGuid());
        Assert.False(string.IsNullOrEmpty(card.GetProperty("lastName").GetString()));
        Assert.Equal("scannedBadge", card.GetProperty("consent").GetString());
        Assert.Contains("@", card.GetProperty("email").GetString(), StringComparison.Ordinal);
        Assert.Contains("scan", card.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("none", card.GetProperty("qualification").GetProperty("rating").GetString());
    }

    [Fact]
    public async Task AnotherPartnersLeadIs404ToReadAndToQualify()
    {
        using var device = Device();
        var otherLead = await OtherPartnersLeadAsync();

        var read = await device.GetAsync(Url($"/api/v1/leads/{otherLead}"));
        var qualify = await device.PatchAsync(Url($"/api/v1/leads/{otherLead}/qualification"), Body(new { rating = "hot" }));

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, qualify.StatusCode);
        Assert.Null(await portal.QueryAsync(db => db.Leads.Where(l => l.Id == otherLead).Select(l => l.QualifiedAt).SingleAsync()));
    }

    [Fact]
    public async Task QualificationSavesWithWhoQualifiedFromTheHeader()
    {
        using var device = Device();
        var leadId = await ScannedLeadAsync(device, "DEMO-0062");
        device.DefaultRequestHeaders.Add("X-Scanned-By", DemoData.AcmeSalesContactEmail);

        var response = await device.PatchAsync(Url($"/api/v1/leads/{leadId}/qualification"), Body(new
        {
            rating = "hot",
            followUp = "toContact",
            notes = "Wants a demo in March",
            tags = Tags,
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var q = (await JsonAsync(response)).GetProperty("qualification");
        Assert.Equal("hot", q.GetProperty("rating").GetString());
        Assert.Equal("toContact", q.GetProperty("followUp").GetString());
        var lead = await portal.QueryAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.Id == leadId));
        Assert.Equal(LeadRating.Hot, lead.Rating);
        Assert.Equal("Wants a demo in March", lead.Notes);
        Assert.Equal(DemoData.AcmeSalesContactEmail, lead.QualifiedBy);
    }

    [Theory]
    [InlineData("""{"rating":"lukewarm"}""", "rating")]
    [InlineData("""{"rating":"3"}""", "rating")]
    [InlineData("""{"followUp":"someday"}""", "followUp")]
    [InlineData("""{"answers":{"not-a-guid":"yes"}}""", "answers.not-a-guid")]
    [InlineData("""{"answers":{"0192f000-0000-7000-8000-000000000009":"yes"}}""", "answers.0192f000-0000-7000-8000-000000000009")]
    [InlineData("""{"qualifiedBy":"not an e-mail"}""", "qualifiedBy")]
    [InlineData("""{"tags":"one"}""", "tags")]
    [InlineData("""not json""", "body")]
    public async Task BadFieldIs400ProblemWithFieldErrorsAndSavesNothing(string json, string field)
    {
        using var device = Device();
        var leadId = await ScannedLeadAsync(device, "DEMO-0063");

        var response = await device.PatchAsync(Url($"/api/v1/leads/{leadId}/qualification"), new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error on {field}: {errors}");
        Assert.Null(await portal.QueryAsync(db => db.Leads.Where(l => l.Id == leadId).Select(l => l.QualifiedAt).SingleAsync()));
    }

    [Fact]
    public async Task TooLongNotesAre400FromTheDomainRules()
    {
        using var device = Device();
        var leadId = await ScannedLeadAsync(device, "DEMO-0064");

        var response = await device.PatchAsync(Url($"/api/v1/leads/{leadId}/qualification"), Body(new { notes = new string('n', Lead.NotesMaxLength + 1) }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty("notes", out _));
    }

    [Fact]
    public async Task StaleVersionIs409AndKeepsTheOtherChange()
    {
        using var device = Device();
        var leadId = await ScannedLeadAsync(device, "DEMO-0065");
        var version = (await JsonAsync(await device.GetAsync(Url($"/api/v1/leads/{leadId}")))).GetProperty("qualification").GetProperty("version").GetInt32();
        var first = await device.PatchAsync(Url($"/api/v1/leads/{leadId}/qualification"), Body(new { rating = "warm", version }));

        var stale = await device.PatchAsync(Url($"/api/v1/leads/{leadId}/qualification"), Body(new { rating = "cold", version }));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal("lead-changed", (await JsonAsync(stale)).GetProperty("code").GetString());
        Assert.Equal(LeadRating.Warm, await portal.QueryAsync(db => db.Leads.Where(l => l.Id == leadId).Select(l => l.Rating).SingleAsync()));
    }

    [Fact]
    public async Task OpenApiDescribesTheScannerEndpoints()
    {
        using var client = portal.CreateBrowserlessClient();

        var paths = (await JsonAsync(await client.GetAsync(Url("/openapi/v1.json")))).GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/v1/device", out _));
        Assert.True(paths.TryGetProperty("/api/v1/leads/{leadId}", out _));
        Assert.True(paths.GetProperty("/api/v1/leads/{leadId}/qualification").TryGetProperty("patch", out var patch));
        Assert.True(patch.TryGetProperty("requestBody", out _));
    }
}
