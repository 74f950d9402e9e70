using PartnerSpace.Domain.Common;

namespace PartnerSpace.Domain.Forms;

/// <summary>S-1.4: the kinds of field an organizer can put in the profile and team forms.</summary>
public enum FieldType
{
    Text,
    LongText,
    RichText,
    Email,
    Phone,
    Url,
    Number,
    Date,
    SingleChoice,
    MultipleChoice,
    Checkbox,
    Country,
    Image,
    File,
}

/// <summary>Which form of the event.</summary>
public enum FormKind
{
    /// <summary>S-1.4: the partner profile ("Information" tab).</summary>
    Profile,

    /// <summary>S-1.5: the "add a collaborator" form of the Team tab.</summary>
    Team,
}

/// <summary>
/// A field of a form. Its <see cref="Id"/> never changes, so answers survive renaming and
/// reordering; a removed field stays, marked <see cref="Removed"/>, so its answers are hidden, not lost.
/// <see cref="Rules"/> are an Image or File field's own limits; null means its type's defaults
/// (see <see cref="FileRules.For"/>), which is also what forms saved before rules existed have.
/// </summary>
public sealed record FormField(Guid Id, FieldType Type, LocalizedText Label, LocalizedText Help, bool Required, IReadOnlyList<LocalizedText> Choices, bool Removed = false, FileRules? Rules = null)
{
    public const int LabelMaxLength = 120;
    public const int HelpMaxLength = 500;
    public const int MaxChoices = 100;

    public bool HasChoices => Type is FieldType.SingleChoice or FieldType.MultipleChoice;

    public static FormField New(FieldType type, string fr, string en, bool required = false) =>
        new(Guid.CreateVersion7(), type, new LocalizedText(fr, en), LocalizedText.Empty, required, []);
}

/// <summary>A whole form as the builder edits it: saved at once, guarded by one version.</summary>
public sealed record FormDocument(FormKind Kind, int Version, IReadOnlyList<FormField> Fields)
{
    /// <summary>The fields a partner sees and fills, in order.</summary>
    public IReadOnlyList<FormField> Visible => [.. Fields.Where(f => !f.Removed)];
}
