namespace PartnerSpace.Domain.Offers;

/// <summary>S-2.4: something a partner offers (a product, a show discount, a demo), shown on its public page when visible.</summary>
public sealed class Offer
{
    public const int TitleMaxLength = 120;
    public const int DescriptionMaxLength = 4000;
    public const int LinkMaxLength = 500;

    private Offer()
    {
    }

    public Offer(Guid partnerId, int position, string title, string? description, string? link, bool isVisible, DateTimeOffset at)
    {
        PartnerId = partnerId;
        Position = position;
        Title = title;
        Description = description;
        Link = link;
        IsVisible = isVisible;
        UpdatedAt = at;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; private set; }

    /// <summary>Order on the partner's tab and public page, from 0.</summary>
    public int Position { get; private set; }

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    /// <summary>An absolute http(s) address for more about the offer.</summary>
    public string? Link { get; private set; }

    /// <summary>Shown on the public partner page (S-2.4).</summary>
    public bool IsVisible { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public int Version { get; private set; }

    internal void Edit(string title, string? description, string? link, bool isVisible, DateTimeOffset at)
    {
        Title = title;
        Description = description;
        Link = link;
        IsVisible = isVisible;
        UpdatedAt = at;
        Version++;
    }

    internal void MoveTo(int position) => Position = position;
}
