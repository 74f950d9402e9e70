using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Forms;

namespace PartnerSpace.Web.Features.FormBuilder;

/// <summary>A form field being edited; choices are typed one per line in each language.</summary>
public sealed class FieldDraft
{
    private FieldType _type;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Another type starts again from that type's default file rules.</summary>
    public FieldType Type
    {
        get => _type;
        set
        {
            if (_type != value)
            {
                _type = value;
                Rules = null;
            }
        }
    }

    public string LabelFr { get; set; } = "";

    public string LabelEn { get; set; } = "";

    public string HelpFr { get; set; } = "";

    public string HelpEn { get; set; } = "";

    public bool Required { get; set; }

    public string ChoicesFr { get; set; } = "";

    public string ChoicesEn { get; set; } = "";

    /// <summary>The organizer's own file rules; null keeps the type's defaults.</summary>
    public FileRules? Rules { get; set; }

    public LocalizedText Label => new(LabelFr, LabelEn);

    public bool HasChoices => Type is FieldType.SingleChoice or FieldType.MultipleChoice;

    public bool HasFileRules => FileRules.Applies(Type);

    public static FieldDraft From(FormField f) => new()
    {
        Id = f.Id,
        Type = f.Type,
        LabelFr = f.Label.Fr,
        LabelEn = f.Label.En,
        HelpFr = f.Help.Fr,
        HelpEn = f.Help.En,
        Required = f.Required,
        ChoicesFr = string.Join('\n', f.Choices.Select(c => c.Fr)),
        ChoicesEn = string.Join('\n', f.Choices.Select(c => c.En)),
        Rules = f.Rules,
    };

    public FormField ToField()
    {
        var fr = Lines(ChoicesFr);
        var en = Lines(ChoicesEn);
        var choices = Enumerable.Range(0, Math.Max(fr.Length, en.Length))
            .Select(i => new LocalizedText(i < fr.Length ? fr[i] : "", i < en.Length ? en[i] : ""))
            .ToList();
        return new FormField(Id, Type, Label, new LocalizedText(HelpFr, HelpEn), Required, HasChoices ? choices : [], Rules: HasFileRules ? Rules : null);
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
