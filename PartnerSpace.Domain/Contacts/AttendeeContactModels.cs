using PartnerSpace.Domain.Common;

namespace PartnerSpace.Domain.Contacts;

/// <summary>The signed-in attendee and their event: what the attendee space needs to show them.</summary>
public sealed record AttendeeSelf(
    Guid PersonId,
    string Name,
    string BadgeCode,
    bool ListedInContacts,
    Guid EventId,
    string EventSlug,
    LocalizedText EventName,
    string TimeZoneId);

/// <summary>A partner's message to the attendee (S-2.12), with the answer once given.</summary>
public sealed record ReceivedMessage(
    Guid Id,
    Guid PartnerId,
    string PartnerName,
    string SenderName,
    string Body,
    DateTimeOffset SentAt,
    MessageAnswer Answer,
    DateTimeOffset? AnsweredAt,
    string? Reply)
{
    public bool IsAnswered => Answer != MessageAnswer.None;
}

/// <summary>A partner the attendee gives their contact details to (an active share).</summary>
public sealed record SharedContact(Guid PartnerId, string PartnerName, ContactShareOrigin Origin, string? Note, DateTimeOffset SharedAt);

/// <summary>
/// A person in the attendee's networking contacts. <see cref="Email"/> is only given when the other
/// person added the attendee back (<see cref="Mutual"/>): adding someone does not reveal their address.
/// </summary>
public sealed record NetworkingContactRow(Guid Id, Guid PersonId, string Name, string? Company, string? Email, string? Note, DateTimeOffset MetAt, bool Mutual);
