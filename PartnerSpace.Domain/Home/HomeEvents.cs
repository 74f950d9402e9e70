using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Home;

/// <summary>The organizer changed what the partners' Home page shows (S-2.1): open Home pages follow.</summary>
public sealed record HomeDashboardChanged(Guid EventId) : LiveEvent(Topics.Event(EventId));
