using PartnerSpace.Domain.Menu;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Web.Features.Portal;

/// <summary>What the portal shell hands its page: the partner, and the page of the address when it has one.</summary>
public sealed record PortalView(PartnerContext Partner, PageView? Page);
