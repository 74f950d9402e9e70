using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace PartnerSpace.Web.Shared;

/// <summary>
/// S-1.3: turns an organizer's Markdown into HTML safe to show partners. The one renderer of the
/// portal's custom pages and the page editor's preview, so the preview shows what partners get.
/// Raw HTML in the Markdown is allowed through Markdig and then cut down by the same allow-list:
/// what is not on it (scripts, event handlers, styles, frames, forms) is dropped.
/// </summary>
public sealed partial class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    private readonly HtmlSanitizer _sanitizer;

    public MarkdownRenderer()
    {
        _sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "del", "s", "sub", "sup",
                "code", "pre", "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "alt", "title", "start" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "https", "http", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        })
        {
            // Elements that are not allowed go with what they hold (a <script>'s text must not stay as text).
            KeepChildNodes = false,
        };
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement element)
            {
                Finish(element);
            }
        };
    }

    /// <summary>Sanitized HTML for the Markdown; empty for empty text.</summary>
    public string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        // The page's title is its only h1: the body's headings start one level below.
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(heading.Level + 1, 6);
        }

        return _sanitizer.Sanitize(document.ToHtml(Pipeline)).Trim();
    }

    /// <summary>Images only from our own files or https; links never reach back to the page that opened them.</summary>
    private static void Finish(IElement element)
    {
        switch (element.LocalName)
        {
            case "img":
                var src = element.GetAttribute("src") ?? "";
                if (!OwnFile().IsMatch(src) && !src.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                {
                    element.Remove();
                    return;
                }

                element.SetAttribute("loading", "lazy");
                break;
            case "a":
                element.SetAttribute("rel", "noopener noreferrer");
                var href = element.GetAttribute("href") ?? "";
                if (IsExternal(href))
                {
                    element.SetAttribute("target", "_blank");
                }

                break;
        }
    }

    private static bool IsExternal(string href) =>
        href.StartsWith("//", StringComparison.Ordinal)
        || href.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^/files/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex OwnFile();
}
