using System.Globalization;
using Microsoft.Extensions.Localization;
using PartnerSpace.Domain.Forms;

namespace PartnerSpace.Web.Features.FormBuilder;

public static class FileRulesText
{
    /// <summary>"PNG, JPEG or WebP, up to 2 MB", in the user's language.</summary>
    public static string Summary(this IStringLocalizer localizer, FileRules rules)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(rules);
        return string.Format(CultureInfo.CurrentCulture, localizer["Forms.Rules.Summary"], rules.KindsText(localizer["Forms.Rules.Or"]), rules.MaxSizeMb);
    }
}
