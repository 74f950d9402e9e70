namespace PartnerSpace.Web.Features.Directory;

/// <summary>Short forms of partner texts for cards and search engines' snippets.</summary>
public static class PublicText
{
    /// <summary>Search engines show about 160 characters of a description.</summary>
    public const int MetaDescriptionLength = 160;

    /// <summary>The text on one line, cut at a word before <paramref name="length"/> with an ellipsis.</summary>
    public static string? Shorten(string? text, int length)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var line = string.Join(' ', text.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= length)
        {
            return line;
        }

        var cut = line.LastIndexOf(' ', length - 1);
        return string.Concat(line.AsSpan(0, cut > length / 2 ? cut : length - 1).TrimEnd([',', ';', ':', '.', ' ']), "…");
    }

    /// <summary>Up to two initials, shown where a partner has no logo.</summary>
    public static string Initials(string name) =>
        string.Concat(name.Split(' ', '-', '&').Where(w => w.Length > 0 && char.IsLetterOrDigit(w[0])).Take(2).Select(w => char.ToUpperInvariant(w[0])));
}
