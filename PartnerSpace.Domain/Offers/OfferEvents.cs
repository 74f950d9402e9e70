using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Offers;

/// <summary>A partner's offers changed (S-2.4): its Offers tab and its public page follow.</summary>
public sealed record OffersChanged(Guid EventId, Guid PartnerId) : LiveEvent(Topics.Partner(PartnerId));
