using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Http;

/// <summary><c>GET /api/v1/leads</c> of DESIGN §6 through HTTP: a device key reads only its partner's leads.</summary>
[Trait("Spec", "S-2.12")]
public sealed class LeadFeedApiTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private HttpClient Device(string key = DemoData.AcmeDeviceKey)
    {
        var client = portal.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task WithoutAKeyIs401WithoutData()
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(Url("/api/v1/leads"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("items", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeySeesOnlyItsOwnPartnersLeadsInOrder()
    {
        Guid acmeId;
        Guid otherId;
        using (var scope = portal.Services.CreateScope())
        {
            var dbs = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerSpaceDbContext>>();
            await using var db = await dbs.CreateDbContextAsync();
            acmeId = await db.Partners.Where(p => p.Name == DemoData.AcmeName).Select(p => p.Id).FirstAsync();
            otherId = await db.Partners.Where(p => p.Id != acmeId && p.EventId == db.Partners.First(a => a.Id == acmeId).EventId).Select(p => p.Id).FirstAsync();
        }

        var (_, otherKey) = await portal.Services.GetRequiredService<DeviceKeyService>().CreateAsync(otherId, "Other scanner");
        using var acme = Device();
        using var other = Device(otherKey);

        var acmePage = await acme.GetFromJsonAsync<JsonElement>(Url("/api/v1/leads?limit=1000"));
        var otherPage = await other.GetFromJsonAsync<JsonElement>(Url("/api/v1/leads?limit=1000"));

        var acmeIds = acmePage.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        var otherIds = otherPage.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToHashSet();
        var sequences = acmePage.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sequence").GetInt64()).ToList();
        Assert.NotEmpty(acmeIds);
        Assert.DoesNotContain(acmeIds, otherIds.Contains);
        Assert.Equal(sequences.Order(), sequences);
        var owners = await portal.Services.GetRequiredService<IDbContextFactory<PartnerSpaceDbContext>>().CreateDbContext()
            .Leads.Where(l => acmeIds.Contains(l.Id)).Select(l => l.PartnerId).Distinct().ToListAsync();
        Assert.Equal([acmeId], owners);
        Assert.Equal(sequences[^1], acmePage.GetProperty("next").GetInt64());
    }

    [Theory]
    [InlineData("after=abc")]
    [InlineData("after=-1")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=ten")]
    public async Task BadCursorOrLimitIs400Problem(string query)
    {
        using var client = Device();

        var response = await client.GetAsync(Url("/api/v1/leads?" + query));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(query.Split('=')[0], out _));
    }

    [Fact]
    public async Task TheEndpointIsInTheOpenApiDocument()
    {
        using var client = portal.CreateBrowserlessClient();

        var document = await client.GetStringAsync(Url("/openapi/v1.json"));

        Assert.Contains("/api/v1/leads", document, StringComparison.Ordinal);
        Assert.Contains("X-PartnerSpace-Signature", document, StringComparison.Ordinal);
    }
}
