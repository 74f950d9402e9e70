using System.Globalization;
using System.Net;
using System.Resources;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Meetings;

/// <summary>What happened to a meeting, as its participants are told by e-mail.</summary>
public enum MeetingChange
{
    Requested,
    Invited,
    Accepted,
    Declined,
    Cancelled,
    Rescheduled,
    Expired,
    Reassigned,
}

/// <summary>Who made a change: the attendee, the partner's side (a member or an organizer), or the system (expiry).</summary>
public enum MeetingParty
{
    Attendee,
    Partner,
    System,
}

/// <summary>
/// Issue 6 item 9: tells the other side of a meeting change by e-mail, each person in their
/// language, times in the event's zone, with the meeting's <c>.ics</c> attached (REQUEST while the
/// meeting is live, CANCEL once it ended). <see cref="MeetingService"/> calls it inside the change's
/// write transaction, so the e-mails are committed with the change or not at all; the outbox
/// sender sends them later.
/// </summary>
public static class MeetingNotifier
{
    public const string AttachmentName = "meeting.ics";

    private static readonly ResourceManager Texts = new("PartnerSpace.Domain.Meetings.MeetingEmailTexts", typeof(MeetingNotifier).Assembly);

    /// <summary>
    /// Adds the e-mails of one change to <paramref name="db"/>'s outbox (not saved); returns how many.
    /// The attendee is told of the partner's changes; the host (or, without one, the partner's
    /// administrators) of the attendee's; both of an expiry. The host also hears of a change another
    /// member made for them, and a new host of their reassignment.
    /// </summary>
    public static async Task<int> QueueAsync(PartnerSpaceDbContext db, Meeting meeting, MeetingChange change, MeetingParty by, Guid? actorPersonId, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(meeting);
        var recipients = await RecipientsAsync(db, meeting, by, actorPersonId, ct);
        if (recipients.Count == 0)
        {
            return 0;
        }

        var show = await db.Events.AsNoTracking().SingleAsync(e => e.Id == meeting.EventId, ct);
        var partnerName = await db.Partners.Where(p => p.Id == meeting.PartnerId).Select(p => p.Name).SingleAsync(ct);
        var people = new[] { meeting.AttendeePersonId, meeting.HostPersonId ?? Guid.Empty };
        var known = await db.People.AsNoTracking().Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var attendee = known[meeting.AttendeePersonId];
        var host = meeting.HostPersonId is { } hostId ? known.GetValueOrDefault(hostId) : null;
        var space = meeting.SlotId is { } slotId
            ? await db.MeetingSlots.AsNoTracking().Where(s => s.Id == slotId)
                .Join(db.MeetingSpaces.AsNoTracking(), s => s.SpaceId, sp => sp.Id, (s, sp) => sp).FirstOrDefaultAsync(ct)
            : null;

        foreach (var person in recipients)
        {
            var culture = CultureInfo.GetCultureInfo(person.Language.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? "fr" : "en");
            var calendar = new CalendarMeeting(
                meeting.Id,
                partnerName,
                new CalendarPerson(attendee.FullName, attendee.Email),
                host is null ? null : new CalendarPerson(host.FullName, host.Email),
                space,
                meeting.StartsAt,
                meeting.EndsAt,
                meeting.Status,
                meeting.Sequence,
                show.TimeZoneId,
                show.Name.For(culture.Name));
            db.Outbox.Add(Compose(person, calendar, change, culture, now));
        }

        return recipients.Count;
    }

