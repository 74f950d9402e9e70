using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Contacts;

/// <summary>
/// S-2.12, S-5: an attendee's contacts side changed (a message answered, a share given or withdrawn,
/// a networking contact added or removed, the listing switch): told on the person's topic so their
/// attendee space reloads.
/// </summary>
public sealed record AttendeeContactsChanged(Guid PersonId) : LiveEvent(Topics.Person(PersonId));

/// <summary>
/// S-2.12, S-5: an attendee gave, renewed or withdrew their contact details to a partner, or answered
/// its message: told on the partner's topic so its leads and contact screens reload.
/// </summary>
public sealed record ContactShareChanged(Guid PartnerId, Guid PersonId) : LiveEvent(Topics.Partner(PartnerId));
