using SkiaSharp;

namespace PartnerSpace.Domain.Files;

/// <summary>An image's size in pixels.</summary>
public readonly record struct ImageSize(int Width, int Height);

/// <summary>A display copy: WebP bytes and their size.</summary>
public sealed record DisplayCopy(byte[] Content, ImageSize Size);

/// <summary>
/// Makes the display copy of an uploaded image (a logo shown on the Home page and the public
/// partner page): fitted within <see cref="MaxSide"/>×<see cref="MaxSide"/>, aspect ratio kept,
/// transparency kept, never enlarged. SkiaSharp (MIT) decodes and encodes (ADR 0008).
/// </summary>
public static class DisplayImage
{
    /// <summary>The longest side of a display copy, in pixels.</summary>
    public const int MaxSide = 400;

    /// <summary>WebP quality of the copy: smaller than PNG for photos, keeps the alpha channel.</summary>
    public const int Quality = 85;

    /// <summary>The image's size, or null when the bytes do not decode as an image (a renamed or truncated file).</summary>
    public static ImageSize? Measure(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var codec = SKCodec.Create(new SKMemoryStream(content));
        return codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0 ? null : new ImageSize(codec.Info.Width, codec.Info.Height);
    }

    /// <summary>The size an image of <paramref name="size"/> is shown at: within the box, never larger than it is.</summary>
    public static ImageSize Fit(ImageSize size, int maxSide = MaxSide)
    {
        if (size.Width <= maxSide && size.Height <= maxSide)
        {
            return size;
        }

        var scale = Math.Min((double)maxSide / size.Width, (double)maxSide / size.Height);
        return new ImageSize(Math.Max(1, (int)Math.Round(size.Width * scale)), Math.Max(1, (int)Math.Round(size.Height * scale)));
    }

    /// <summary>
    /// The display copy of an image larger than the box; null when the image already fits (it is
    /// its own display copy) or does not decode (callers refuse those first, see <see cref="Measure"/>).
    /// </summary>
    public static DisplayCopy? MakeCopy(byte[] content, int maxSide = MaxSide)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var original = SKBitmap.Decode(content);
        if (original is null)
        {
            return null;
        }

        var target = Fit(new ImageSize(original.Width, original.Height), maxSide);
        if (target.Width == original.Width && target.Height == original.Height)
        {
            return null;
        }

        var info = new SKImageInfo(target.Width, target.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var resized = original.Resize(info, new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var image = SKImage.FromBitmap(resized);
        using var data = image.Encode(SKEncodedImageFormat.Webp, Quality);
        return new DisplayCopy(data.ToArray(), target);
    }
}
