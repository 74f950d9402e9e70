using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Meetings.Calendar;

/// <summary>
/// The meeting domain's errors in the reader's language. Some carry numbers or times in their
/// English sentence (how many meetings, which slot clashes): those are read back from it and put
/// in the localized text; anything unknown falls back to <see cref="ErrorText"/>.
/// </summary>
public static partial class CalendarErrors
{
    public static string Message(IStringLocalizer localizer, Error error)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            "space-has-meetings" or "slot-has-meeting" when Number().Match(error.Message) is { Success: true } count =>
                string.Format(CultureInfo.CurrentCulture, localizer[$"Calendar.Error.{error.Code}"], int.Parse(count.Value, CultureInfo.InvariantCulture)),
            "too-many" => string.Format(CultureInfo.CurrentCulture, localizer["Calendar.Error.too-many"], MeetingSpaceService.MaxSpaces),
            _ => localizer.Message(error, "Calendar.Error"),
        };
    }

    /// <summary>The field's message: the clash of a slot names both slots' times and whose slot it was.</summary>
    public static string Field(IStringLocalizer localizer, string field, string english)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (field == "slots" && Clash().Match(english) is { Success: true } clash)
        {
            var whose = clash.Groups["whose"].Value == "this space" ? localizer["Calendar.Clash.Space"] : localizer["Calendar.Clash.Staff"];
            return string.Format(CultureInfo.CurrentCulture, localizer["Calendar.Clash"], clash.Groups["new"].Value, clash.Groups["old"].Value, whose);
        }

        var key = (field, english) switch
        {
            ("from" or "to", _) when english.Contains("multiple", StringComparison.Ordinal) => "Calendar.Field.grid",
            ("to", _) when english.StartsWith("No meeting fits", StringComparison.Ordinal) => "Calendar.Field.nofit",
            ("space", _) when english.Contains("no longer exists", StringComparison.Ordinal) => "Calendar.Field.spacegone",
            ("staff", _) when english.Contains("yourself", StringComparison.Ordinal) => "Calendar.Field.staffself",
            _ => $"Calendar.Field.{field}",
        };
        var text = localizer[key];
        return text.ResourceNotFound ? english : text.Value;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();

    [GeneratedRegex(@"The slot (?<new>\d\d:\d\d–\d\d:\d\d) would overlap the existing slot (?<old>\d\d:\d\d–\d\d:\d\d) of (?<whose>this space|this staff member)")]
    private static partial Regex Clash();
}
