namespace PartnerSpace.Domain.Audit;

/// <summary>
/// A security-relevant action (issue 8, item 6). Stored by name, so a new action needs no migration.
/// </summary>
public enum SecurityAction
{
    SignedIn,
    SignInFailed,
    LockedOut,
    SignInLinkRequested,
    SignedOut,
    TwoFactorEnabled,
    TwoFactorDisabled,
    SpaceOpened,
    SpaceClosed,
    AccessEmailSent,
    MemberAdded,
    RoleChanged,
    MemberRemoved,
    AccessRevoked,
    DeviceKeyCreated,
    DeviceKeyRevoked,
    LeadsExported,
    SecurityLogExported,
    WebhookCreated,
    WebhookDeleted,
    DiscountUsageExported,
}

/// <summary>Who acted: an organizer, a person, a scanning device, or nobody signed in.</summary>
public enum SecurityActorKind
{
    Anonymous,
    Organizer,
    Person,
    Device,
    System,
}

/// <summary>The one who acted, as the log keeps them (the name and e-mail as they were then).</summary>
public sealed record SecurityActor(SecurityActorKind Kind, Guid? Id, string Name)
{
    public static readonly SecurityActor Anonymous = new(SecurityActorKind.Anonymous, null, "");

    public static readonly SecurityActor System = new(SecurityActorKind.System, null, "PartnerSpace");
}

/// <summary>Where a request came from: the client's address and browser, when known.</summary>
public sealed record RequestOrigin(string? IpAddress, string? UserAgent)
{
    public static readonly RequestOrigin Unknown = new(null, null);
}

/// <summary>One line of the security log: who did what, to what, when, from where.</summary>
public sealed class SecurityEvent
{
    public const int NameMaxLength = 200;
    public const int TargetMaxLength = 300;
    public const int IpMaxLength = 64;
    public const int UserAgentMaxLength = 300;
    public const int DetailsMaxLength = 1000;

    private SecurityEvent()
    {
    }

    public SecurityEvent(
        Guid? eventId, SecurityAction action, SecurityActor actor, RequestOrigin origin, DateTimeOffset at,
        string? target = null, Guid? partnerId = null, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(origin);
        EventId = eventId;
        Action = action;
        ActorKind = actor.Kind;
        ActorId = actor.Id;
        ActorName = Clip(actor.Name, NameMaxLength) ?? "";
        IpAddress = Clip(origin.IpAddress, IpMaxLength);
        UserAgent = Clip(origin.UserAgent, UserAgentMaxLength);
        At = at;
        Target = Clip(target, TargetMaxLength);
        PartnerId = partnerId;
        Details = Clip(details, DetailsMaxLength);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    /// <summary>The event it concerns; null for what precedes knowing one (a failed organizer sign-in).</summary>
    public Guid? EventId { get; private set; }

    public SecurityAction Action { get; private set; }

    public SecurityActorKind ActorKind { get; private set; }

    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; } = "";

    /// <summary>What was acted on, as people read it: an e-mail address, a partner's name, a key's label.</summary>
    public string? Target { get; private set; }

    public Guid? PartnerId { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    public string? Details { get; private set; }

    public DateTimeOffset At { get; private set; }

    private static string? Clip(string? value, int max) =>
        value is null ? null : value.Length <= max ? value : value[..max];
}
