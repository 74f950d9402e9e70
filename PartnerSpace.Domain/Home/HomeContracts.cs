namespace PartnerSpace.Domain.Home;

/// <summary>
/// A number on the partner's Home page (S-2.1), computed by the feature that owns the data (tasks,
/// documents, leads…). Register each with <c>AddScoped&lt;IHomeCounter, …&gt;()</c>; the Home page
/// shows those the organizer chose and reloads them on the partner's and the event's live events.
/// </summary>
public interface IHomeCounter
{
    HomeElement Element { get; }

    Task<int> CountAsync(Guid partnerId, CancellationToken ct = default);
}

/// <summary>An area of a partner's preparation the organizer follows (issue 5, readiness board).</summary>
public enum ReadinessArea
{
    Profile = 1,
    Team = 2,
    Tasks = 3,
    Documents = 4,
    Sessions = 5,
}

/// <summary>How far a partner is in one area: <paramref name="Done"/> of <paramref name="Total"/>; nothing to do is complete.</summary>
public sealed record ReadinessItem(ReadinessArea Area, int Done, int Total)
{
    public bool IsComplete => Done >= Total;
}

/// <summary>
/// One area of the readiness board and the Home checklist, computed by the feature that owns it.
/// Register each with <c>AddScoped&lt;IReadinessSource, …&gt;()</c>.
/// </summary>
public interface IReadinessSource
{
    ReadinessArea Area { get; }

    /// <summary>The state of every partner of the event, or of one partner when <paramref name="partnerId"/> is given.</summary>
    Task<IReadOnlyDictionary<Guid, ReadinessItem>> GetAsync(Guid eventId, Guid? partnerId = null, CancellationToken ct = default);
}
