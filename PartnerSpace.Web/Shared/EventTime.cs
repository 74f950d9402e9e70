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

    /// <summary>A time typed in the event's time zone (a due date), as the UTC instant it means.</summary>
    public static DateTimeOffset FromEventZone(DateTime local, string timeZoneId)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A time skipped by a clock change does not exist: it is read an hour later.
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), TimeSpan.Zero);
    }

    /// <summary>A full date and time in the event's zone and the UI culture: "25 nov. 2026 18:00".</summary>
    public static string FormatFull(DateTimeOffset utc, string timeZoneId) =>
        ToEventZone(utc, timeZoneId).ToString("d MMM yyyy HH:mm", CultureInfo.CurrentCulture);

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
