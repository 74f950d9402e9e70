namespace PartnerSpace.Domain.Partners;

/// <summary>A person's registration to the event, with the badge code that scanners read (S-3.1).</summary>
public sealed class Attendee
{
    public const int BadgeCodeMaxLength = 64;
    public const int TicketMaxLength = 60;

    private Attendee()
    {
    }

    public Attendee(Guid eventId, Guid personId, string badgeCode, string? ticket, DateTimeOffset registeredAt)
    {
        EventId = eventId;
        PersonId = personId;
        BadgeCode = badgeCode.Trim();
        Ticket = ticket;
        RegisteredAt = registeredAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    public Guid PersonId { get; private set; }

    /// <summary>Unique per event.</summary>
    public string BadgeCode { get; private set; } = "";

    public string? Ticket { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>S-2.8: the attendee appears in partners' contact lists (on unless they switch it off).</summary>
    public bool ListedInContacts { get; private set; } = true;

    public Person? Person { get; private set; }

    internal void ChangeListing(bool listed) => ListedInContacts = listed;
}
