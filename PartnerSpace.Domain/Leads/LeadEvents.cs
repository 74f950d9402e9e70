using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Leads;

/// <summary>
/// A partner's leads changed in a category whose own event is not on the partner's topic
/// (networking contacts of its staff, session attendance): the Leads screen and counters reload (S-5).
/// </summary>
public sealed record LeadsChanged(Guid PartnerId) : LiveEvent(Topics.Partner(PartnerId));
