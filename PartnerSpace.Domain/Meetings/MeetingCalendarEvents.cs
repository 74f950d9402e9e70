using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Meetings;

/// <summary>A partner's meeting spaces or slots changed (S-2.10): its calendar screens reload.</summary>
public sealed record MeetingCalendarChanged(Guid PartnerId) : LiveEvent(Topics.Partner(PartnerId));
