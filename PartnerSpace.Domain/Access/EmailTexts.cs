using System.Globalization;
using System.Resources;

namespace PartnerSpace.Domain.Access;

/// <summary>E-mail texts in French and English (EmailTexts.resx, EmailTexts.fr.resx).</summary>
public static class EmailTexts
{
    private static readonly ResourceManager Resources = new("PartnerSpace.Domain.Access.EmailTexts", typeof(EmailTexts).Assembly);

    public static string Get(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new InvalidOperationException($"Missing e-mail text '{key}'.");
}
