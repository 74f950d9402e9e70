using PartnerSpace.Domain.Files;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>Logos get a display copy within 400×400 (issue 5, ADR 0008).</summary>
[Trait("Spec", "S-2.1")]
[Trait("Spec", "S-2.2")]
public sealed class DisplayImageTests : IAsyncLifetime
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

    [Fact]
    public async Task ALargeImageGetsADisplayCopyWithinTheBoxKeepingItsAspectRatioAndTransparency()
    {
        var stored = await Files.StoreImageAsync(_eventId, null, FilePurpose.ProfileImage, "logo.png", PartnerSpace.Domain.Forms.FileKind.Png, SampleImages.PngOf(2000, 1000));

        var original = await Files.GetAsync(stored.Value);
        Assert.NotNull(original!.DisplayId);
        var copy = await Files.GetAsync(original.DisplayId.Value);
        Assert.Equal("image/webp", copy!.ContentType);
        Assert.Equal(FilePurpose.ProfileImage, copy.Purpose);
        using var bitmap = SampleImages.Decode(await ReadAsync(copy))!;
        Assert.Equal(400, bitmap.Width);
        Assert.Equal(200, bitmap.Height);
        Assert.Equal(255, bitmap.GetPixel(50, 50).Alpha);
        Assert.Equal(0, bitmap.GetPixel(350, 150).Alpha);
    }

    [Fact]
    public async Task TheOriginalIsKeptAsUploaded()
    {
        var bytes = SampleImages.PngOf(1200, 1600);

        var stored = await Files.StoreImageAsync(_eventId, null, FilePurpose.ProfileImage, "logo.png", PartnerSpace.Domain.Forms.FileKind.Png, bytes);

        var original = await Files.GetAsync(stored.Value);
        Assert.Equal(bytes, await ReadAsync(original!));
        using var copy = SampleImages.Decode(await ReadAsync((await Files.GetAsync(original!.DisplayId!.Value))!))!;
        Assert.Equal((300, 400), (copy.Width, copy.Height));
    }

    [Fact]
    public async Task ATinyImageIsNotEnlarged()
    {
        var stored = await Files.StoreImageAsync(_eventId, null, FilePurpose.ProfileImage, "dot.png", PartnerSpace.Domain.Forms.FileKind.Png, SampleImages.Png);

        Assert.Null((await Files.GetAsync(stored.Value))!.DisplayId);
        Assert.Equal(new ImageSize(1, 1), DisplayImage.Fit(new ImageSize(1, 1)));
        Assert.Equal(new ImageSize(400, 400), DisplayImage.Fit(new ImageSize(400, 400)));
    }

    [Fact]
    public async Task BytesThatDoNotDecodeAreRefused()
    {
        // The first bytes of a JPEG, and nothing after: the signature passes, the picture does not.
        var stored = await Files.StoreImageAsync(_eventId, null, FilePurpose.ProfileImage, "logo.jpg", PartnerSpace.Domain.Forms.FileKind.Jpeg, SampleImages.Of("jpeg"));

        Assert.False(stored.IsSuccess);
        Assert.Contains("file", stored.Error!.Fields!.Keys);
    }

    private async Task<byte[]> ReadAsync(FileContent file)
    {
        await using var stream = Files.OpenRead(file)!;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
