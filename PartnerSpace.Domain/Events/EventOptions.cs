namespace PartnerSpace.Domain.Events;

/// <summary>
/// The organizer's switches for an event's partner space: sessions display (S-1.6), team badges
/// (S-1.5), the sales-contact options of the attendee space (S-1.8) and how long a meeting
/// request waits for an answer (S-2.9).
/// </summary>
public sealed record EventOptionValues(
    bool SessionsShowAttendeesPresent,
    bool SessionsShowRegistrants,
    bool TeamShowBadges,
    bool SalesContactTab,
    bool SalesContactsContactAttendees,
    bool SalesContactsChooseSlots,
    bool SalesContactsManageSpaces,
    bool OnlineSpaces,
    bool PhysicalSpaces)
{
    public const int MinRequestExpiryHours = 1;
    public const int MaxRequestExpiryHours = 14 * 24;

    public static readonly EventOptionValues Default = new(false, false, false, true, false, false, false, false, false);

    /// <summary>S-2.9: hours a pending meeting waits for the other side's answer before it expires and frees its slot.</summary>
    public int MeetingRequestExpiryHours { get; init; } = 48;

    public TimeSpan MeetingRequestExpiry => TimeSpan.FromHours(Math.Clamp(MeetingRequestExpiryHours, MinRequestExpiryHours, MaxRequestExpiryHours));

    /// <summary>
    /// S-1.8: each sub-option needs its parent: spaces need chosen slots, online and physical
    /// spaces need spaces. Switching a parent off switches its sub-options off.
    /// </summary>
    public EventOptionValues Normalized()
    {
        var chooseSlots = SalesContactTab && SalesContactsChooseSlots;
        var spaces = chooseSlots && SalesContactsManageSpaces;
        return this with
        {
            SalesContactsContactAttendees = SalesContactTab && SalesContactsContactAttendees,
            SalesContactsChooseSlots = chooseSlots,
            SalesContactsManageSpaces = spaces,
            OnlineSpaces = spaces && OnlineSpaces,
            PhysicalSpaces = spaces && PhysicalSpaces,
        };
    }
}

/// <summary>The stored options of one event, versioned against stale saves.</summary>
public sealed class EventOptions
{
    private EventOptions()
    {
    }

    public EventOptions(Guid eventId) => EventId = eventId;

    public Guid EventId { get; private set; }

    public EventOptionValues Values { get; private set; } = EventOptionValues.Default;

    public int Version { get; private set; }

    internal void Apply(EventOptionValues values)
    {
        Values = values;
        Version++;
    }
}
