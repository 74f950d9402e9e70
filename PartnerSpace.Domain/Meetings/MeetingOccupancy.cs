namespace PartnerSpace.Domain.Meetings;

/// <summary>
/// S-3.5, ADR 0009: a person's 5-minute time cell taken by a live meeting. Unique per person and
/// cell, so the database refuses a person two overlapping live meetings, whatever the node.
/// </summary>
public sealed class MeetingOccupancy
{
    public const int CellMinutes = 5;

    private static readonly long CellTicks = TimeSpan.FromMinutes(CellMinutes).Ticks;

    private MeetingOccupancy()
    {
    }

    public MeetingOccupancy(Guid eventId, Guid personId, DateTimeOffset cellStart, Guid meetingId)
    {
        EventId = eventId;
        PersonId = personId;
        CellStart = cellStart;
        MeetingId = meetingId;
    }

    public Guid EventId { get; private set; }

    public Guid PersonId { get; private set; }

    public DateTimeOffset CellStart { get; private set; }

    public Guid MeetingId { get; private set; }

    public static bool IsOnGrid(DateTimeOffset at) => at.UtcTicks % CellTicks == 0;

    /// <summary>The cells a meeting covers for each of its people: one row per person and cell.</summary>
    public static IEnumerable<MeetingOccupancy> Of(Meeting meeting, IEnumerable<Guid> people)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        foreach (var person in people.Distinct())
        {
            for (var cell = meeting.StartsAt.UtcTicks; cell < meeting.EndsAt.UtcTicks; cell += CellTicks)
            {
                yield return new MeetingOccupancy(meeting.EventId, person, new DateTimeOffset(cell, TimeSpan.Zero), meeting.Id);
            }
        }
    }
}
