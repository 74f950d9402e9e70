using System.Globalization;

namespace PartnerSpace.Web.Features.Discounts;

/// <summary>Cents shown and typed as euros, the paid event's currency (S-2.11).</summary>
public static class Money
{
    public static string Format(int cents) => string.Format(CultureInfo.CurrentCulture, "{0:N2} €", cents / 100m);

    /// <summary>Euros typed with a comma or a dot; null when unreadable.</summary>
    public static int? ParseEuros(decimal? euros) => euros is { } value ? (int)Math.Round(value * 100, MidpointRounding.AwayFromZero) : null;
}
