using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Menu;

namespace PartnerSpace.Domain.Access;

/// <summary>One e-mail's text in one language as the editor shows it, with the version it was loaded at.</summary>
public sealed record EmailTemplateText(EmailKind Kind, string Language, string Subject, string Body, bool IsCustom, int Version);

/// <summary>What is wrong with a template, at a field ("subject" or "body").</summary>
public enum EmailTemplateProblemKind
{
    SubjectRequired,
    SubjectTooLong,
    SubjectOneLine,
    BodyRequired,
    BodyTooLong,
    PlaceholderMissing,
    PlaceholderUnknown,
}

/// <summary>One problem of a template; <see cref="Placeholder"/> names the placeholder when there is one.</summary>
public sealed record EmailTemplateProblem(string Field, EmailTemplateProblemKind Kind, string? Placeholder = null)
{
    /// <summary>The message in English (the editor shows its own, per language).</summary>
    public string Message => Kind switch
    {
        EmailTemplateProblemKind.SubjectRequired => "Write a subject.",
        EmailTemplateProblemKind.SubjectTooLong => $"A subject is at most {EmailTemplate.SubjectMaxLength} characters.",
        EmailTemplateProblemKind.SubjectOneLine => "A subject is one line.",
        EmailTemplateProblemKind.BodyRequired => "Write the text of the e-mail.",
        EmailTemplateProblemKind.BodyTooLong => $"The text is at most {EmailTemplate.BodyMaxLength} characters.",
        EmailTemplateProblemKind.PlaceholderMissing => $"The text must contain {{{Placeholder}}}.",
        _ => $"{{{Placeholder}}} is not a placeholder of this e-mail.",
    };
}

/// <summary>The outcome of a save or reset: saved (the new text), conflict (the newer text, nothing written) or invalid.</summary>
public sealed record EmailTemplateSaveResult(MenuSaveStatus Status, EmailTemplateText? Current, IReadOnlyList<EmailTemplateProblem> Problems)
{
    public IReadOnlyDictionary<string, string[]> Errors =>
        Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
}

/// <summary>
/// The organizer's own texts of the e-mails (issue 8, item 2), per event, kind and language. Saved
/// as versioned documents like the pages (ADR 0006): a save loaded at an older version is refused
/// with the newer text, and every save or reset is recorded in the history.
/// </summary>
public sealed class EmailTemplateEditor(IDbContextFactory<PartnerSpaceDbContext> dbs, TimeProvider time)
{
    public const string HistoryArea = "email-template";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every kind in both languages: the organizer's text where there is one, else the default.</summary>
    public async Task<IReadOnlyList<EmailTemplateText>> GetAllAsync(Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await db.EmailTemplates.AsNoTracking().Where(t => t.EventId == eventId).ToListAsync(ct);
        return [.. Enum.GetValues<EmailKind>().SelectMany(kind => EmailTemplateService.Languages.Select(language =>
            ToText(kind, language, rows.FirstOrDefault(r => r.Kind == kind && r.Language == language))))];
    }

    /// <summary>The problems of a subject and body for that kind; none: it can be saved.</summary>
    public static IReadOnlyList<EmailTemplateProblem> Validate(EmailKind kind, string? subject, string? body)
    {
        subject ??= "";
        body ??= "";
        var problems = new List<EmailTemplateProblem>();
        var known = EmailTemplateService.PlaceholdersOf(kind);
        if (subject.Trim().Length == 0)
        {
            problems.Add(new("subject", EmailTemplateProblemKind.SubjectRequired));
        }
        else if (subject.Contains('\n', StringComparison.Ordinal) || subject.Contains('\r', StringComparison.Ordinal))
        {
            problems.Add(new("subject", EmailTemplateProblemKind.SubjectOneLine));
        }
        else if (subject.Trim().Length > EmailTemplate.SubjectMaxLength)
        {
            problems.Add(new("subject", EmailTemplateProblemKind.SubjectTooLong));
        }

        problems.AddRange(EmailTemplateService.PlaceholdersIn(subject)
            .Where(name => known.All(p => p.Name != name))
            .Select(name => new EmailTemplateProblem("subject", EmailTemplateProblemKind.PlaceholderUnknown, name)));

        if (body.Trim().Length == 0)
        {
            problems.Add(new("body", EmailTemplateProblemKind.BodyRequired));
            return problems;
        }

        if (body.TrimEnd().Length > EmailTemplate.BodyMaxLength)
        {
            problems.Add(new("body", EmailTemplateProblemKind.BodyTooLong));
        }

        var used = EmailTemplateService.PlaceholdersIn(body);
        problems.AddRange(known.Where(p => p.Required && !used.Contains(p.Name))
            .Select(p => new EmailTemplateProblem("body", EmailTemplateProblemKind.PlaceholderMissing, p.Name)));
        problems.AddRange(used.Where(name => known.All(p => p.Name != name))
            .Select(name => new EmailTemplateProblem("body", EmailTemplateProblemKind.PlaceholderUnknown, name)));
        return problems;
    }

