using System.Globalization;

namespace PartnerSpace.Web.Shared;

/// <summary>A file size for people: "820 KB", "3.4 MB", in the UI culture.</summary>
public static class FileSize
{
    public static string Of(long bytes)
    {
        // French counts in octets: "820 Ko", "3,4 Mo".
        var french = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";
        return bytes switch
        {
            < 1024 => string.Format(CultureInfo.CurrentCulture, french ? "{0} o" : "{0} B", bytes),
            < 1024 * 1024 => string.Format(CultureInfo.CurrentCulture, french ? "{0:0} Ko" : "{0:0} KB", Math.Ceiling(bytes / 1024.0)),
            _ => string.Format(CultureInfo.CurrentCulture, french ? "{0:0.0} Mo" : "{0:0.0} MB", bytes / (1024.0 * 1024)),
        };
    }
}
