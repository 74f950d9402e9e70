namespace PartnerSpace.Domain.Contacts;

/// <summary>How an attendee came to share their contact details with a partner (S-2.12).</summary>
public enum ContactShareOrigin
{
    /// <summary>The attendee chose "share my contact details" with the partner.</summary>
    AttendeeShared = 1,

    /// <summary>The attendee accepted a partner's message that asked to share them.</summary>
    AcceptedMessage = 2,
}

/// <summary>
/// S-2.12: an attendee's consent to give a partner their contact details, one per partner and
/// person. The consent and its time are kept; withdrawing sets <see cref="WithdrawnAt"/> and the
/// partner no longer sees or exports the details; sharing again clears it.
/// </summary>
public sealed class ContactShare
{
    public const int NoteMaxLength = 1000;

    private ContactShare()
    {
    }

    public ContactShare(Guid eventId, Guid partnerId, Guid personId, ContactShareOrigin origin, string? note, DateTimeOffset sharedAt)
    {
        EventId = eventId;
        PartnerId = partnerId;
        PersonId = personId;
        Origin = origin;
        Note = note;
        SharedAt = sharedAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    public Guid PartnerId { get; private set; }

    public Guid PersonId { get; private set; }

    public ContactShareOrigin Origin { get; private set; }

    /// <summary>What the attendee wrote to the partner when sharing, if anything.</summary>
    public string? Note { get; private set; }

    /// <summary>When the consent was (last) given.</summary>
    public DateTimeOffset SharedAt { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public bool IsActive => WithdrawnAt is null;

    internal void Renew(ContactShareOrigin origin, string? note, DateTimeOffset at)
    {
        Origin = origin;
        Note = note ?? Note;
        SharedAt = at;
        WithdrawnAt = null;
    }

    internal void Withdraw(DateTimeOffset at) => WithdrawnAt ??= at;
}
