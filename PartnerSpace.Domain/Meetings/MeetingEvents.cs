using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Meetings;

/// <summary>
/// S-2.9, S-5: a meeting was requested, answered, moved, reassigned, cancelled, expired or got a
/// message. Published after the commit on the partner's topic and, the same record
/// <see cref="ForAttendee"/>, on the attendee's person topic, so both sides' lists and counters reload.
/// </summary>
public sealed record MeetingChanged(Guid EventId, Guid PartnerId, Guid AttendeePersonId, Guid MeetingId) : LiveEvent(Topics.Partner(PartnerId))
{
    /// <summary>The same change, told on the attendee's topic (<see cref="Topics.Person"/>).</summary>
    public MeetingChanged ForAttendee() => this with { Topic = Topics.Person(AttendeePersonId) };
}
