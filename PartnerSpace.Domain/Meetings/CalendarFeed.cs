namespace PartnerSpace.Domain.Meetings;

/// <summary>Whose meetings a calendar feed lists.</summary>
public enum FeedOwner
{
    Person = 1,
    Partner = 2,
}

/// <summary>
/// S-3.4: a private, subscribable iCalendar feed (<c>/calendar/{token}.ics</c>). Only the token's
/// hash is stored; regenerating the link revokes the old one.
/// </summary>
public sealed class CalendarFeed
{
    private CalendarFeed()
    {
    }

    public CalendarFeed(Guid eventId, FeedOwner ownerKind, Guid ownerId, string tokenHash, DateTimeOffset createdAt)
    {
        EventId = eventId;
        OwnerKind = ownerKind;
        OwnerId = ownerId;
        TokenHash = tokenHash;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    public FeedOwner OwnerKind { get; private set; }

    public Guid OwnerId { get; private set; }

    /// <summary>SHA-256 of the token, hex.</summary>
    public string TokenHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    internal void Revoke(DateTimeOffset at) => RevokedAt ??= at;
}
