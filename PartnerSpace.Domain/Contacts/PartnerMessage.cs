namespace PartnerSpace.Domain.Contacts;

/// <summary>An attendee's answer to a partner's message (S-2.12).</summary>
public enum MessageAnswer
{
    /// <summary>Not answered yet.</summary>
    None = 0,

    /// <summary>The attendee accepted to share their contact details (a <see cref="ContactShare"/> is made).</summary>
    Accepted = 1,

    Declined = 2,
}

/// <summary>
/// S-2.12: a message a partner's staff sends to an attendee from the contact list; the attendee
/// accepts (shares their contact details) or declines, optionally with a reply.
/// </summary>
public sealed class PartnerMessage
{
    public const int BodyMaxLength = 2000;

    private PartnerMessage()
    {
    }

    public PartnerMessage(Guid eventId, Guid partnerId, Guid attendeePersonId, Guid? senderPersonId, string senderName, string body, DateTimeOffset sentAt)
    {
        EventId = eventId;
        PartnerId = partnerId;
        AttendeePersonId = attendeePersonId;
        SenderPersonId = senderPersonId;
        SenderName = senderName;
        Body = body;
        SentAt = sentAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    public Guid PartnerId { get; private set; }

    public Guid AttendeePersonId { get; private set; }

    /// <summary>The partner member who wrote it; null for an organizer acting as the partner.</summary>
    public Guid? SenderPersonId { get; private set; }

    public string SenderName { get; private set; } = "";

    public string Body { get; private set; } = "";

    public DateTimeOffset SentAt { get; private set; }

    public MessageAnswer Answer { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>The attendee's reply, if they wrote one.</summary>
    public string? Reply { get; private set; }

    internal void AnswerWith(MessageAnswer answer, string? reply, DateTimeOffset at)
    {
        Answer = answer;
        Reply = reply;
        AnsweredAt = at;
    }
}
