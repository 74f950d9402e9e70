using PartnerSpace.Domain.Common;

namespace PartnerSpace.Domain.Events;

/// <summary>An event: every partner, person and page belongs to one.</summary>
public sealed class Event
{
    public const int NameMaxLength = 120;
    public const int SlugMaxLength = 60;

    private Event()
    {
    }

    public Event(string slug, LocalizedText name, DateTimeOffset startsAt, DateTimeOffset endsAt, string timeZoneId)
    {
        Slug = slug;
        Name = name;
        StartsAt = startsAt.ToUniversalTime();
        EndsAt = endsAt.ToUniversalTime();
        TimeZoneId = timeZoneId;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string Slug { get; private set; } = "";

    public LocalizedText Name { get; private set; } = LocalizedText.Empty;

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    /// <summary>IANA time zone in which times are shown (stored times are UTC).</summary>
    public string TimeZoneId { get; private set; } = "Europe/Paris";

    /// <summary>S-1.7: the scan mailing may go out at the earliest this long before the event starts.</summary>
    public static readonly TimeSpan ScanMailingLead = TimeSpan.FromDays(15);

    /// <summary>S-1.7: when the organizer sent the scan mailing, which opens the partners' Leads tab.</summary>
    public DateTimeOffset? ScanMailingSentAt { get; private set; }

    /// <summary>The earliest time the scan mailing may go out.</summary>
    public DateTimeOffset ScanMailingOpensAt => StartsAt - ScanMailingLead;

    internal void MarkScanMailingSent(DateTimeOffset at) => ScanMailingSentAt ??= at;
}

/// <summary>An organizer account allowed to manage one event.</summary>
public sealed class EventOrganizer
{
    private EventOrganizer()
    {
    }

    public EventOrganizer(Guid eventId, Guid userId)
    {
        EventId = eventId;
        UserId = userId;
    }

    public Guid EventId { get; private set; }

    public Guid UserId { get; private set; }
}
