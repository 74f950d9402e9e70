using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Access;

/// <summary>The e-mails PartnerSpace sends, each with a template per language (issue 8, item 2).</summary>
public enum EmailKind
{
    /// <summary>A sign-in link the person asked for on the sign-in page.</summary>
    SignIn,

    /// <summary>The access e-mail to a partner's people when its space is opened (S-4.2, S-4.3).</summary>
    Access,
}

/// <summary>A composed e-mail, ready for the outbox.</summary>
public sealed record ComposedEmail(string Subject, string Text, string Html);

/// <summary>
/// Composes e-mails from templates: a subject line and a plain-text body with named placeholders
/// such as <c>{firstName}</c> and <c>{link}</c>. The HTML part is made from the text (encoded,
/// paragraphs, the link as a button), so an organizer's template can never inject markup.
/// </summary>
public sealed partial class EmailTemplateService(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    /// <summary>The placeholder whose value is a URL, rendered as a link in the HTML part.</summary>
    public const string LinkPlaceholder = "link";

    private readonly IDbContextFactory<PartnerSpaceDbContext> _dbs = dbs;

    public Task<ComposedEmail> ComposeAsync(
        Guid eventId, EmailKind kind, string language, IReadOnlyDictionary<string, string> values, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        _ = _dbs; // the organizer's own templates come with the template editor
        _ = eventId;
        _ = ct;
        var culture = CultureInfo.GetCultureInfo(language);
        var subject = EmailTexts.Get($"{kind}.Subject", culture);
        var body = EmailTexts.Get($"{kind}.Body", culture);
        return Task.FromResult(Render(subject, body, values));
    }

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
