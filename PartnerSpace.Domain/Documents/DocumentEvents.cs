using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Documents;

/// <summary>Someone of a partner opened a document for the first time (S-2.6, S-5): its Documents tab and Home counters follow.</summary>
public sealed record DocumentReadByPartner(Guid PartnerId, Guid DocumentId) : LiveEvent(Topics.Partner(PartnerId));

/// <summary>
/// The event's documents or who read them changed (uploaded, edited, replaced, deleted, moved,
/// read): the organizer's board and every partner's Documents tab reload (S-5).
/// </summary>
public sealed record DocumentsChanged(Guid EventId) : LiveEvent(Topics.Event(EventId));
