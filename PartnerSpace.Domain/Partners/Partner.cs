using PartnerSpace.Domain.Common;

namespace PartnerSpace.Domain.Partners;

/// <summary>An exhibitor or sponsor company of one event.</summary>
public sealed class Partner
{
    public const int NameMaxLength = 120;
    public const int CategoryMaxLength = 60;

    private Partner()
    {
    }

    public Partner(Guid eventId, string name, string? category, bool isTestPartner, DateTimeOffset createdAt)
    {
        EventId = eventId;
        Name = Text.Clean(name) ?? throw new ArgumentException("A partner needs a name.", nameof(name));
        Category = Text.Clean(category);
        IsTestPartner = isTestPartner;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    public string Name { get; private set; } = "";

    public string? Category { get; private set; }

    /// <summary>S-1.1: a partner the organizer uses to try the space.</summary>
    public bool IsTestPartner { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Application-managed concurrency token (SQLite has no rowversion).</summary>
    public int Version { get; private set; }

    internal void Edit(string name, string? category, bool isTestPartner)
    {
        Name = name;
        Category = category;
        IsTestPartner = isTestPartner;
        Version++;
    }
}
