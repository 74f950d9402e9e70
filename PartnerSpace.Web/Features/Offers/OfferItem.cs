using PartnerSpace.Domain.Offers;

namespace PartnerSpace.Web.Features.Offers;

/// <summary>
/// A row of the Offers tab. Mutable on purpose: a save or a colleague's change replaces the
/// <see cref="Row"/> in place, so the list is not rebuilt and the focus stays where it was.
/// </summary>
public sealed class OfferItem(OfferRow row)
{
    public OfferRow Row { get; set; } = row;

    public Guid Id => Row.Id;
}
