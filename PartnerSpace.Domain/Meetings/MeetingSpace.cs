namespace PartnerSpace.Domain.Meetings;

/// <summary>S-2.10: where a partner's meetings take place.</summary>
public enum SpaceKind
{
    /// <summary>A video call: the space has a link.</summary>
    Online = 1,

    /// <summary>A table or room at the show: the space has a place and a capacity.</summary>
    Physical = 2,
}

/// <summary>S-2.10: a meeting space of a partner, online (link) or physical (place, capacity).</summary>
public sealed class MeetingSpace
{
    public const int NameMaxLength = 80;
    public const int LinkMaxLength = 500;
    public const int PlaceMaxLength = 160;

    private MeetingSpace()
    {
    }

    public MeetingSpace(Guid partnerId, string name, SpaceKind kind, string? link, string? place, int? capacity, int position)
    {
        PartnerId = partnerId;
        Name = name;
        Kind = kind;
        Link = link;
        Place = place;
        Capacity = capacity;
        Position = position;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; private set; }

    public string Name { get; private set; } = "";

    public SpaceKind Kind { get; private set; }

    /// <summary>The video-call address of an online space.</summary>
    public string? Link { get; private set; }

    /// <summary>Where a physical space is (stand B12, meeting room 3).</summary>
    public string? Place { get; private set; }

    /// <summary>How many people a physical space seats.</summary>
    public int? Capacity { get; private set; }

    public int Position { get; private set; }

    public int Version { get; private set; }

    internal void Edit(string name, SpaceKind kind, string? link, string? place, int? capacity)
    {
        Name = name;
        Kind = kind;
        Link = link;
        Place = place;
        Capacity = capacity;
        Version++;
    }

    internal void MoveTo(int position) => Position = position;
}
