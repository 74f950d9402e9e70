using System.Globalization;
using Microsoft.Extensions.Localization;
using PartnerSpace.Domain.Discounts;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Discounts;

/// <summary>How codes read on screen: "20 %", "15,00 €", "12 / 50", "until 30 Nov".</summary>
public static class DiscountText
{
    public static string Of(DiscountKind kind, int value) =>
        kind == DiscountKind.Percent ? string.Format(CultureInfo.CurrentCulture, "{0} %", value) : Money.Format(value);

    public static string Usage(IStringLocalizer l, int used, int? quota)
    {
        ArgumentNullException.ThrowIfNull(l);
        return quota is { } max
            ? string.Format(CultureInfo.CurrentCulture, l["Discounts.UsedOf"], used, max)
            : string.Format(CultureInfo.CurrentCulture, l["Discounts.UsedNoLimit"], used);
    }

    public static string Validity(IStringLocalizer l, DateTimeOffset? from, DateTimeOffset? until, string timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(l);
        string Day(DateTimeOffset at) => EventTime.ToEventZone(at, timeZoneId).ToString("d MMM yyyy", CultureInfo.CurrentCulture);
        return (from, until) switch
        {
            ({ } f, { } u) => string.Format(CultureInfo.CurrentCulture, l["Discounts.FromUntil"], Day(f), Day(u)),
            ({ } f, null) => string.Format(CultureInfo.CurrentCulture, l["Discounts.From"], Day(f)),
            (null, { } u) => string.Format(CultureInfo.CurrentCulture, l["Discounts.Until"], Day(u)),
            _ => l["Discounts.Always"],
        };
    }
}
