using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Documents;
using PartnerSpace.Domain.Files;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Http;

/// <summary>
/// Issue 8: an upload is what its bytes are (ADR 0007). A disguised file (HTML, a program, an SVG
/// with script, under an image's or a PDF's name) is refused; what is stored is served inert:
/// its detected type, nosniff, a sandbox, and anything but an image or a PDF as a download.
/// </summary>
[Trait("Spec", "S-4")]
[Trait("Spec", "S-2.2")]
[Trait("Spec", "S-2.6")]
public sealed class DisguisedUploadTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private FileService Files => portal.Services.GetRequiredService<FileService>();

    public static TheoryData<string, byte[]> Disguised => new()
    {
        { "logo.png", "<html><script>alert(document.cookie)</script></html>"u8.ToArray() },
        { "logo.png", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray() },
        { "logo.jpg", "<?xml version=\"1.0\"?><svg onload=\"alert(1)\"/>"u8.ToArray() },
        { "brochure.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00] },
        { "brochure.pdf", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0] },
        { "brochure.pdf", "<!DOCTYPE html><p>%PDF-1.7</p>"u8.ToArray() },
        { "contract.docx", "<html><body onload=alert(1)>"u8.ToArray() },
        { "photo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray() },
    };

    private async Task<(Guid EventId, Guid PartnerId)> AcmeAsync()
    {
        // An anonymous type, not ValueTuple.Create: PostgreSQL would send a record Npgsql does not read as a tuple.
        var acme = await portal.QueryAsync(db => db.Partners.Where(p => p.Name == DemoData.AcmeName).Select(p => new { p.EventId, p.Id }).SingleAsync());
        return (acme.EventId, acme.Id);
    }

    [Theory]
    [MemberData(nameof(Disguised))]
    public async Task ADisguisedFileIsRefusedForEveryKindOfUpload(string fileName, byte[] content)
    {
        var (eventId, partnerId) = await AcmeAsync();

        foreach (var rules in new[] { FileRules.DefaultImage, FileRules.DefaultFile, DocumentService.Rules })
        {
            using var stream = new MemoryStream(content);
            var stored = await Files.StoreAsync(eventId, partnerId, FilePurpose.FormFile, rules, "Upload", fileName, content.Length, stream);

            Assert.False(stored.IsSuccess, $"{fileName} accepted by {string.Join(",", rules.Accept)}");
        }

        Assert.False((await Files.StorePageImageAsync(eventId, fileName, content)).IsSuccess);
        Assert.False(await portal.QueryAsync(db => Task.FromResult(db.Files.Any(f => f.FileName == fileName && f.Length == content.Length))));
    }

    [Fact]
    public async Task AnImageWithHtmlAfterItsSignatureIsServedAsAnImageThatCannotRun()
    {
        var (eventId, _) = await AcmeAsync();
        byte[] polyglot = [.. SampleImages.Png.Take(8), .. "<html><script>alert(document.cookie)</script>"u8];
        var id = await Files.StoreAsync(eventId, null, FilePurpose.PageImage, "plan.png", FileKind.Png, polyglot);
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(new Uri($"/files/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("default-src 'none'; sandbox", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task AFileThatIsNeitherAnImageNorAPdfIsAlwaysADownload()
    {
        var (eventId, partnerId) = await AcmeAsync();
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0x06, 0, .. "<html><script>alert(1)</script>"u8];
        var id = await Files.StoreAsync(eventId, partnerId, FilePurpose.FormFile, "offer.docx", FileKind.Word, zip);
        using var client = await portal.SignedInAsync("partner-admin");

        var response = await client.GetAsync(new Uri($"/files/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task AnImageOpensInTheBrowserUnlessADownloadIsAskedFor()
    {
        var (eventId, _) = await AcmeAsync();
        var id = await Files.StoreAsync(eventId, null, FilePurpose.PageImage, "hall.png", FileKind.Png, SampleImages.Png);
        using var client = portal.CreateBrowserlessClient();

        var inline = await client.GetAsync(new Uri($"/files/{id}", UriKind.Relative));
        var download = await client.GetAsync(new Uri($"/files/{id}?download=1", UriKind.Relative));

        Assert.Equal("inline", inline.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
    }
}
