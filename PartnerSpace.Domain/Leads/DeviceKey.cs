using PartnerSpace.Domain.Common;

namespace PartnerSpace.Domain.Leads;

/// <summary>A partner's API key for scanning devices: shown once, stored hashed, scoped to one partner.</summary>
public sealed class DeviceKey
{
    public const string TokenPrefix = "psk_";
    public const int NameMaxLength = 80;
    public const int MaxActivePerPartner = 50;

    private DeviceKey()
    {
    }

    public DeviceKey(Guid partnerId, string name, string token, DateTimeOffset createdAt)
    {
        PartnerId = partnerId;
        Name = name;
        Hash = Secrets.Hash(token);
        Hint = token.Length > 8 ? token[^4..] : "";
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>SHA-256 of the whole token, hex.</summary>
    public string Hash { get; private set; } = "";

    /// <summary>Last characters, to tell keys apart on screen.</summary>
    public string Hint { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static string NewToken() => TokenPrefix + Secrets.NewToken(24);
}
