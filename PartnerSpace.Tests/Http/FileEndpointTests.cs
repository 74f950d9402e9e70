using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Files;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Http;

/// <summary><c>GET /files/{id}</c> serves page images as what their content is, and nothing else (S-1.3).</summary>
[Trait("Spec", "S-1.3")]
public sealed class FileEndpointTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private FileService Files => portal.Services.GetRequiredService<FileService>();

    private Task<Guid> EventIdAsync() => portal.QueryAsync(db => Task.FromResult(db.Partners.Where(p => p.Name == DemoData.AcmeName).Select(p => p.EventId).Single()));

    [Fact]
    public async Task PageImageIsServedWithItsTypeNosniffAndLongCache()
    {
        var stored = await Files.StorePageImageAsync(await EventIdAsync(), "plan.png", SampleImages.Png);
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(new Uri($"/files/{stored.Value}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl.MaxAge);
        Assert.Equal(SampleImages.Png, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UnknownFileIs404()
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(new Uri($"/files/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [Trait("Spec", "S-2.2")]
    [Trait("Spec", "S-4.1")]
    [InlineData("organizer", HttpStatusCode.OK)]
    [InlineData("partner-admin", HttpStatusCode.OK)]
    [InlineData("sales-contact", HttpStatusCode.NotFound)]
    [InlineData("attendee", HttpStatusCode.NotFound)]
    [InlineData(null, HttpStatusCode.NotFound)]
    public async Task AFormFileIsServedOnlyToItsPartnersAdministratorsAndTheOrganizers(string? role, HttpStatusCode expected)
    {
        var acme = await portal.QueryAsync(db => Task.FromResult(db.Partners.Single(p => p.Name == DemoData.AcmeName)));
        var formFile = await Files.StoreAsync(acme.EventId, acme.Id, FilePurpose.FormFile, "contract.png", PartnerSpace.Domain.Forms.FileKind.Png, SampleImages.Png);
        using var client = role is null ? portal.CreateBrowserlessClient() : await portal.SignedInAsync(role);

        var response = await client.GetAsync(new Uri($"/files/{formFile}", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.True(response.Headers.CacheControl!.Private);
        }
    }

    [Fact]
    public async Task UploadThatIsNotAnImageIsRefusedAndNeverServed()
    {
        var html = "<html><script>alert(document.cookie)</script></html>"u8.ToArray();

        var stored = await Files.StorePageImageAsync(await EventIdAsync(), "innocent.png", html);

        Assert.False(stored.IsSuccess);
        Assert.Equal("Only PNG, JPEG, GIF or WebP images can be inserted.", stored.Error!.Fields!["file"][0]);
        Assert.False(await portal.QueryAsync(db => Task.FromResult(db.Files.Any(f => f.FileName == "innocent.png"))));
    }

    [Fact]
    [Trait("Spec", "S-2.1")]
    public async Task DisplayAsksForTheResizedCopyAndFallsBackToTheOriginal()
    {
        var acme = await portal.QueryAsync(db => Task.FromResult(db.Partners.Single(p => p.Name == DemoData.AcmeName)));
        var big = await Files.StoreImageAsync(acme.EventId, acme.Id, FilePurpose.ProfileImage, "logo.png", PartnerSpace.Domain.Forms.FileKind.Png, SampleImages.PngOf(1000, 500));
        var tiny = await Files.StoreImageAsync(acme.EventId, acme.Id, FilePurpose.ProfileImage, "dot.png", PartnerSpace.Domain.Forms.FileKind.Png, SampleImages.Png);
        using var client = portal.CreateBrowserlessClient();

        var display = await client.GetAsync(new Uri($"/files/{big.Value}?display=1", UriKind.Relative));
        var original = await client.GetAsync(new Uri($"/files/{big.Value}", UriKind.Relative));
        var fallback = await client.GetAsync(new Uri($"/files/{tiny.Value}?display=1", UriKind.Relative));

        Assert.Equal("image/webp", display.Content.Headers.ContentType!.MediaType);
        using var copy = SampleImages.Decode(await display.Content.ReadAsByteArrayAsync())!;
        Assert.Equal((400, 200), (copy.Width, copy.Height));
        Assert.Equal("image/png", original.Content.Headers.ContentType!.MediaType);
        Assert.Equal(SampleImages.Png, await fallback.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task TheDisplayCopyOfAPrivateFileIsAsPrivateAsTheFile()
    {
        var acme = await portal.QueryAsync(db => Task.FromResult(db.Partners.Single(p => p.Name == DemoData.AcmeName)));
        var stored = await Files.StoreImageAsync(acme.EventId, acme.Id, FilePurpose.FormFile, "scan.png", PartnerSpace.Domain.Forms.FileKind.Png, SampleImages.PngOf(900, 900));
        using var anonymous = portal.CreateBrowserlessClient();

        var response = await anonymous.GetAsync(new Uri($"/files/{stored.Value}?display=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