    /// <summary>The e-mail of one change to one person; its attachment is the meeting's iCalendar file.</summary>
    public static OutboxMessage Compose(Person person, CalendarMeeting meeting, MeetingChange change, CultureInfo culture, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(meeting);
        var hostName = meeting.Host?.Name ?? "";
        var subject = Format(culture, $"{change}.Subject", meeting.PartnerName, meeting.Attendee.Name, hostName);
        var live = meeting.Status is MeetingStatus.Pending or MeetingStatus.Accepted;
        var lines = new List<string>
        {
            Format(culture, $"{change}.Line", meeting.PartnerName, meeting.Attendee.Name, hostName),
            Format(culture, "When", When(meeting, culture)),
        };
        if (Where(meeting.Space) is { } where)
        {
            lines.Add(Format(culture, "Where", where));
        }

        if (meeting.Host is { } host && host.Email != person.Email)
        {
            lines.Add(Format(culture, "Host", host.Name));
        }

        var calendarLine = Get(live ? "Calendar.Add" : "Calendar.Remove", culture);
        var greeting = Format(culture, "Greeting", person.FirstName);
        var footer = Format(culture, "Footer", meeting.EventName);

        var text = new StringBuilder().AppendLine(greeting).AppendLine();
        lines.ForEach(l => text.AppendLine(l));
        text.AppendLine().AppendLine(calendarLine).AppendLine().AppendLine("-- ").AppendLine(footer);

        var html = new StringBuilder().Append("<p>").Append(WebUtility.HtmlEncode(greeting)).Append("</p><p>")
            .Append(WebUtility.HtmlEncode(lines[0])).Append("</p><p>")
            .AppendJoin("<br>", lines.Skip(1).Select(WebUtility.HtmlEncode))
            .Append("</p><p>").Append(WebUtility.HtmlEncode(calendarLine)).Append("</p><p style=\"color:#666\">")
            .Append(WebUtility.HtmlEncode(footer)).Append("</p>");

        var method = live ? "REQUEST" : "CANCEL";
        return new OutboxMessage(person.EventId, person.Email, Clip(subject), text.ToString(), html.ToString(), now)
            .WithAttachment(AttachmentName, $"text/calendar; method={method}", MeetingCalendar.OneMeeting(meeting, now));
    }

    private static async Task<List<Person>> RecipientsAsync(PartnerSpaceDbContext db, Meeting meeting, MeetingParty by, Guid? actorPersonId, CancellationToken ct)
    {
        var ids = new List<Guid>();
        var tellAttendee = by != MeetingParty.Attendee;
        var tellPartner = by != MeetingParty.Partner;
        if (tellAttendee)
        {
            ids.Add(meeting.AttendeePersonId);
        }

        if (meeting.HostPersonId is { } host)
        {
            // The host hears of what the attendee, the system or another member did for them,
            // and a new host of their reassignment (unless they took it themselves).
            if (tellPartner || (by == MeetingParty.Partner && host != actorPersonId))
            {
                ids.Add(host);
            }
        }
        else if (tellPartner)
        {
            ids.AddRange(await db.PartnerMembers.Where(m => m.PartnerId == meeting.PartnerId && m.Role == MemberRole.Administrator)
                .Select(m => m.PersonId).ToListAsync(ct));
        }

        ids.RemoveAll(id => id == actorPersonId);
        var distinct = ids.Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => distinct.Contains(p.Id)).ToListAsync(ct);
        return [.. people.OrderBy(p => distinct.IndexOf(p.Id))];
    }

    private static string When(CalendarMeeting meeting, CultureInfo culture)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(meeting.TimeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        var start = TimeZoneInfo.ConvertTime(meeting.StartsAt, zone);
        var end = TimeZoneInfo.ConvertTime(meeting.EndsAt, zone);
        return string.Format(culture, "{0:D}, {0:t}–{1:t} ({2})", start, end, meeting.TimeZoneId);
    }

    private static string? Where(MeetingSpace? space) => space switch
    {
        null => null,
        { Kind: SpaceKind.Online, Link: { Length: > 0 } link } => $"{space.Name}: {link}",
        { Kind: SpaceKind.Physical, Place: { Length: > 0 } place } => $"{space.Name}, {place}",
        _ => space.Name,
    };

    private static string Format(CultureInfo culture, string key, params object[] args) => string.Format(culture, Get(key, culture), args);

    private static string Get(string key, CultureInfo culture) =>
        Texts.GetString(key, culture) ?? throw new InvalidOperationException($"Missing meeting e-mail text '{key}'.");

    private static string Clip(string subject) => subject.Length > OutboxMessage.SubjectMaxLength ? subject[..OutboxMessage.SubjectMaxLength] : subject;
}
