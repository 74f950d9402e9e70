using System.Globalization;
using System.Text.Json.Serialization;

namespace PartnerSpace.Domain.Forms;

/// <summary>
/// The kinds of file an Image or File field can accept. SVG is left out on purpose: it can carry
/// script. Stored by name, so the list can grow without breaking saved forms.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<FileKind>))]
public enum FileKind
{
    Pdf,
    Word,
    Excel,
    PowerPoint,
    Png,
    Jpeg,
    WebP,
    Gif,
    Zip,
}

/// <summary>
/// What an Image or File field accepts (S-1.4, S-1.5): which kinds of file, and how large.
/// A field saved before rules existed has none stored; <see cref="For"/> then gives the defaults.
/// </summary>
public sealed record FileRules(IReadOnlyList<FileKind> Accept, int MaxSizeMb)
{
    public const int MinSizeMb = 1;
    public const int MaxSizeMbLimit = 25;

    /// <summary>How many first bytes of a file <see cref="Check"/> wants to see its signature.</summary>
    public const int HeadLength = Files.FileSignature.HeadLength;

    private const long BytesPerMb = 1024 * 1024;

    /// <summary>Defaults of an Image field: PNG, JPEG or WebP, up to 2 MB.</summary>
    public static FileRules DefaultImage { get; } = new([FileKind.Png, FileKind.Jpeg, FileKind.WebP], 2);

    /// <summary>Defaults of a File field: PDF, Office documents, images and ZIP, up to 10 MB.</summary>
    public static FileRules DefaultFile { get; } = new([FileKind.Pdf, FileKind.Word, FileKind.Excel, FileKind.PowerPoint, FileKind.Png, FileKind.Jpeg, FileKind.Zip], 10);

    /// <summary>Whether fields of this type take a file, and so have rules.</summary>
    public static bool Applies(FieldType type) => type is FieldType.Image or FieldType.File;

    /// <summary>The kinds an organizer may choose from for a field of this type.</summary>
    public static IReadOnlyList<FileKind> KindsFor(FieldType type) => type switch
    {
        FieldType.Image => Files.FileSignature.ImageKinds,
        FieldType.File => Enum.GetValues<FileKind>(),
        _ => [],
    };

    /// <summary>The rules that apply to a field: its own, or its type's defaults; null for fields that take no file.</summary>
    public static FileRules? For(FormField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Applies(field.Type) ? field.Rules ?? DefaultFor(field.Type) : null;
    }

    /// <summary>The defaults of a field type; null for types that take no file.</summary>
    public static FileRules? DefaultFor(FieldType type) => type switch
    {
        FieldType.Image => DefaultImage,
        FieldType.File => DefaultFile,
        _ => null,
    };

    /// <summary>The display name of a kind ("PNG", "Word"), the same in French and English.</summary>
    public static string NameOf(FileKind kind) => kind switch
    {
        FileKind.WebP => "WebP",
        FileKind.Word or FileKind.Excel or FileKind.PowerPoint => kind.ToString(),
        _ => kind.ToString().ToUpperInvariant(),
    };

    /// <summary>The file name endings of a kind, lower case with their dot.</summary>
    public static IReadOnlyList<string> ExtensionsOf(FileKind kind) => kind switch
    {
        FileKind.Png => [".png"],
        FileKind.Jpeg => [".jpg", ".jpeg"],
        FileKind.WebP => [".webp"],
        FileKind.Gif => [".gif"],
        FileKind.Pdf => [".pdf"],
        FileKind.Word => [".docx", ".doc"],
        FileKind.Excel => [".xlsx", ".xls"],
        FileKind.PowerPoint => [".pptx", ".ppt"],
        FileKind.Zip => [".zip"],
        _ => [],
    };

    /// <summary>The accepted kinds as a list for people: "PNG, JPEG or WebP" (<paramref name="or"/> in their language).</summary>
    public string KindsText(string or = "or")
    {
        var names = Accept.Select(NameOf).ToList();
        return names.Count <= 1 ? string.Concat(names) : $"{string.Join(", ", names[..^1])} {or} {names[^1]}";
    }

    /// <summary>The accepted kind a file's name ending claims; null when it claims none of them. <see cref="Check"/> then verifies the claim against the bytes.</summary>
    public FileKind? KindOf(string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        return Accept.Where(k => ExtensionsOf(k).Contains(extension)).Cast<FileKind?>().FirstOrDefault();
    }

    /// <summary>The accepted file name endings, for an upload input's <c>accept</c> attribute: ".png,.jpg,.jpeg".</summary>
    public string AcceptAttribute => string.Join(',', Accept.SelectMany(ExtensionsOf));

    /// <summary>Problems of these rules for a field of the given type, by part ("maxSize", "accept"); empty when valid.</summary>
    public IReadOnlyDictionary<string, string> Problems(FieldType type)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (MaxSizeMb is < MinSizeMb or > MaxSizeMbLimit)
        {
            problems["maxSize"] = $"The size limit is between {MinSizeMb} and {MaxSizeMbLimit} MB.";
        }

        if (Accept is null || Accept.Count == 0 || Accept.Any(k => !KindsFor(type).Contains(k)))
        {
            problems["accept"] = type == FieldType.Image
                ? "Choose at least one kind of image among PNG, JPEG, WebP and GIF."
                : "Choose at least one kind of file.";
        }

        return problems;
    }

    /// <summary>
    /// Checks a file a partner gives for an Image or File field against the field's rules, before
    /// it is stored. The kind is read from the file's first bytes (<see cref="Files.FileSignature"/>),
    /// not trusted from its name: a page renamed "logo.png" is refused.
    /// </summary>
    /// <param name="field">An Image or File field; its label names it in the error.</param>
    /// <param name="fileName">The name the partner's file came with (only its ending is used).</param>
    /// <param name="length">The file's size in bytes.</param>
    /// <param name="head">The file's first bytes: <see cref="HeadLength"/> of them, or all of a shorter file.</param>
    /// <returns>Null when the file is accepted; otherwise one sentence for the partner, e.g. "Logo: the file is 3.4 MB; the limit is 2 MB."</returns>
    /// <exception cref="ArgumentException">The field takes no file.</exception>
    public static string? Check(FormField field, string fileName, long length, ReadOnlySpan<byte> head)
    {
        var rules = For(field) ?? throw new ArgumentException($"A {field.Type} field takes no file.", nameof(field));
        return rules.Check(field.Label.ForCurrentCulture(), field.Type == FieldType.Image, fileName, length, head);
    }

    /// <summary>
    /// Checks a file against these rules, by its name's ending, its size and its first bytes (see
    /// the field overload); <paramref name="label"/> starts the sentence, e.g. a task's title.
    /// </summary>
    public string? Check(string label, bool images, string fileName, long length, ReadOnlySpan<byte> head)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var rules = this;
        var kind = rules.KindOf(fileName);
        if (kind is null)
        {
            return FileTexts.Format(images ? "OnlyImages" : "OnlyFiles", label, rules.KindsText(FileTexts.Format("Or")));
        }

        if (length == 0)
        {
            return FileTexts.Format("Empty", label);
        }

        if (length > rules.MaxSizeMb * BytesPerMb)
        {
            // Rounded up, so a file just over the limit never reads as "2 MB; the limit is 2 MB".
            var size = Math.Ceiling(length * 10.0 / BytesPerMb) / 10;
            return FileTexts.Format("TooLarge", label, size, rules.MaxSizeMb);
        }

        return Files.FileSignature.Matches(kind.Value, head)
            ? null
            : FileTexts.Format("NotReal", label, Path.GetFileName(fileName), NameOf(kind.Value));
    }
}
