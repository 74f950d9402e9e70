using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Leads.Export;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Api;

namespace PartnerSpace.Tests.Http;

/// <summary>The lead downloads through HTTP (S-2.12, DESIGN §6): files, names, languages, device keys.</summary>
[Trait("Spec", "S-2.12")]
public sealed class LeadExportEndpointsTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Theory]
    [InlineData("en", "Contact sharing and messaging", "Networking contacts")]
    [InlineData("fr", "Partage de contact et messages", "Contacts networking")]
    public async Task TheExcelFileHasFiveSheetsInTheUsersLanguage(string language, string sharing, string networking)
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        var leads = await portal.QueryAsync(db => db.Leads.CountAsync(l => l.PartnerId == acme && l.ScanCount > 0));
        using var client = await portal.SignedInAsync("partner-admin");
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));

        var response = await client.GetAsync(Url(LeadExportEndpoints.XlsxPath(acme)));
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LeadExportService.XlsxContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Matches(@"^leads-acme[a-z0-9-]*-\d{8}-\d{4}\.xlsx$", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var sheets = file.GetSheetNames();
        Assert.Equal(5, sheets.Count);
        Assert.Equal(sharing, sheets[1]);
        Assert.Equal(networking, sheets[3]);
        Assert.Equal(leads, file.Query(useHeaderRow: true, sheetName: sheets[0]).Count());
    }

    [Fact]
    public async Task ACategoryDownloadsAsCsvAndAnUnknownOneIsNotFound()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        using var client = await portal.SignedInAsync("organizer");
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        var csv = await client.GetAsync(Url(LeadExportEndpoints.CsvPath(acme, LeadCategory.Scans)));
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        var unknown = await client.GetAsync(Url($"/partner/{acme}/leads/export/everything.csv"));

        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith("Lead #;First name;Last name;Company;E-mail;", Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);
        Assert.EndsWith("-scans.csv", csv.Content.Headers.ContentDisposition!.FileNameStar ?? csv.Content.Headers.ContentDisposition.FileName!.Trim('"'), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task EachDownloadIsRecordedForItsUser()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        using var client = await portal.SignedInAsync("partner-admin");
        var before = await portal.QueryAsync(db => db.LeadDownloads.CountAsync(d => d.PartnerId == acme && d.DownloadedBy == DemoData.AcmeAdminEmail && d.OnlyNew));

        var response = await client.GetAsync(Url(LeadExportEndpoints.XlsxPath(acme, onlyNew: true)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before + 1, await portal.QueryAsync(db => db.LeadDownloads.CountAsync(d => d.PartnerId == acme && d.DownloadedBy == DemoData.AcmeAdminEmail && d.OnlyNew)));
    }

    [Fact]
    public async Task ADeviceKeyGetsItsPartnersWorkbookAndNothingWithoutAKey()
    {
        using var device = portal.CreateBrowserlessClient();
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DemoData.AcmeDeviceKey);
        using var anonymous = portal.CreateBrowserlessClient();
        using var wrongKey = portal.CreateBrowserlessClient();
        wrongKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "psk_not_a_key");

        var ok = await device.GetAsync(Url("/api/v1/leads/export.xlsx"));
        using var file = new MemoryStream(await ok.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(LeadExportService.XlsxContentType, ok.Content.Headers.ContentType!.MediaType);
        Assert.Equal(5, file.GetSheetNames().Count);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Url("/api/v1/leads/export.xlsx"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync(Url("/api/v1/leads/export.xlsx"))).StatusCode);
    }
}
