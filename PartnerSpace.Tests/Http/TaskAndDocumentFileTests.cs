using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Documents;
using PartnerSpace.Domain.Files;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Http;

/// <summary>
/// <c>GET /files/{id}</c> for shared documents (S-2.6) and task answers (S-2.5): only to whom they
/// belong, 404 for anyone else; a partner's first read marks the document read, an organizer's does not.
/// </summary>
[Trait("Spec", "S-4.1")]
public sealed class TaskAndDocumentFileTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private static readonly byte[] Pdf = MinimalPdf.Create("Sponsor brief", "Only for some partners");

    private DocumentService Documents => portal.Services.GetRequiredService<DocumentService>();

    private async Task<(Guid DocumentId, Guid FileId)> ShareAsync(Audience audience)
    {
        var (organizer, eventId) = await portal.QueryAsync(db => db.EventOrganizers.Select(o => new ValueTuple<Guid, Guid>(o.UserId, o.EventId)).FirstAsync());
        var draft = DocumentDraft.New() with { Title = new LocalizedText("Brief", "Brief"), Audience = audience };
        var shared = await Documents.UploadAsync(organizer, eventId, draft, "brief.pdf", Pdf.Length, new MemoryStream(Pdf));
        Assert.True(shared.IsSuccess, shared.Error?.Message);
        var fileId = await portal.QueryAsync(db => db.Documents.Where(d => d.Id == shared.Value).Select(d => d.FileId).SingleAsync());
        return (shared.Value, fileId);
    }

    private Task<bool> IsReadAsync(Guid documentId) => portal.QueryAsync(db => db.DocumentReads.AnyAsync(r => r.DocumentId == documentId));

    private async Task<HttpResponseMessage> GetAsync(string? role, string path)
    {
        using var client = role is null ? portal.CreateBrowserlessClient() : await portal.SignedInAsync(role);
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [Theory]
    [Trait("Spec", "S-2.6")]
    [InlineData("organizer", HttpStatusCode.OK)]
    [InlineData("partner-admin", HttpStatusCode.OK)]
    [InlineData("sales-contact", HttpStatusCode.NotFound)]
    [InlineData("attendee", HttpStatusCode.NotFound)]
    [InlineData(null, HttpStatusCode.NotFound)]
    public async Task ADocumentIsServedToOrganizersAndTheAdministratorsOfItsAudienceOnly(string? role, HttpStatusCode expected)
    {
        var (documentId, fileId) = await ShareAsync(Audience.OfCategories("Gold"));

        var response = await GetAsync(role, $"/files/{fileId}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(role == "partner-admin", await IsReadAsync(documentId));
    }

    [Fact]
    [Trait("Spec", "S-2.6")]
    public async Task ADocumentForOtherPartnersIsNotFoundForAcme()
    {
        var nordlys = await portal.PartnerIdAsync("Nordlys Énergie");
        var (documentId, fileId) = await ShareAsync(Audience.OfPartners(nordlys));
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);

        var plain = await GetAsync("partner-admin", $"/files/{fileId}");
        var claimingNordlys = await GetAsync("partner-admin", $"/files/{fileId}?partner={nordlys}");
        var claimingAcme = await GetAsync("partner-admin", $"/files/{fileId}?partner={acme}");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { plain.StatusCode, claimingNordlys.StatusCode, claimingAcme.StatusCode });
        Assert.False(await IsReadAsync(documentId));
    }

    [Fact]
    [Trait("Spec", "S-2.6")]
    public async Task ViewOpensAPdfInTheBrowserAndDownloadSendsItAsAnAttachment()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        var (_, fileId) = await ShareAsync(Audience.All);

        var view = await GetAsync("partner-admin", $"/files/{fileId}?partner={acme}");
        var download = await GetAsync("partner-admin", $"/files/{fileId}?partner={acme}&download=1");

        Assert.Equal("application/pdf", view.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", view.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("brief.pdf", download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.DoesNotContain("sandbox", view.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(view.Headers.CacheControl!.Private);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    [Trait("Spec", "S-2.6")]
    public async Task OnlyAcmesReadMarksItReadForAcme()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        var (documentId, fileId) = await ShareAsync(Audience.All);

        await GetAsync("organizer", $"/files/{fileId}");
        var readBeforePartner = await IsReadAsync(documentId);
        await GetAsync("partner-admin", $"/files/{fileId}?partner={acme}");

        Assert.False(readBeforePartner);
        var reads = await portal.QueryAsync(db => db.DocumentReads.Where(r => r.DocumentId == documentId).Select(r => r.PartnerId).ToListAsync());
        Assert.Equal([acme], reads);
    }

    [Theory]
    [Trait("Spec", "S-2.5")]
    [InlineData("organizer", HttpStatusCode.OK)]
    [InlineData("partner-admin", HttpStatusCode.OK)]
    [InlineData("sales-contact", HttpStatusCode.NotFound)]
    [InlineData("attendee", HttpStatusCode.NotFound)]
    [InlineData(null, HttpStatusCode.NotFound)]
    public async Task ATaskAnswerFileIsServedToItsPartnersAdministratorsAndOrganizersOnly(string? role, HttpStatusCode expected)
    {
        var acme = await portal.QueryAsync(db => db.Partners.SingleAsync(p => p.Name == DemoData.AcmeName));
        var answer = await portal.Services.GetRequiredService<FileService>().StoreAsync(acme.EventId, acme.Id, FilePurpose.TaskAnswer, "insurance.pdf", FileKind.Pdf, Pdf);

        var response = await GetAsync(role, $"/files/{answer}?download=1");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    [Trait("Spec", "S-2.5")]
    public async Task AnotherPartnersTaskAnswerIsNotFoundForAcme()
    {
        var nordlys = await portal.QueryAsync(db => db.Partners.SingleAsync(p => p.Name == "Nordlys Énergie"));
        var answer = await portal.Services.GetRequiredService<FileService>().StoreAsync(nordlys.EventId, nordlys.Id, FilePurpose.TaskAnswer, "insurance.pdf", FileKind.Pdf, Pdf);

        var response = await GetAsync("partner-admin", $"/files/{answer}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
