using System.Globalization;

namespace PartnerSpace.Web.Shared;

/// <summary>Stored times are UTC; people see them in the event's time zone (DESIGN §2).</summary>
public static class EventTime
{
    public static DateTimeOffset ToEventZone(DateTimeOffset utc, string timeZoneId)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTime(utc, zone);
    }

    /// <summary>"14:05" today, "23 nov. 14:05" / "Nov 23 14:05" otherwise, in the UI culture.</summary>
    public static string Format(DateTimeOffset utc, string timeZoneId, DateTimeOffset nowUtc)
    {
        var local = ToEventZone(utc, timeZoneId);
        var today = ToEventZone(nowUtc, timeZoneId).Date;
        var culture = CultureInfo.CurrentCulture;
        return local.Date == today
            ? local.ToString("t", culture)
            : local.ToString("d MMM HH:mm", culture);
    }
}
