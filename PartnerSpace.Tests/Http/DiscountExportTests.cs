using System.Net;
using MiniExcelLibs;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Discounts;

namespace PartnerSpace.Tests.Http;

/// <summary>The export of a partner's code use (S-2.11): its administrators and the organizers get it, nobody else.</summary>
[Trait("Spec", "S-2.11")]
public sealed class DiscountExportTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    [Theory]
    [Trait("Spec", "S-4.1")]
    [InlineData("partner-admin", HttpStatusCode.OK)]
    [InlineData("organizer", HttpStatusCode.OK)]
    [InlineData("sales-contact", HttpStatusCode.NotFound)]
    [InlineData("attendee", HttpStatusCode.NotFound)]
    public async Task AcmesExportOpensToItsAdministratorsAndOrganizersOnly(string role, HttpStatusCode expected)
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        using var client = await portal.SignedInAsync(role);

        var response = await client.GetAsync(new Uri(DiscountEndpoints.ExportPath(acme, "xlsx"), UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task TheExcelFileHasOneRowPerTicketOfThePartnersCodes()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        var tickets = await portal.QueryAsync(db => Task.FromResult(db.TicketPurchases.Count(t => db.DiscountCodes.Any(c => c.Id == t.DiscountCodeId && c.PartnerId == acme))));

        // The demo's holders came only once its doors opened (8:00 in Paris): none before, whatever the hour of the run.
        var came = await portal.QueryAsync(db => Task.FromResult(db.TicketPurchases.Count(t => t.CheckedInAt != null && db.DiscountCodes.Any(c => c.Id == t.DiscountCodeId && c.PartnerId == acme))));
        using var client = await portal.SignedInAsync("partner-admin");

        var response = await client.GetAsync(new Uri(DiscountEndpoints.ExportPath(acme, "xlsx"), UriKind.Relative));
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(tickets, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("ACME", (string)r["Code"]!, StringComparison.Ordinal));
        Assert.Equal(came, rows.Count(r => (string?)r["Came on the day"] == "Yes"));
        Assert.Equal(tickets - came, rows.Count(r => (string?)r["Came on the day"] == "No"));
    }

    [Fact]
    public async Task TheCsvFileListsTheSameTickets()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        using var client = await portal.SignedInAsync("organizer");

        var csv = await client.GetStringAsync(new Uri(DiscountEndpoints.ExportPath(acme, "csv"), UriKind.Relative));

        Assert.StartsWith("Code;Ticket;", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(DemoData.AcmeCode, csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherPartnersAdministratorGets404AndNoData()
    {
        var other = await portal.PartnerIdAsync("Nordlys Énergie");
        using var client = await portal.SignedInAsync("partner-admin");

        var response = await client.GetAsync(new Uri(DiscountEndpoints.ExportPath(other, "xlsx"), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("NORDLYS15", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymousIsSentToSignIn()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(new Uri(DiscountEndpoints.ExportPath(acme, "xlsx"), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Redirect)]
    [InlineData("partner-admin", HttpStatusCode.Forbidden)]
    [InlineData("organizer", HttpStatusCode.OK)]
    public async Task TheImportTemplateIsForOrganizers(string? role, HttpStatusCode expected)
    {
        using var client = role is null ? portal.CreateBrowserlessClient() : await portal.SignedInAsync(role);

        var response = await client.GetAsync(new Uri(DiscountEndpoints.TemplatePath, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.StartsWith("ticket_reference,order_reference,code,", (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
        }
    }
}
