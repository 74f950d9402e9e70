using PartnerSpace.Domain.Meetings;

namespace PartnerSpace.Web.Features.Meetings;

/// <summary>
/// S-2.9: every minute, pending meetings past their answer delay expire and free their slots
/// (<see cref="MeetingService.ExpireDueAsync"/>). A failed round is logged and the next one retries.
/// </summary>
public sealed partial class MeetingExpiryService(MeetingService meetings, TimeProvider time, ILogger<MeetingExpiryService> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    /// <summary>One round: expires what is due now; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        try
        {
            var expired = await meetings.ExpireDueAsync(time.GetUtcNow(), ct);
            if (expired > 0)
            {
                LogExpired(expired);
            }

            return expired;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
            return 0;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} pending meeting(s) expired.")]
    private partial void LogExpired(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiring pending meetings failed; the next round retries.")]
    private partial void LogFailed(Exception exception);
}
