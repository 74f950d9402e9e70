namespace PartnerSpace.Domain.Leads;

/// <summary>
/// A partner's CRM endpoint that receives each new lead (DESIGN §6): batches of leads after
/// <see cref="AfterSequence"/>, signed with HMAC-SHA256 of <see cref="Secret"/>, retried with
/// back-off until the endpoint answers 2xx.
/// </summary>
public sealed class WebhookSubscription
{
    public const int UrlMaxLength = 500;
    public const int NameMaxLength = 80;

    private WebhookSubscription()
    {
    }

    public WebhookSubscription(Guid partnerId, string name, string url, string secret, long afterSequence, DateTimeOffset createdAt)
    {
        PartnerId = partnerId;
        Name = name;
        Url = url;
        Secret = secret;
        AfterSequence = afterSequence;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>An https address (http only to localhost, for tests and development).</summary>
    public string Url { get; private set; } = "";

    /// <summary>The signing secret, shown once to the partner; kept to sign each delivery.</summary>
    public string Secret { get; private set; } = "";

    /// <summary>The last lead sequence the endpoint acknowledged: the next delivery starts after it.</summary>
    public long AfterSequence { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DisabledAt { get; private set; }

    /// <summary>Failed attempts in a row; drives the back-off.</summary>
    public int FailureCount { get; private set; }

    /// <summary>Not before this time (back-off after a failure); null when due.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public DateTimeOffset? LastSuccessAt { get; private set; }

    public bool IsActive => DisabledAt is null;

    internal void Delivered(long upToSequence, DateTimeOffset at)
    {
        AfterSequence = Math.Max(AfterSequence, upToSequence);
        FailureCount = 0;
        NextAttemptAt = null;
        LastSuccessAt = at;
    }

    internal void Failed(DateTimeOffset nextAttemptAt)
    {
        FailureCount++;
        NextAttemptAt = nextAttemptAt;
    }

    /// <summary>Disabled by the dispatcher: the failures stay, to say why.</summary>
    internal void Disable(DateTimeOffset at) => DisabledAt ??= at;

    /// <summary>Paused by the partner: not a failure, whatever happened before.</summary>
    internal void Pause(DateTimeOffset at)
    {
        Disable(at);
        FailureCount = 0;
        NextAttemptAt = null;
    }

    internal void Enable()
    {
        DisabledAt = null;
        FailureCount = 0;
        NextAttemptAt = null;
    }
}

/// <summary>One attempt to deliver a batch of leads to a webhook: the delivery log.</summary>
public sealed class WebhookDelivery
{
    public const int ErrorMaxLength = 500;

    private WebhookDelivery()
    {
    }

    public WebhookDelivery(Guid subscriptionId, Guid deliveryId, int attempt, long fromSequence, long toSequence, int leadCount, DateTimeOffset at)
    {
        SubscriptionId = subscriptionId;
        DeliveryId = deliveryId;
        Attempt = attempt;
        FromSequence = fromSequence;
        ToSequence = toSequence;
        LeadCount = leadCount;
        At = at;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid SubscriptionId { get; private set; }

    /// <summary>The same for every attempt of one batch (header <c>X-PartnerSpace-Delivery</c>), so the receiver can ignore repeats.</summary>
    public Guid DeliveryId { get; private set; }

    public int Attempt { get; private set; }

    public long FromSequence { get; private set; }

    public long ToSequence { get; private set; }

    public int LeadCount { get; private set; }

    public DateTimeOffset At { get; private set; }

    public int? StatusCode { get; private set; }

    public int DurationMs { get; private set; }

    public bool Succeeded { get; private set; }

    public string? Error { get; private set; }

    internal void Finish(int? statusCode, bool succeeded, string? error, TimeSpan duration)
    {
        StatusCode = statusCode;
        Succeeded = succeeded;
        Error = error is { Length: > ErrorMaxLength } ? error[..ErrorMaxLength] : error;
        DurationMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds);
    }
}
