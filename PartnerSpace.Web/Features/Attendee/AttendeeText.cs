using Microsoft.Extensions.Localization;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Attendee;

/// <summary>The attendee space's texts for domain answers and meeting states, in the reader's language.</summary>
public static class AttendeeText
{
    // Field errors share the code "validation": their sentences tell them apart.
    private static readonly Dictionary<string, string> FieldSentences = new(StringComparer.Ordinal)
    {
        ["Enter the badge code of the person you met."] = "Attendee.Error.BadgeRequired",
        ["No attendee of the event has this badge code."] = "Attendee.Error.BadgeUnknown",
        ["This is your own badge."] = "Attendee.Error.OwnBadge",
        ["You cannot request a meeting with your own partner."] = "Attendee.Error.OwnPartner",
    };

    /// <summary>One sentence for an error: a known field sentence, else <c>Attendee.Error.{code}</c>, else the domain's English.</summary>
    public static string Describe(IStringLocalizer localizer, Error error)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(error);
        if (error.Fields?.Values.SelectMany(v => v).FirstOrDefault() is { } sentence)
        {
            if (FieldSentences.TryGetValue(sentence, out var key))
            {
                return localizer[key];
            }

            return error.Fields.Keys.First() switch
            {
                "message" or "reply" or "note" or "body" => string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Attendee.Error.TooLong"], MaxLength(error.Fields.Keys.First())),
                _ => sentence,
            };
        }

        return localizer.Message(error, "Attendee.Error");
    }

    public static string Status(IStringLocalizer localizer, MeetingStatus status) => localizer[$"Attendee.Status.{status}"];

    public static MudBlazor.Color StatusColor(MeetingStatus status) => status switch
    {
        MeetingStatus.Accepted => MudBlazor.Color.Success,
        MeetingStatus.Pending => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };

    private static int MaxLength(string field) => field switch
    {
        "message" or "body" => Meeting.MessageMaxLength,
        "reply" => Domain.Contacts.PartnerMessage.BodyMaxLength,
        _ => Domain.Contacts.ContactShare.NoteMaxLength,
    };
}

/// <summary>Where a meeting stands for its attendee's screens.</summary>
public static class MeetingSummaryExtensions
{
    /// <summary>Pending or accepted and not ended yet: it can still be answered or cancelled.</summary>
    public static bool IsLiveFor(this MeetingSummary meeting, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return meeting.IsLive() && meeting.EndsAt > now;
    }

    public static bool IsLive(this MeetingSummary meeting) => meeting is { Status: MeetingStatus.Pending or MeetingStatus.Accepted };
}
