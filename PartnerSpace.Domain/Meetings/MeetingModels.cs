namespace PartnerSpace.Domain.Meetings;

/// <summary>Who asked first, seen from the partner: requests it received or invitations it sent.</summary>
public enum MeetingDirection
{
    Received = 1,
    Sent = 2,
}

/// <summary>Filters of a partner's meeting list (S-2.9); null means any.</summary>
public sealed record MeetingFilter(MeetingStatus? Status = null, MeetingDirection? Direction = null, DateTimeOffset? From = null);

/// <summary>A meeting as its participants see it; <see cref="Version"/> goes back with each change.</summary>
public sealed record MeetingSummary(
    Guid Id,
    Guid EventId,
    Guid PartnerId,
    string PartnerName,
    Guid? SlotId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    Guid AttendeePersonId,
    string AttendeeName,
    Guid? HostPersonId,
    string? HostName,
    MeetingOrigin Origin,
    MeetingStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    int Sequence,
    int Version);

/// <summary>A message of a meeting's thread.</summary>
public sealed record MeetingMessageView(Guid Id, Guid? AuthorPersonId, string AuthorName, string Body, DateTimeOffset SentAt);
