using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Discounts;

/// <summary>The event's codes or imported tickets changed: the organizer's screen follows.</summary>
public sealed record DiscountsChanged(Guid EventId) : LiveEvent(Topics.Event(EventId));

/// <summary>A partner's codes or their use changed (new code, imported tickets, check-ins): its Discount codes tab follows (S-2.11, S-5).</summary>
public sealed record DiscountUsageChanged(Guid PartnerId) : LiveEvent(Topics.Partner(PartnerId));
