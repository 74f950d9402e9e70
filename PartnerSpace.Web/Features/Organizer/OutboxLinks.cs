using System.Text.RegularExpressions;

namespace PartnerSpace.Web.Features.Organizer;

/// <summary>Finds the links of an e-mail's text so the outbox screen can offer them.</summary>
public static partial class OutboxLinks
{
    public static IEnumerable<string> Find(string text) =>
        LinkPattern().Matches(text ?? "").Select(m => m.Value).Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
