namespace PartnerSpace.Domain.Access;

/// <summary>
/// The organizer's own text of one e-mail in one language (issue 8, item 2). A row whose subject
/// and body are null was reset: the default text of that language is used, and the version keeps
/// counting so an editor loaded before the reset cannot save over it unnoticed.
/// </summary>
public sealed class EmailTemplate
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 10_000;
    public const int LanguageMaxLength = 2;

    private EmailTemplate()
    {
    }

    public EmailTemplate(Guid eventId, EmailKind kind, string language)
    {
        EventId = eventId;
        Kind = kind;
        Language = language;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    public EmailKind Kind { get; private set; }

    /// <summary>"fr" or "en".</summary>
    public string Language { get; private set; } = "";

    /// <summary>Null: the default subject.</summary>
    public string? Subject { get; private set; }

    /// <summary>Null: the default body.</summary>
    public string? Body { get; private set; }

    /// <summary>Concurrency token (ADR 0006): raised by every save and reset.</summary>
    public int Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsCustom => Subject is not null && Body is not null;

    internal void Edit(string subject, string body, DateTimeOffset at)
    {
        Subject = subject;
        Body = body;
        UpdatedAt = at;
        Version++;
    }

    internal void Reset(DateTimeOffset at)
    {
        Subject = null;
        Body = null;
        UpdatedAt = at;
        Version++;
    }
}
