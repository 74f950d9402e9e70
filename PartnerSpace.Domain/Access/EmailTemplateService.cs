using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Access;

/// <summary>
/// The e-mails PartnerSpace sends, each with a template per language (issue 8, item 2). Meeting
/// notifications are not among them: they carry an invitation (.ics) and keep their own texts.
/// </summary>
public enum EmailKind
{
    /// <summary>A sign-in link the person asked for on the sign-in page.</summary>
    SignIn,

    /// <summary>The access e-mail to a partner's people when its space is opened (S-4.2, S-4.3).</summary>
    Access,

    /// <summary>The organizers remind a partner's administrators of a task not yet done.</summary>
    TaskReminder,

    /// <summary>How lead scanning works, sent once to every administrator before the event.</summary>
    ScanMailing,
}

/// <summary>A composed e-mail, ready for the outbox.</summary>
public sealed record ComposedEmail(string Subject, string Text, string Html)
{
    /// <summary>The outbox message to <paramref name="to"/>; a subject too long after filling is clipped.</summary>
    public OutboxMessage ToOutbox(Guid? eventId, string to, DateTimeOffset createdAt) =>
        new(eventId, to, Subject.Length > OutboxMessage.SubjectMaxLength ? Subject[..OutboxMessage.SubjectMaxLength] : Subject, Text, Html, createdAt);
}

/// <summary>One value an e-mail's template can name, e.g. <c>{firstName}</c>, with what the preview shows for it.</summary>
public sealed record EmailPlaceholder(string Name, LocalizedText Description, LocalizedText Sample, bool Required = false)
{
    /// <summary>As typed in a template: <c>{name}</c>.</summary>
    public string Token => $"{{{Name}}}";
}

