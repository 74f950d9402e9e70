using System.Globalization;
using System.Text;

namespace PartnerSpace.Domain.Common;

/// <summary>Address segments made from titles: lower-case ASCII letters, digits and dashes.</summary>
public static class Slugs
{
    /// <summary>Segments the portal uses for its own routes, never given to a custom page.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal) { "p", "api", "scanner", "settings", "badges" };

    public static string From(string title, int maxLength)
    {
        var decomposed = (title ?? "").Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder();
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > maxLength)
        {
            slug = slug[..maxLength].TrimEnd('-');
        }

        return slug.Length == 0 ? "page" : slug;
    }
}
