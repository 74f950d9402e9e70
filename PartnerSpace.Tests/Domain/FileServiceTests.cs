using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Files;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-1.3")]
public sealed class FileServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Guid _eventId;

    private FileService Files => _db.Files;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Theory]
    [InlineData("png", "image/png")]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData("gif", "image/gif")]
    [InlineData("webp", "image/webp")]
    public async Task PageImageIsStoredWithTheTypeItsContentShows(string kind, string contentType)
    {
        var stored = await Files.StorePageImageAsync(_eventId, "../../plan.bin", SampleImages.Of(kind));

        Assert.True(stored.IsSuccess);
        var file = await Files.GetAsync(stored.Value);
        Assert.Equal(contentType, file!.ContentType);
        Assert.Equal("plan.bin", file.FileName);
        Assert.Equal(SampleImages.Of(kind).Length, file.Length);
        await using var bytes = Files.OpenRead(file)!;
        using var read = new MemoryStream();
        await bytes.CopyToAsync(read);
        Assert.Equal(SampleImages.Of(kind), read.ToArray());
    }

    [Fact]
    public async Task ContentThatIsNotAnImageIsRefusedWhateverItsName()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();

        var stored = await Files.StorePageImageAsync(_eventId, "logo.png", svg);

        Assert.Equal("Only PNG, JPEG, GIF or WebP images can be inserted.", Assert.Single(stored.Error!.Fields!["file"]));
        Assert.Equal(0, await _db.QueryAsync(db => Task.FromResult(db.Files.Count())));
    }

    [Fact]
    public async Task ImageOverTwoMegabytesIsRefused()
    {
        var big = new byte[FileService.PageImageMaxBytes + 1];
        SampleImages.Of("png").CopyTo(big, 0);

        var stored = await Files.StorePageImageAsync(_eventId, "big.png", big);

        Assert.Equal("An image is at most 2 MB.", Assert.Single(stored.Error!.Fields!["file"]));
    }

    [Fact]
    public async Task UnknownFileIsNotFound() => Assert.Null(await Files.GetAsync(Guid.NewGuid()));

    [Fact]
    public async Task BytesStoredInTheDatabaseBeforeAreMovedToDiskOnce()
    {
        var file = await Files.StoreAsync(_eventId, null, FilePurpose.PageImage, "old.png", PartnerSpace.Domain.Forms.FileKind.Png, SampleImages.Png);
        await _db.QueryAsync(db => db.Files.Where(f => f.Id == file).ExecuteUpdateAsync(s => s.SetProperty(f => f.LegacyContent, SampleImages.Png)));
        File.Delete(StorePathOf(file));
        var stored = (await Files.GetAsync(file))!;

        Assert.Null(Files.OpenRead(stored));
        Assert.Equal(1, await Files.MoveLegacyContentAsync());
        Assert.Equal(0, await Files.MoveLegacyContentAsync());

        await using var bytes = Files.OpenRead(stored)!;
        Assert.Equal(SampleImages.Png.Length, bytes.Length);
        Assert.Equal(0, await _db.QueryAsync(db => db.Files.CountAsync(f => f.LegacyContent != null)));
    }

    private string StorePathOf(Guid id) => Path.Combine(_db.FilesFolder, id.ToString("N")[^2..], id.ToString("N"));
}
