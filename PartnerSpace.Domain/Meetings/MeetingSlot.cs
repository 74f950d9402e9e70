namespace PartnerSpace.Domain.Meetings;

/// <summary>
/// S-2.10: a time a partner offers for a meeting, in a space and with a staff member when given;
/// generated from a day, hours, a duration and breaks. Starts and ends are on the 5-minute grid of
/// <see cref="MeetingOccupancy"/> (ADR 0009).
/// </summary>
public sealed class MeetingSlot
{
    private MeetingSlot()
    {
    }

    public MeetingSlot(Guid eventId, Guid partnerId, Guid? spaceId, Guid? staffPersonId, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset createdAt)
    {
        if (!MeetingOccupancy.IsOnGrid(startsAt) || !MeetingOccupancy.IsOnGrid(endsAt) || endsAt <= startsAt)
        {
            throw new ArgumentException("A slot starts and ends on the 5-minute grid, end after start.", nameof(endsAt));
        }

        EventId = eventId;
        PartnerId = partnerId;
        SpaceId = spaceId;
        StaffPersonId = staffPersonId;
        StartsAt = startsAt;
        EndsAt = endsAt;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    public Guid PartnerId { get; private set; }

    public Guid? SpaceId { get; private set; }

    /// <summary>The staff member (a person of the partner's team) the slot is for; null: any.</summary>
    public Guid? StaffPersonId { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
