namespace PartnerSpace.Domain.Live;

/// <summary>Something that happened, told to open screens after the commit (S-5). Past tense.</summary>
public abstract record LiveEvent(string Topic);

/// <summary>New scans were stored for a partner (one event per request or batch, not per scan).</summary>
public sealed record ScansRecorded(Guid PartnerId, int Count) : LiveEvent(Topics.Partner(PartnerId));

/// <summary>The partner space's menu or pages changed.</summary>
public sealed record MenuChanged(Guid EventId) : LiveEvent(Topics.Event(EventId));

/// <summary>The event's options (sessions display, badges, sales contacts) changed.</summary>
public sealed record OptionsChanged(Guid EventId) : LiveEvent(Topics.Event(EventId));

/// <summary>The profile or team form of the event changed.</summary>
public sealed record FormChanged(Guid EventId, string Kind) : LiveEvent(Topics.Event(EventId));

/// <summary>A partner saved its profile (S-2.2): its public page and the organizer's list follow.</summary>
public sealed record ProfileChanged(Guid EventId, Guid PartnerId) : LiveEvent(Topics.Partner(PartnerId));

/// <summary>A new e-mail is in the outbox.</summary>
public sealed record OutboxChanged(Guid? EventId) : LiveEvent(Topics.Outbox);

/// <summary>
/// S-4: a partner space was opened or closed, an access e-mail queued, or a sign-in link used: the
/// organizer's access views follow (they also follow <see cref="Topics.Outbox"/> for deliveries).
/// </summary>
public sealed record SpaceAccessChanged(Guid EventId) : LiveEvent(Topics.Access(EventId));

/// <summary>
/// Events of the topic may have been missed (this node lost its connection to the other nodes for
/// a while): reload. Never published by a domain service; a screen that filters events accepts it.
/// </summary>
public sealed record LiveResync(string Topic) : LiveEvent(Topic);

/// <summary>Topic names: <c>partner:{id}</c>, <c>event:{id}</c>, <c>person:{id}</c>.</summary>
public static class Topics
{
    public const string Outbox = "outbox";

    public static string Partner(Guid id) => $"partner:{id}";

    public static string Event(Guid id) => $"event:{id}";

    public static string Person(Guid id) => $"person:{id}";

    /// <summary>An event's lead counts, for the organizer's overview only (partner screens do not wake for it).</summary>
    public static string EventLeads(Guid eventId) => $"event-leads:{eventId}";

    /// <summary>An event's partner spaces and access e-mails (opened, closed, sent, link used), for the organizer's views only.</summary>
    public static string Access(Guid eventId) => $"access:{eventId}";

    /// <summary>A partner's webhooks and their delivery log, for the settings panel only.</summary>
    public static string Webhooks(Guid partnerId) => $"webhooks:{partnerId}";

    /// <summary>A partner's scanning devices (created, revoked, last used), for the settings panel only.</summary>
    public static string DeviceKeys(Guid partnerId) => $"device-keys:{partnerId}";
}
