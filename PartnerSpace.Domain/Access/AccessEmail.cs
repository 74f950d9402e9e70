namespace PartnerSpace.Domain.Access;

/// <summary>
/// S-4.2, S-4.3: one access e-mail sent to one person for one partner's space: the outbox message
/// that carries it and the sign-in link inside, so the organizer sees per person when it was
/// queued, delivered to the mail server, failed, and whether its link was used.
/// </summary>
public sealed class AccessEmail
{
    private AccessEmail()
    {
    }

    public AccessEmail(Guid eventId, Guid partnerId, Guid personId, Guid outboxMessageId, Guid signInLinkId, DateTimeOffset queuedAt, bool automatic)
    {
        EventId = eventId;
        PartnerId = partnerId;
        PersonId = personId;
        OutboxMessageId = outboxMessageId;
        SignInLinkId = signInLinkId;
        QueuedAt = queuedAt;
        Automatic = automatic;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    public Guid PartnerId { get; private set; }

    public Guid PersonId { get; private set; }

    /// <summary>The e-mail in the outbox (its status and <see cref="OutboxMessage.SentAt"/>).</summary>
    public Guid OutboxMessageId { get; private set; }

    /// <summary>The link it carries (its <see cref="SignInLink.UsedAt"/>).</summary>
    public Guid SignInLinkId { get; private set; }

    public DateTimeOffset QueuedAt { get; private set; }

    /// <summary>S-4.3: sent on its own because the person was added to an opened space; otherwise by an organizer.</summary>
    public bool Automatic { get; private set; }
}