/// <summary>
/// Composes e-mails from templates: a subject line and a plain-text body with named placeholders
/// such as <c>{firstName}</c> and <c>{link}</c>. The HTML part is made from the text (encoded,
/// paragraphs, the link as a link), so an organizer's template can never inject markup. The
/// organizer's own text of an event (<see cref="EmailTemplate"/>) wins over the default of that
/// language, kept in <c>Access/EmailTexts*.resx</c>.
/// </summary>
public sealed partial class EmailTemplateService(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    /// <summary>The placeholder whose value is a URL, rendered as a link in the HTML part.</summary>
    public const string LinkPlaceholder = "link";

    public static readonly IReadOnlyList<string> Languages = ["fr", "en"];

    private static readonly EmailPlaceholder FirstName = new("firstName", new("Prénom du destinataire", "The recipient's first name"), new("Ada", "Ada"));
    private static readonly EmailPlaceholder EventName = new("eventName", new("Nom de l'événement", "The event's name"), new("Salon Expo 2026", "Expo Fair 2026"));
    private static readonly EmailPlaceholder PartnerName = new("partnerName", new("Nom du partenaire", "The partner's name"), new("Acme", "Acme"));

    private static readonly Dictionary<EmailKind, IReadOnlyList<EmailPlaceholder>> Catalog = new()
    {
        [EmailKind.SignIn] =
        [
            FirstName,
            EventName,
            new(LinkPlaceholder, new("Le lien de connexion (obligatoire)", "The sign-in link (required)"), new("https://portal.example/sign-in/link?token=…", "https://portal.example/sign-in/link?token=…"), Required: true),
            new("minutes", new("Durée de validité du lien, en minutes", "How long the link works, in minutes"), new("15", "15")),
        ],
        [EmailKind.Access] =
        [
            FirstName,
            EventName,
            PartnerName,
            new(LinkPlaceholder, new("Le lien de connexion (obligatoire)", "The sign-in link (required)"), new("https://portal.example/sign-in/link?token=…", "https://portal.example/sign-in/link?token=…"), Required: true),
            new("expires", new("Date et heure où le lien expire", "When the link expires"), new("lundi 30 novembre 2026 10:00", "Monday, 30 November 2026 10:00")),
        ],
        [EmailKind.TaskReminder] =
        [
            FirstName,
            EventName,
            PartnerName,
            new("taskTitle", new("Titre de la tâche", "The task's title"), new("Assurance", "Insurance")),
            new("due", new("« (à faire avant le …) », vide si la tâche n'a pas d'échéance", "\" (due …)\", empty when the task has no due date"), new(" (à faire avant le lundi 30 novembre 2026 10:00)", " (due Monday, 30 November 2026 10:00)")),
            new(LinkPlaceholder, new("Le lien vers les tâches du partenaire (obligatoire)", "The link to the partner's tasks (required)"), new("https://portal.example/partner/…/tasks", "https://portal.example/partner/…/tasks"), Required: true),
        ],
        [EmailKind.ScanMailing] =
        [
            FirstName,
            EventName,
            PartnerName,
            new(LinkPlaceholder, new("Le lien vers les réglages du scan (obligatoire)", "The link to the scanning settings (required)"), new("https://portal.example/partner/…/leads/settings", "https://portal.example/partner/…/leads/settings"), Required: true),
        ],
    };

    private readonly IDbContextFactory<PartnerSpaceDbContext> _dbs = dbs;

    /// <summary>The placeholders a kind of e-mail knows, in the order the editor offers them.</summary>
    public static IReadOnlyList<EmailPlaceholder> PlaceholdersOf(EmailKind kind) => Catalog[kind];

    /// <summary>"fr" for any French culture name, otherwise "en".</summary>
    public static string NormalizeLanguage(string? language) =>
        language is not null && language.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? "fr" : "en";

    /// <summary>The default subject and body of a kind in a language.</summary>
    public static (string Subject, string Body) DefaultOf(EmailKind kind, string language)
    {
        var culture = System.Globalization.CultureInfo.GetCultureInfo(NormalizeLanguage(language));
        return (EmailTexts.Get($"{kind}.Subject", culture), EmailTexts.Get($"{kind}.Body", culture));
    }

    /// <summary>The e-mail of that kind for a person of that language, from the event's template or the default.</summary>
    public async Task<ComposedEmail> ComposeAsync(
        Guid eventId, EmailKind kind, string language, IReadOnlyDictionary<string, string> values, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        await using var db = await _dbs.CreateDbContextAsync(ct);
        return (await LoadAsync(db, eventId, kind, ct)).Compose(language, values);
    }

    /// <summary>
    /// The event's texts of one kind, read once (both languages), for services that compose many
    /// e-mails inside their own transaction.
    /// </summary>
    internal static async Task<EmailTemplateSet> LoadAsync(PartnerSpaceDbContext db, Guid eventId, EmailKind kind, CancellationToken ct)
    {
        var custom = await db.EmailTemplates.AsNoTracking()
            .Where(t => t.EventId == eventId && t.Kind == kind && t.Subject != null && t.Body != null)
            .Select(t => new { t.Language, t.Subject, t.Body })
            .ToListAsync(ct);
        return new EmailTemplateSet(kind, custom.ToDictionary(t => t.Language, t => (t.Subject!, t.Body!), StringComparer.Ordinal));
    }

    /// <summary>The preview of a template being edited, filled with the sample values of its language.</summary>
    public static ComposedEmail Preview(EmailKind kind, string language, string subject, string body)
    {
        var lang = NormalizeLanguage(language);
        return Render(subject ?? "", body ?? "", PlaceholdersOf(kind).ToDictionary(p => p.Name, p => p.Sample.For(lang), StringComparer.Ordinal));
    }

    /// <summary>The names a template uses, in order of first use.</summary>
    public static IReadOnlyList<string> PlaceholdersIn(string text) =>
        [.. Placeholder().Matches(text ?? "").Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>Fills a template's placeholders; unknown placeholders stay as typed.</summary>
    public static ComposedEmail Render(string subject, string body, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(values);
        var filledSubject = Placeholder().Replace(subject, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value)
            .ReplaceLineEndings(" ");
        var text = Placeholder().Replace(body, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

        var html = new StringBuilder();
        foreach (var paragraph in body.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var encoded = Placeholder().Replace(WebUtility.HtmlEncode(paragraph), m =>
            {
                var name = m.Groups[1].Value;
                if (!values.TryGetValue(name, out var value))
                {
                    return m.Value;
                }

                var safe = WebUtility.HtmlEncode(value);
                return name == LinkPlaceholder ? $"<a href=\"{safe}\">{safe}</a>" : safe;
            });
            html.Append("<p>").Append(encoded.Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        }

        return new ComposedEmail(filledSubject, text, html.ToString());
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();
}

/// <summary>The texts of one kind of e-mail for an event: the organizer's where written, else the defaults.</summary>
internal sealed class EmailTemplateSet(EmailKind kind, IReadOnlyDictionary<string, (string Subject, string Body)> custom)
{
    public ComposedEmail Compose(string language, IReadOnlyDictionary<string, string> values)
    {
        var lang = EmailTemplateService.NormalizeLanguage(language);
        var (subject, body) = custom.TryGetValue(lang, out var own) ? own : EmailTemplateService.DefaultOf(kind, lang);
        return EmailTemplateService.Render(subject, body, values);
    }
}
