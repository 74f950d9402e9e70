using PartnerSpace.Domain.Forms;

namespace PartnerSpace.Domain.Files;

/// <summary>
/// Tells a file's kind from its first bytes, never from its name or the browser's claim: a file
/// named .png that is really HTML or SVG must not be stored, let alone served, as an image.
/// Office documents are recognized as ZIP (.docx…) or OLE (.doc…) containers, which is as far
/// as the first bytes tell.
/// </summary>
public static class FileSignature
{
    /// <summary>How many first bytes are enough to tell every kind.</summary>
    public const int HeadLength = 16;

    /// <summary>The kinds an image may be, in the order they are tried.</summary>
    public static readonly IReadOnlyList<FileKind> ImageKinds = [FileKind.Png, FileKind.Jpeg, FileKind.WebP, FileKind.Gif];

    public static bool Matches(FileKind kind, ReadOnlySpan<byte> head) => kind switch
    {
        FileKind.Png => head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        FileKind.Jpeg => head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        FileKind.WebP => head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8),
        FileKind.Gif => head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8),
        FileKind.Pdf => head.StartsWith("%PDF-"u8),
        FileKind.Word or FileKind.Excel or FileKind.PowerPoint => IsZip(head) || head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        FileKind.Zip => IsZip(head),
        _ => false,
    };

    /// <summary>The first of <paramref name="kinds"/> the bytes are; null when none.</summary>
    public static FileKind? Detect(IEnumerable<FileKind> kinds, ReadOnlySpan<byte> head)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        foreach (var kind in kinds)
        {
            if (Matches(kind, head))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>The content type a file of this kind is served with.</summary>
    public static string ContentTypeOf(FileKind kind) => kind switch
    {
        FileKind.Png => "image/png",
        FileKind.Jpeg => "image/jpeg",
        FileKind.WebP => "image/webp",
        FileKind.Gif => "image/gif",
        FileKind.Pdf => "application/pdf",
        _ => "application/octet-stream",
    };

    // A local file header, or the end record of an empty archive.
    private static bool IsZip(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]) || head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x05, 0x06]);
}
