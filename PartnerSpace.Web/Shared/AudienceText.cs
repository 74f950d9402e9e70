using System.Globalization;
using Microsoft.Extensions.Localization;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Web.Shared;

/// <summary>An audience in words for lists: "All partners", "Gold, Startup", "Acme, Globex".</summary>
public static class AudienceText
{
    public static string Of(IStringLocalizer localizer, Audience audience, IReadOnlyList<AudiencePartner> partners)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(audience);
        return audience.Kind switch
        {
            AudienceKind.Categories => string.Format(CultureInfo.CurrentCulture, localizer["Audience.Text.Categories"], string.Join(", ", audience.Categories)),
            AudienceKind.ChosenPartners => Names(audience.In(partners).Select(p => p.Name).ToList()),
            _ => localizer["Audience.All"],
        };

        string Names(IReadOnlyList<string> names) => names.Count <= 3
            ? string.Join(", ", names)
            : string.Format(CultureInfo.CurrentCulture, localizer["Audience.Text.More"], string.Join(", ", names.Take(2)), names.Count - 2);
    }
}
