namespace PartnerSpace.Domain.Contacts;

/// <summary>
/// A person an attendee met at the event and kept in their networking contacts, one per owner and
/// contact. When the owner is on a partner's staff, it feeds that partner's Networking contacts
/// leads (S-2.12).
/// </summary>
public sealed class NetworkingContact
{
    public const int NoteMaxLength = 1000;

    private NetworkingContact()
    {
    }

    public NetworkingContact(Guid eventId, Guid ownerPersonId, Guid contactPersonId, string? note, DateTimeOffset metAt)
    {
        EventId = eventId;
        OwnerPersonId = ownerPersonId;
        ContactPersonId = contactPersonId;
        Note = note;
        MetAt = metAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    public Guid OwnerPersonId { get; private set; }

    public Guid ContactPersonId { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset MetAt { get; private set; }

    internal void ChangeNote(string? note) => Note = note;
}
