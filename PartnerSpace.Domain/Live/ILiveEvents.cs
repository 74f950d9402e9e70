namespace PartnerSpace.Domain.Live;

/// <summary>
/// Fans domain events out to open screens. In memory by default; Redis pub/sub for scale-out.
/// Each topic has a sequence number so a screen can tell it missed something (S-5).
/// </summary>
public interface ILiveEvents
{
    /// <summary>Publishes after the commit; subscribers' failures never reach the publisher.</summary>
    Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default);

    /// <summary>Calls <paramref name="onEvent"/> for each event of the topic until disposed.</summary>
    IDisposable Subscribe(string topic, Func<LiveEvent, Task> onEvent);

    /// <summary>How many events the topic has seen; grows by one per publish.</summary>
    long Sequence(string topic);
}
