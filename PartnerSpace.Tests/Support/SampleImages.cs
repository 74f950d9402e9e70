using SkiaSharp;

namespace PartnerSpace.Tests.Support;

/// <summary>The smallest files whose first bytes say PNG, JPEG, GIF or WebP (enough for a signature check).</summary>
public static class SampleImages
{
    /// <summary>A real 1×1 transparent PNG, so a browser can draw it too.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static byte[] Of(string kind) => kind switch
    {
        "png" => Png,
        "jpeg" => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00],
        "gif" => "GIF89a\u0001\u0000\u0001\u0000"u8.ToArray(),
        "webp" => "RIFF\u0024\u0000\u0000\u0000WEBPVP8 "u8.ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "png, jpeg, gif or webp"),
    };

    /// <summary>A real PNG of the given size: transparent, with an opaque red square in its top-left quarter.</summary>
    public static byte[] PngOf(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 2f, height / 2f, red);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Decodes an image's bytes (any format SkiaSharp reads); null when they are not one.</summary>
    public static SKBitmap? Decode(byte[] content) => SKBitmap.Decode(content);
}
