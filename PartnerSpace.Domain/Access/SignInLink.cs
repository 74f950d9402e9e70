namespace PartnerSpace.Domain.Access;

/// <summary>A single-use sign-in link sent by e-mail; only the hash of its token is stored.</summary>
public sealed class SignInLink
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>
    /// S-4.2: an access e-mail's link lasts longer, since people read it days later; still single
    /// use and hashed. Once expired, the sign-in page sends a fresh 15-minute link.
    /// </summary>
    public static readonly TimeSpan AccessLifetime = TimeSpan.FromDays(7);

    private SignInLink()
    {
    }

    public SignInLink(Guid personId, string email, string tokenHash, DateTimeOffset createdAt, string? requestedFrom)
        : this(personId, email, tokenHash, createdAt, requestedFrom, Lifetime)
    {
    }

    public SignInLink(Guid personId, string email, string tokenHash, DateTimeOffset createdAt, string? requestedFrom, TimeSpan lifetime)
    {
        PersonId = personId;
        Email = email;
        TokenHash = tokenHash;
        CreatedAt = createdAt;
        ExpiresAt = createdAt + lifetime;
        RequestedFrom = requestedFrom;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid PersonId { get; private set; }

    /// <summary>The address it was sent to, for the per-address rate limit.</summary>
    public string Email { get; private set; } = "";

    public string TokenHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public string? RequestedFrom { get; private set; }
}
