using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Api;
using PartnerSpace.Web.Features.Discounts;
using PartnerSpace.Web.Features.Security;

namespace PartnerSpace.Tests.Http;

/// <summary>The security log's download (issue 8, item 6) and the exports it records (S-2.12, S-2.11).</summary>
[Trait("Spec", "S-4")]
public sealed class SecurityLogEndpointsTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task AnOrganizerDownloadsTheFilteredLogAsExcelAndTheDownloadIsItselfLogged()
    {
        using var client = await portal.SignedInAsync("organizer");
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        client.DefaultRequestHeaders.UserAgent.ParseAdd("SecurityLogTest/1.0");
        var expected = await portal.QueryAsync(db => db.SecurityEvents.CountAsync(e => e.Action == SecurityAction.DeviceKeyCreated && e.EventId != null));

        var response = await client.GetAsync(Url(SecurityLogEndpoints.ExportPath(new SecurityLogQuery(Actions: [SecurityAction.DeviceKeyCreated]), "xlsx")));
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SecurityLogService.XlsxContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.True(expected > 0);
        Assert.Equal(expected, rows.Count);
        Assert.All(rows, r => Assert.Equal("Device key created", r["Action"]));
        Assert.Contains(rows, r => (string?)r["Target"] == "Demo scanner" && (string?)r["Partner"] == DemoData.AcmeName);
        Assert.Contains("Date and time (Europe/Paris)", rows[0].Keys);
        var logged = await portal.QueryAsync(db => db.SecurityEvents.Where(e => e.Action == SecurityAction.SecurityLogExported && e.UserAgent == "SecurityLogTest/1.0").ToListAsync());
        var line = Assert.Single(logged);
        Assert.Equal(("Nadia Organizer", SecurityActorKind.Organizer), (line.ActorName, line.ActorKind));
        Assert.StartsWith($"{expected} lines, xlsx", line.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCsvIsInTheOrganizersLanguage()
    {
        using var client = await portal.SignedInAsync("organizer");
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr"));

        var response = await client.GetAsync(Url(SecurityLogEndpoints.ExportPath(new SecurityLogQuery("claire"), "csv")));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Date et heure (Europe/Paris);Action;Qui;Type de compte;Cible;Partenaire;Détails;Adresse IP;Navigateur", text, StringComparison.Ordinal);
        Assert.Contains("Connexion", text, StringComparison.Ordinal);
        Assert.Contains("Claire", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("partner-admin", HttpStatusCode.Forbidden)]
    [InlineData("attendee", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Redirect)]
    public async Task OnlyOrganizersGetTheLog(string? role, HttpStatusCode expected)
    {
        using var client = role is null ? portal.CreateBrowserlessClient() : await portal.SignedInAsync(role);

        var response = await client.GetAsync(Url(SecurityLogEndpoints.ExportPath(new SecurityLogQuery(), "xlsx")));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task BadFiltersAreAClearError()
    {
        using var client = await portal.SignedInAsync("organizer");

        var response = await client.GetAsync(Url("/organizer/security/export.csv?actions=Nope&from=23/11/2026"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("actions", body, StringComparison.Ordinal);
        Assert.Contains("from", body, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "S-2.12")]
    public async Task ALeadDownloadIsLoggedWithWhoTheCountAndTheFormat()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        using var client = await portal.SignedInAsync("partner-admin");
        client.DefaultRequestHeaders.UserAgent.ParseAdd("LeadExportTest/1.0");

        var response = await client.GetAsync(Url(LeadExportEndpoints.CsvPath(acme, LeadCategory.Scans)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await portal.QueryAsync(db => db.SecurityEvents.SingleAsync(e => e.UserAgent == "LeadExportTest/1.0"));
        Assert.Equal((SecurityAction.LeadsExported, "Claire Dubois", DemoData.AcmeName, acme), (line.Action, line.ActorName, line.Target!, line.PartnerId!.Value));
        Assert.Matches(@"^\d+ leads, csv:scans$", line.Details);
    }

    [Fact]
    [Trait("Spec", "S-2.12")]
    public async Task ACrmFeedReadIsLoggedOncePerRequestWithItsCount()
    {
        using var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DemoData.AcmeDeviceKey);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("CrmFeedTest/1.0");

        var response = await client.GetAsync(Url("/api/v1/leads?limit=7"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await portal.QueryAsync(db => db.SecurityEvents.SingleAsync(e => e.UserAgent == "CrmFeedTest/1.0"));
        Assert.Equal((SecurityAction.LeadsExported, SecurityActorKind.Device), (line.Action, line.ActorKind));
        Assert.Equal("7 leads, CRM feed, after 0", line.Details);
    }

    [Fact]
    public async Task ADiscountCodeExportIsLogged()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        using var client = await portal.SignedInAsync("organizer");
        client.DefaultRequestHeaders.UserAgent.ParseAdd("DiscountExportTest/1.0");

        var response = await client.GetAsync(Url(DiscountEndpoints.ExportPath(acme, "csv")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await portal.QueryAsync(db => db.SecurityEvents.SingleAsync(e => e.UserAgent == "DiscountExportTest/1.0"));
        Assert.Equal((SecurityAction.DiscountUsageExported, "Nadia Organizer", DemoData.AcmeName), (line.Action, line.ActorName, line.Target!));
        Assert.Matches(@"^\d+ tickets, csv$", line.Details);
    }
}
