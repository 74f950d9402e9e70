using PartnerSpace.Domain.Common;

namespace PartnerSpace.Domain.Partners;

/// <summary>An exhibitor or sponsor company of one event.</summary>
public sealed class Partner
{
    public const int NameMaxLength = 120;
    public const int CategoryMaxLength = 60;
    public const int OpenedByMaxLength = 200;

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

    /// <summary>
    /// S-4: when the organizer opened the partner's space (its administrators got or get the access
    /// e-mail, and people added later get it on their own, S-4.3); null while closed.
    /// </summary>
    public DateTimeOffset? SpaceOpenedAt { get; private set; }

    /// <summary>The organizer who opened the space, as they were named then.</summary>
    public string? SpaceOpenedBy { get; private set; }

    public bool IsSpaceOpen => SpaceOpenedAt is not null;

    /// <summary>Application-managed concurrency token (SQLite has no rowversion).</summary>
    public int Version { get; private set; }

    internal void OpenSpace(DateTimeOffset at, string? by)
    {
        SpaceOpenedAt = at;
        SpaceOpenedBy = by is { Length: > OpenedByMaxLength } ? by[..OpenedByMaxLength] : by;
    }

    internal void CloseSpace()
    {
        SpaceOpenedAt = null;
        SpaceOpenedBy = null;
    }

    internal void Edit(string name, string? category, bool isTestPartner)
    {
        Name = name;
        Category = category;
        IsTestPartner = isTestPartner;
        Version++;
    }
}
