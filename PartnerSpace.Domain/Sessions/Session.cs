using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;
namespace PartnerSpace.Domain.Sessions;

/// <summary>S-2.7: a session of the programme that partners host (talk, workshop, demo).</summary>
public sealed class Session
{
    public const int TitleMaxLength = 160;
    public const int RoomMaxLength = 80;
    public const int TypeMaxLength = 40;
    public const int DescriptionMaxLength = 4000;
    public const int MaxSpeakers = 12;

    private Session()
    {
    }

    public Session(Guid eventId, string title, DateTimeOffset startsAt, DateTimeOffset endsAt, string? room, string? type, DateTimeOffset createdAt)
    {
        EventId = eventId;
        Title = title;
        StartsAt = startsAt;
        EndsAt = endsAt;
        Room = room;
        Type = type;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    public string Title { get; private set; } = "";

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public string? Room { get; private set; }

    /// <summary>Talk, workshop, demo…: free text the organizer picks, used as a filter.</summary>
    public string? Type { get; private set; }

    /// <summary>What the hosting partner writes about the session (S-2.7).</summary>
    public string? Description { get; private set; }

    /// <summary>People registered to the session (shown when S-1.6 allows).</summary>
    public int RegistrantCount { get; private set; }

    /// <summary>People scanned in at the session (shown when S-1.6 allows).</summary>
    public int PresentCount { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public int Version { get; private set; }

    internal void Schedule(string title, DateTimeOffset startsAt, DateTimeOffset endsAt, string? room, string? type)
    {
        Title = title;
        StartsAt = startsAt;
        EndsAt = endsAt;
        Room = room;
        Type = type;
        Version++;
    }

    internal void Describe(string? description)
    {
        Description = description;
        Version++;
    }

    internal void Count(int registrants, int present)
    {
        RegistrantCount = registrants;
        PresentCount = present;
    }

    /// <summary>
    /// The counts never fall below the attendance recorded in PartnerSpace: typed figures (from an
    /// outside ticketing tool) stand when larger, the attendance list's otherwise.
    /// </summary>
    internal async Task CountAtLeastAttendanceAsync(PartnerSpaceDbContext db, int registrants, int present, CancellationToken ct)
    {
        var rows = await db.SessionAttendances.Where(a => a.SessionId == Id)
            .GroupBy(a => 1)
            .Select(g => new { Registered = g.Count(), Present = g.Count(a => a.PresentAt != null) })
            .FirstOrDefaultAsync(ct);
        Count(Math.Max(registrants, rows?.Registered ?? 0), Math.Max(present, rows?.Present ?? 0));
    }
}

/// <summary>A partner hosting a session (assigned by the organizer).</summary>
public sealed class SessionHost
{
    private SessionHost()
    {
    }

    public SessionHost(Guid sessionId, Guid partnerId)
    {
        SessionId = sessionId;
        PartnerId = partnerId;
    }

    public Guid SessionId { get; private set; }

    public Guid PartnerId { get; private set; }
}

/// <summary>A speaker of a session: a member of a hosting partner's team (S-2.7).</summary>
public sealed class SessionSpeaker
{
    private SessionSpeaker()
    {
    }

    public SessionSpeaker(Guid sessionId, Guid partnerId, Guid personId, int position)
    {
        SessionId = sessionId;
        PartnerId = partnerId;
        PersonId = personId;
        Position = position;
    }

    public Guid SessionId { get; private set; }

    /// <summary>The hosting partner whose team the speaker is from.</summary>
    public Guid PartnerId { get; private set; }

    public Guid PersonId { get; private set; }

    public int Position { get; private set; }
}

/// <summary>
/// An attendee registered to, or present at, a session (S-2.7). Attendees of a partner's sessions
/// are that partner's Sessions leads (S-2.12).
/// </summary>
public sealed class SessionAttendance
{
    private SessionAttendance()
    {
    }

    public SessionAttendance(Guid sessionId, Guid personId, DateTimeOffset? registeredAt, DateTimeOffset? presentAt)
    {
        SessionId = sessionId;
        PersonId = personId;
        RegisteredAt = registeredAt;
        PresentAt = presentAt;
    }

    public Guid SessionId { get; private set; }

    public Guid PersonId { get; private set; }

    public DateTimeOffset? RegisteredAt { get; private set; }

    /// <summary>When the attendee was checked in at the session; null while only registered.</summary>
    public DateTimeOffset? PresentAt { get; private set; }

    internal void Register(DateTimeOffset at) => RegisteredAt ??= at;

    internal void CheckIn(DateTimeOffset at) => PresentAt ??= at;
}
