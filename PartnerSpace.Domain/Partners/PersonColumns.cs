using PartnerSpace.Domain.Common;

namespace PartnerSpace.Domain.Partners;

/// <summary>The columns about a person that the team and attendee imports share, with their French and English headers.</summary>
internal static class PersonColumns
{
    public static readonly ImportColumn Email = new("email", required: true, "e-mail", "mail", "courriel", "email address", "adresse e-mail", "adresse mail", "adresse électronique");

    public static readonly ImportColumn FirstName = new("first_name", required: true, "first name", "firstname", "given name", "prénom");

    public static readonly ImportColumn LastName = new("last_name", required: true, "last name", "lastname", "surname", "family name", "nom", "nom de famille");

    public static readonly ImportColumn Company = new("company", required: false, "organization", "organisation", "société", "entreprise");

    public static readonly ImportColumn Language = new("language", required: false, "lang", "langue");

    /// <summary>"fr" or "en" from what people write in a language cell; null when it is neither.</summary>
    public static string? LanguageOf(string value) => ImportFile.Key(value) switch
    {
        "fr" or "fra" or "fre" or "francais" or "french" => "fr",
        "en" or "eng" or "anglais" or "english" => "en",
        var key when key.Length == 4 && key.StartsWith("fr", StringComparison.Ordinal) => "fr",
        var key when key.Length == 4 && key.StartsWith("en", StringComparison.Ordinal) => "en",
        _ => null,
    };
}
