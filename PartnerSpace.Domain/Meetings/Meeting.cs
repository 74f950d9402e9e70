namespace PartnerSpace.Domain.Meetings;

/// <summary>S-2.9: where a meeting stands. Pending and Accepted are live: they hold their slot and their people's time.</summary>
public enum MeetingStatus
{
    Pending = 1,
    Accepted = 2,
    Declined = 3,
    Cancelled = 4,
    Expired = 5,
}

/// <summary>Who asked first: an attendee requested it, or the partner invited the attendee.</summary>
public enum MeetingOrigin
{
    AttendeeRequest = 1,
    PartnerInvitation = 2,
}

/// <summary>
/// S-2.9, S-3.5: a business meeting between a partner (its host: a sales contact or administrator)
/// and an attendee, in one of the partner's slots. The database lets one live meeting hold a slot
/// and refuses a person two live meetings at the same time (<see cref="MeetingOccupancy"/>, ADR 0009).
/// </summary>
public sealed class Meeting
{
    public const int MessageMaxLength = 2000;

    /// <summary>The statuses that hold a slot, as stored, for the partial unique index.</summary>
    public const string LiveStatusesSql = "'Pending', 'Accepted'";

    private Meeting()
    {
    }

    public Meeting(Guid eventId, Guid partnerId, MeetingSlot slot, Guid attendeePersonId, Guid? hostPersonId, MeetingOrigin origin, DateTimeOffset createdAt, DateTimeOffset? expiresAt)
    {
        ArgumentNullException.ThrowIfNull(slot);
        EventId = eventId;
        PartnerId = partnerId;
        SlotId = slot.Id;
        StartsAt = slot.StartsAt;
        EndsAt = slot.EndsAt;
        AttendeePersonId = attendeePersonId;
        HostPersonId = hostPersonId;
        Origin = origin;
        Status = MeetingStatus.Pending;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    public Guid PartnerId { get; private set; }

    /// <summary>The slot the meeting holds; null once the slot was deleted (a past or ended meeting keeps its own times).</summary>
    public Guid? SlotId { get; private set; }

    /// <summary>Copied from the slot: a meeting keeps its time if the slot is later removed.</summary>
    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public Guid AttendeePersonId { get; private set; }

    /// <summary>The partner's person in charge (S-2.9 reassign); null until someone is assigned.</summary>
    public Guid? HostPersonId { get; private set; }

    public MeetingOrigin Origin { get; private set; }

    public MeetingStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When a pending meeting expires and frees its slot (the organizer's delay).</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? RespondedAt { get; private set; }

    /// <summary>The iCalendar SEQUENCE: grows with each change the participants' calendars must follow (S-3.4).</summary>
    public int Sequence { get; private set; }

    public int Version { get; private set; }

    public bool IsLive => Status is MeetingStatus.Pending or MeetingStatus.Accepted;

    /// <summary>Sets the status; the caller removes or writes the occupancy rows in the same transaction.</summary>
    internal void ChangeStatus(MeetingStatus status, DateTimeOffset at)
    {
        Status = status;
        RespondedAt = at;
        Sequence++;
        Version++;
    }

    internal void MoveTo(MeetingSlot slot)
    {
        SlotId = slot.Id;
        StartsAt = slot.StartsAt;
        EndsAt = slot.EndsAt;
        Sequence++;
        Version++;
    }

    internal void AssignHost(Guid? hostPersonId)
    {
        HostPersonId = hostPersonId;
        Version++;
    }
}

/// <summary>S-2.9: a message of a meeting's thread.</summary>
public sealed class MeetingMessage
{
    private MeetingMessage()
    {
    }

    public MeetingMessage(Guid meetingId, Guid? authorPersonId, string authorName, string body, DateTimeOffset sentAt)
    {
        MeetingId = meetingId;
        AuthorPersonId = authorPersonId;
        AuthorName = authorName;
        Body = body;
        SentAt = sentAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid MeetingId { get; private set; }

    public Guid? AuthorPersonId { get; private set; }

    public string AuthorName { get; private set; } = "";

    public string Body { get; private set; } = "";

    public DateTimeOffset SentAt { get; private set; }
}
