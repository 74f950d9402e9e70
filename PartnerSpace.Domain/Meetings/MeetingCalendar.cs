using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace PartnerSpace.Domain.Meetings;

/// <summary>A person in a calendar file: name and e-mail.</summary>
public sealed record CalendarPerson(string Name, string Email);

/// <summary>What the iCalendar text of one meeting says (loaded by <see cref="CalendarFeedService"/>).</summary>
public sealed record CalendarMeeting(
    Guid Id,
    string PartnerName,
    CalendarPerson Attendee,
    CalendarPerson? Host,
    MeetingSpace? Space,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    MeetingStatus Status,
    int Sequence,
    string TimeZoneId,
    string EventName);

/// <summary>
/// S-3.4: the iCalendar text of a meeting (<c>/meetings/{id}.ics</c>, e-mail attachments) and of a
/// subscribable feed (<c>/calendar/{token}.ics</c>). Times are in the event's time zone with its
/// VTIMEZONE; each meeting keeps one UID and its SEQUENCE, and an ended meeting stays as CANCELLED
/// so subscribed calendars remove it.
/// </summary>
public static class MeetingCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    private const string ProductId = "-//PartnerSpace//Meetings//EN";

    /// <summary>The UID of a meeting: the same in every file and feed, so calendars update it in place.</summary>
    public static string Uid(Guid meetingId) => $"{meetingId}@partnerspace";

    /// <summary>One meeting, to add to a calendar: REQUEST while live, CANCEL once ended.</summary>
    public static string OneMeeting(CalendarMeeting meeting, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var calendar = NewCalendar(meeting.Status is MeetingStatus.Pending or MeetingStatus.Accepted ? "REQUEST" : "CANCEL", meeting.TimeZoneId);
        calendar.Events.Add(Event(meeting, now));
        return Serialize(calendar);
    }

    /// <summary>A subscribable feed (METHOD:PUBLISH) of the meetings, in the event's time zone.</summary>
    public static string Feed(string name, string timeZoneId, IEnumerable<CalendarMeeting> meetings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        var calendar = NewCalendar("PUBLISH", timeZoneId);
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", timeZoneId);
        foreach (var meeting in meetings.OrderBy(m => m.StartsAt))
        {
            calendar.Events.Add(Event(meeting, now));
        }

        return Serialize(calendar);
    }

    /// <summary>The iCalendar STATUS of a meeting: pending is tentative, ended meetings are cancelled.</summary>
    public static string StatusOf(MeetingStatus status) => status switch
    {
        MeetingStatus.Accepted => EventStatus.Confirmed,
        MeetingStatus.Pending => EventStatus.Tentative,
        _ => EventStatus.Cancelled,
    };

    private static Calendar NewCalendar(string method, string timeZoneId)
    {
        var calendar = new Calendar { ProductId = ProductId, Method = method };
        calendar.AddTimeZone(timeZoneId);
        return calendar;
    }

    private static CalendarEvent Event(CalendarMeeting meeting, DateTimeOffset now)
    {
        var summary = $"{meeting.PartnerName} – {meeting.Attendee.Name}";
        var calendarEvent = new CalendarEvent
        {
            Uid = Uid(meeting.Id),
            DtStamp = new CalDateTime(now.UtcDateTime, "UTC"),
            DtStart = Local(meeting.StartsAt, meeting.TimeZoneId),
            DtEnd = Local(meeting.EndsAt, meeting.TimeZoneId),
            Summary = summary,
            Location = Location(meeting.Space),
            Description = Description(meeting),
            Sequence = meeting.Sequence,
            Status = StatusOf(meeting.Status),
            // A pending meeting already holds the person's time (ADR 0009): busy, like an accepted one.
            Transparency = meeting.Status is MeetingStatus.Pending or MeetingStatus.Accepted ? TransparencyType.Opaque : TransparencyType.Transparent,
        };

        if (meeting.Space is { Kind: SpaceKind.Online, Link: { Length: > 0 } link } && Uri.TryCreate(link, UriKind.Absolute, out var url))
        {
            calendarEvent.Url = url;
        }

        // The partner's person in charge runs the meeting; until one is assigned, the attendee does.
        var organizer = meeting.Host ?? meeting.Attendee;
        calendarEvent.Organizer = new Organizer($"mailto:{organizer.Email}") { CommonName = organizer.Name };
        calendarEvent.Attendees.Add(Attendee(meeting.Attendee, meeting.Status));
        if (meeting.Host is { } host)
        {
            calendarEvent.Attendees.Add(Attendee(host, meeting.Status == MeetingStatus.Pending ? MeetingStatus.Accepted : meeting.Status));
        }

        return calendarEvent;
    }

    private static Attendee Attendee(CalendarPerson person, MeetingStatus status) => new($"mailto:{person.Email}")
    {
        CommonName = person.Name,
        Role = ParticipationRole.RequiredParticipant,
        ParticipationStatus = status switch
        {
            MeetingStatus.Accepted => EventParticipationStatus.Accepted,
            MeetingStatus.Pending => EventParticipationStatus.NeedsAction,
            _ => EventParticipationStatus.Declined,
        },
    };

    private static CalDateTime Local(DateTimeOffset at, string timeZoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        return new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), timeZoneId);
    }

    private static string? Location(MeetingSpace? space) => space switch
    {
        null => null,
        { Kind: SpaceKind.Online, Link: { Length: > 0 } link } => link,
        { Kind: SpaceKind.Physical, Place: { Length: > 0 } place } => $"{space.Name}, {place}",
        _ => space.Name,
    };

    private static string Description(CalendarMeeting meeting)
    {
        var text = new StringBuilder();
        text.Append(meeting.EventName).Append(": ").Append(meeting.PartnerName).Append(" – ").AppendLine(meeting.Attendee.Name);
        if (meeting.Host is { } host)
        {
            text.Append("With ").AppendLine(host.Name);
        }

        if (meeting.Space is { } space)
        {
            text.Append(space.Name);
            if (space.Kind == SpaceKind.Physical && !string.IsNullOrEmpty(space.Place))
            {
                text.Append(", ").Append(space.Place);
            }
            else if (space.Kind == SpaceKind.Online && !string.IsNullOrEmpty(space.Link))
            {
                text.Append(": ").Append(space.Link);
            }

            text.AppendLine();
        }

        text.Append("Status: ").Append(meeting.Status.ToString().ToLowerInvariant());
        return text.ToString();
    }

    private static string Serialize(Calendar calendar) => new CalendarSerializer().SerializeToString(calendar) ?? "";
}
