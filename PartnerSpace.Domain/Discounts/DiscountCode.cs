namespace PartnerSpace.Domain.Discounts;

/// <summary>How a promo code lowers the ticket price.</summary>
public enum DiscountKind
{
    /// <summary><see cref="DiscountCode.Value"/> is a percentage, 1 to 100.</summary>
    Percent = 1,

    /// <summary><see cref="DiscountCode.Value"/> is an amount in cents of the event's currency.</summary>
    Amount = 2,
}

/// <summary>S-2.11: a promo code the organizer gives a partner to share with its guests (paid events).</summary>
public sealed class DiscountCode
{
    public const int CodeMaxLength = 40;

    private DiscountCode()
    {
    }

    public DiscountCode(Guid eventId, Guid partnerId, string code, DiscountKind kind, int value, int? quota, DateTimeOffset? validFrom, DateTimeOffset? validUntil, DateTimeOffset createdAt)
    {
        EventId = eventId;
        PartnerId = partnerId;
        Code = code;
        Kind = kind;
        Value = value;
        Quota = quota;
        ValidFrom = validFrom;
        ValidUntil = validUntil;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    public Guid PartnerId { get; private set; }

    /// <summary>Upper-case, unique per event.</summary>
    public string Code { get; private set; } = "";

    public DiscountKind Kind { get; private set; }

    /// <summary>Percent (1–100) or cents, by <see cref="Kind"/>.</summary>
    public int Value { get; private set; }

    /// <summary>How many tickets the code may buy; null: no limit.</summary>
    public int? Quota { get; private set; }

    public DateTimeOffset? ValidFrom { get; private set; }

    public DateTimeOffset? ValidUntil { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public int Version { get; private set; }

    internal void Edit(Guid partnerId, string code, DiscountKind kind, int value, int? quota, DateTimeOffset? validFrom, DateTimeOffset? validUntil)
    {
        PartnerId = partnerId;
        Code = code;
        Kind = kind;
        Value = value;
        Quota = quota;
        ValidFrom = validFrom;
        ValidUntil = validUntil;
        Version++;
    }
}

/// <summary>
/// S-2.11: one ticket bought in the ticketing system, imported by CSV / Excel; re-importing the same
/// ticket reference updates it (check-in on the day).
/// </summary>
public sealed class TicketPurchase
{
    public const int ReferenceMaxLength = 60;
    public const int NameMaxLength = 160;
    public const int TicketTypeMaxLength = 60;

    private TicketPurchase()
    {
    }

    public TicketPurchase(Guid eventId, string ticketReference, string? code, Guid? discountCodeId, DateTimeOffset importedAt)
    {
        EventId = eventId;
        TicketReference = ticketReference;
        Code = code;
        DiscountCodeId = discountCodeId;
        ImportedAt = importedAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    /// <summary>The ticketing system's ticket number, unique per event.</summary>
    public string TicketReference { get; private set; } = "";

    public string? OrderReference { get; private set; }

    /// <summary>The promo code as typed at purchase (upper-case); may match no code of ours.</summary>
    public string? Code { get; private set; }

    public Guid? DiscountCodeId { get; private set; }

    public string BuyerName { get; private set; } = "";

    public string? BuyerEmail { get; private set; }

    public string AttendeeName { get; private set; } = "";

    public string? AttendeeEmail { get; private set; }

    public string? TicketType { get; private set; }

    /// <summary>What the buyer paid, in cents.</summary>
    public int PriceCents { get; private set; }

    /// <summary>What the code took off, in cents.</summary>
    public int DiscountCents { get; private set; }

    public DateTimeOffset PurchasedAt { get; private set; }

    /// <summary>When the attendee came on the day (check-in); null: not (yet) come.</summary>
    public DateTimeOffset? CheckedInAt { get; private set; }

    public DateTimeOffset ImportedAt { get; private set; }

    internal void Fill(string? orderReference, string? code, Guid? discountCodeId, string buyerName, string? buyerEmail, string attendeeName, string? attendeeEmail, string? ticketType, int priceCents, int discountCents, DateTimeOffset purchasedAt, DateTimeOffset? checkedInAt, DateTimeOffset importedAt)
    {
        OrderReference = orderReference;
        Code = code;
        DiscountCodeId = discountCodeId;
        BuyerName = buyerName;
        BuyerEmail = buyerEmail;
        AttendeeName = attendeeName;
        AttendeeEmail = attendeeEmail;
        TicketType = ticketType;
        PriceCents = priceCents;
        DiscountCents = discountCents;
        PurchasedAt = purchasedAt;
        CheckedInAt = checkedInAt;
        ImportedAt = importedAt;
    }
}
