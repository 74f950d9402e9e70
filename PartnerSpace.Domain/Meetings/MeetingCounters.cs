using PartnerSpace.Domain.Home;

namespace PartnerSpace.Domain.Meetings;

/// <summary>S-2.1: the Home counter of the partner's accepted meetings still to come.</summary>
public sealed class MeetingsCounter(MeetingService meetings) : IHomeCounter
{
    public HomeElement Element => HomeElement.MeetingsCounter;

    public Task<int> CountAsync(Guid partnerId, CancellationToken ct = default) => meetings.CountUpcomingAcceptedAsync(partnerId, ct);
}

/// <summary>S-2.1: the Home counter of the meeting requests the partner received and has not answered.</summary>
public sealed class PendingRequestsCounter(MeetingService meetings) : IHomeCounter
{
    public HomeElement Element => HomeElement.PendingRequestsCounter;

    public Task<int> CountAsync(Guid partnerId, CancellationToken ct = default) => meetings.CountPendingReceivedAsync(partnerId, ct);
}
