namespace PartnerSpace.Domain.Audit;

/// <summary>Who changed what configuration, when, with the state before and after (JSON).</summary>
public sealed class ChangeRecord
{
    public const int AreaMaxLength = 40;
    public const int SummaryMaxLength = 300;

    private ChangeRecord()
    {
    }

    public ChangeRecord(Guid eventId, string area, string summary, string before, string after, Actor actor, DateTimeOffset at)
    {
        EventId = eventId;
        Area = area;
        Summary = summary;
        Before = before;
        After = after;
        ActorId = actor.Id;
        ActorName = actor.Name;
        At = at;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    /// <summary>What was changed: "menu", "page", "profile-form"…</summary>
    public string Area { get; private set; } = "";

    public string Summary { get; private set; } = "";

    public string Before { get; private set; } = "";

    public string After { get; private set; } = "";

    public Guid ActorId { get; private set; }

    public string ActorName { get; private set; } = "";

    public DateTimeOffset At { get; private set; }
}

/// <summary>The organizer (or person) making a change.</summary>
public sealed record Actor(Guid Id, string Name);
