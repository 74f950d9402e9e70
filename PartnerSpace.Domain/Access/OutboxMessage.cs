namespace PartnerSpace.Domain.Access;

public enum OutboxStatus
{
    /// <summary>Waiting for the sender (or kept for the outbox screen when no SMTP server is set).</summary>
    Queued = 1,
    Sent = 2,

    /// <summary>Given up after <see cref="OutboxMessage.MaxAttempts"/> attempts; <see cref="OutboxMessage.LastError"/> says why.</summary>
    Failed = 3,

    /// <summary>Claimed by a sender until <see cref="OutboxMessage.ClaimedUntil"/>; after it, another sender may take it again.</summary>
    Sending = 4,
}

/// <summary>An e-mail waiting to be sent, and the record of it once sent.</summary>
public sealed class OutboxMessage
{
    public const int SubjectMaxLength = 200;
    public const int ErrorMaxLength = 500;
    public const int MaxAttempts = 8;
    public const int AttachmentNameMaxLength = 120;

    private OutboxMessage()
    {
    }

    public OutboxMessage(Guid? eventId, string to, string subject, string textBody, string htmlBody, DateTimeOffset createdAt)
    {
        EventId = eventId;
        To = to;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid? EventId { get; private set; }

    public string To { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string TextBody { get; private set; } = "";

    public string HtmlBody { get; private set; } = "";

    public OutboxStatus Status { get; private set; } = OutboxStatus.Queued;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>While <see cref="OutboxStatus.Sending"/>: the sender's lease; a crashed sender's messages are taken again after it.</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    /// <summary>Not before this time (back-off after a failed attempt); null when due.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The file name of the one text attachment (e.g. a meeting's <c>invite.ics</c>); null: none.</summary>
    public string? AttachmentFileName { get; private set; }

    /// <summary>Its media type, e.g. <c>text/calendar; method=REQUEST</c>.</summary>
    public string? AttachmentContentType { get; private set; }

    /// <summary>Its content, UTF-8 text.</summary>
    public string? AttachmentContent { get; private set; }

    /// <summary>Adds one text attachment (replacing any other).</summary>
    public OutboxMessage WithAttachment(string fileName, string contentType, string content)
    {
        AttachmentFileName = fileName;
        AttachmentContentType = contentType;
        AttachmentContent = content;
        return this;
    }

    internal void Delivered(DateTimeOffset at)
    {
        Status = OutboxStatus.Sent;
        SentAt = at;
        ClaimedUntil = null;
        NextAttemptAt = null;
        LastError = null;
    }

    internal void Refused(string error, DateTimeOffset nextAttemptAt)
    {
        LastError = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
        ClaimedUntil = null;
        if (Attempts >= MaxAttempts)
        {
            Status = OutboxStatus.Failed;
            NextAttemptAt = null;
        }
        else
        {
            Status = OutboxStatus.Queued;
            NextAttemptAt = nextAttemptAt;
        }
    }
}
