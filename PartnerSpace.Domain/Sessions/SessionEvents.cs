using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Sessions;

/// <summary>The event's programme changed (a session created, edited, deleted, described): the organizer's screen follows.</summary>
public sealed record SessionsChanged(Guid EventId) : LiveEvent(Topics.Event(EventId));

/// <summary>A session the partner hosts (or hosted until now) changed: its Sessions tab follows (S-2.7, S-5).</summary>
public sealed record PartnerSessionsChanged(Guid PartnerId) : LiveEvent(Topics.Partner(PartnerId));
