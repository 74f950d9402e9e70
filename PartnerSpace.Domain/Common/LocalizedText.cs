namespace PartnerSpace.Domain.Common;

/// <summary>A label the organizer writes in French and in English; stored as two columns.</summary>
public sealed record LocalizedText(string Fr, string En)
{
    public static readonly LocalizedText Empty = new("", "");

    /// <summary>The text for a culture name ("fr", "fr-FR", "en"…), falling back to the other language when empty.</summary>
    public string For(string? culture)
    {
        var french = culture is not null && culture.StartsWith("fr", StringComparison.OrdinalIgnoreCase);
        var preferred = french ? Fr : En;
        return string.IsNullOrWhiteSpace(preferred) ? (french ? En : Fr) : preferred;
    }

    public string ForCurrentCulture() => For(System.Globalization.CultureInfo.CurrentUICulture.Name);
}
