using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Tasks;

/// <summary>A partner answered or reopened a task (S-2.5, S-5): its Tasks tab and Home counters follow.</summary>
public sealed record TaskStatusChanged(Guid PartnerId, Guid TaskId) : LiveEvent(Topics.Partner(PartnerId));

/// <summary>
/// The event's tasks or their progress changed (created, edited, deleted, moved, answered,
/// reopened, reminded): the organizer's board and every partner's Tasks tab reload (S-5).
/// </summary>
public sealed record TasksChanged(Guid EventId) : LiveEvent(Topics.Event(EventId));
