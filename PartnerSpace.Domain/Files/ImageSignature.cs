namespace PartnerSpace.Domain.Files;

/// <summary>
/// Tells an image's type from its first bytes, never from its name or the browser's claim: a file
/// named .png that is really HTML or SVG must not be stored, let alone served, as an image.
/// </summary>
public static class ImageSignature
{
    /// <summary>The content type of a PNG, JPEG, GIF or WebP image; null for anything else.</summary>
    public static string? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return null;
    }
}
