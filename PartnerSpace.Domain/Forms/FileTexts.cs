using System.Globalization;
using System.Resources;

namespace PartnerSpace.Domain.Forms;

/// <summary>The sentences that refuse a file, in the reader's language (the current UI culture: French or English).</summary>
public static class FileTexts
{
    private static readonly ResourceManager Resources = new("PartnerSpace.Domain.Forms.FileTexts", typeof(FileTexts).Assembly);

    public static string Format(string key, params object?[] args)
    {
        var culture = CultureInfo.CurrentUICulture;
        var text = Resources.GetString(key, culture) ?? throw new InvalidOperationException($"Missing file text '{key}'.");
        return string.Format(culture, text, args);
    }
}