    /// <summary>Saves the organizer's text of one kind and language, if the draft's version is still the current one.</summary>
    public async Task<EmailTemplateSaveResult> SaveAsync(Guid eventId, EmailTemplateText draft, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        var problems = Validate(draft.Kind, draft.Subject, draft.Body);
        if (problems.Count > 0)
        {
            return new EmailTemplateSaveResult(MenuSaveStatus.Invalid, null, problems);
        }

        return await WriteAsync(eventId, draft, actor, t => t.Edit(draft.Subject.Trim(), draft.Body.TrimEnd(), time.GetUtcNow()), "edited", ct);
    }

    /// <summary>Goes back to the default text of that kind and language (recorded, versioned like a save).</summary>
    public Task<EmailTemplateSaveResult> ResetAsync(Guid eventId, EmailTemplateText draft, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteAsync(eventId, draft, actor, t => t.Reset(time.GetUtcNow()), "reset to the default", ct);
    }

    private async Task<EmailTemplateSaveResult> WriteAsync(
        Guid eventId, EmailTemplateText draft, Actor actor, Action<EmailTemplate> change, string what, CancellationToken ct)
    {
        var language = EmailTemplateService.NormalizeLanguage(draft.Language);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.EmailTemplates.FirstOrDefaultAsync(t => t.EventId == eventId && t.Kind == draft.Kind && t.Language == language, ct);
        var before = ToText(draft.Kind, language, row);
        if (before.Version != draft.Version)
        {
            return new EmailTemplateSaveResult(MenuSaveStatus.Conflict, before, []);
        }

        if (row is null)
        {
            row = new EmailTemplate(eventId, draft.Kind, language);
            db.EmailTemplates.Add(row);
        }

        change(row);
        var after = ToText(draft.Kind, language, row);
        db.History.Add(new ChangeRecord(
            eventId,
            HistoryArea,
            $"e-mail \"{draft.Kind}\" ({language}) {what}",
            JsonSerializer.Serialize(before, Json),
            JsonSerializer.Serialize(after, Json),
            actor,
            time.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another organizer saved between our read and our write (the version token or the
            // unique index said so): nothing of ours was written; show theirs.
            await using var fresh = await dbs.CreateDbContextAsync(ct);
            var theirs = await fresh.EmailTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.EventId == eventId && t.Kind == draft.Kind && t.Language == language, ct);
            return new EmailTemplateSaveResult(MenuSaveStatus.Conflict, ToText(draft.Kind, language, theirs), []);
        }

        return new EmailTemplateSaveResult(MenuSaveStatus.Saved, after, []);
    }

    private static EmailTemplateText ToText(EmailKind kind, string language, EmailTemplate? row)
    {
        if (row is { IsCustom: true })
        {
            return new EmailTemplateText(kind, language, row.Subject!, row.Body!, true, row.Version);
        }

        var (subject, body) = EmailTemplateService.DefaultOf(kind, language);
        return new EmailTemplateText(kind, language, subject, body, false, row?.Version ?? 0);
    }
}
