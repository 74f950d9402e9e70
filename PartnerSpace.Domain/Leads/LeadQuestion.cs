namespace PartnerSpace.Domain.Leads;

public enum LeadQuestionKind
{
    /// <summary>A free answer.</summary>
    Text = 0,

    /// <summary>One of the question's options.</summary>
    Choice = 1,

    /// <summary>Yes or no.</summary>
    YesNo = 2,
}

/// <summary>One of a partner's own qualification questions, answered per lead (S-2.12).</summary>
public sealed class LeadQuestion
{
    public const int LabelMaxLength = 200;
    public const int OptionsMaxLength = 2000;
    public const int AnswerMaxLength = 500;
    public const int MaxPerPartner = 20;

    private LeadQuestion()
    {
    }

    public LeadQuestion(Guid partnerId, string label, LeadQuestionKind kind, IReadOnlyList<string> options, int position, DateTimeOffset createdAt)
    {
        PartnerId = partnerId;
        Label = label;
        Kind = kind;
        Options = FormatOptions(options);
        Position = position;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; private set; }

    public string Label { get; private set; } = "";

    public LeadQuestionKind Kind { get; private set; }

    /// <summary>Choices of a <see cref="LeadQuestionKind.Choice"/> question, one per line; read <see cref="OptionList"/>.</summary>
    public string? Options { get; private set; }

    public int Position { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<string> OptionList => string.IsNullOrEmpty(Options) ? [] : Options.Split('\n');

    internal void Change(string label, LeadQuestionKind kind, IReadOnlyList<string> options)
    {
        Label = label;
        Kind = kind;
        Options = FormatOptions(options);
    }

    internal void MoveTo(int position) => Position = position;

    private static string? FormatOptions(IReadOnlyList<string> options)
    {
        var clean = options.Select(o => o.Trim()).Where(o => o.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return clean.Count == 0 ? null : string.Join('\n', clean);
    }
}
