using PartnerSpace.Domain.Live;

namespace PartnerSpace.Web.Shared;

/// <summary>
/// The live events of a topic that a screen cares about: a partner's topic also carries every
/// scan (S-5), which a screen of offers or a public page must not reload for. Sequences are the
/// topic's own, so a <see cref="LiveRefresher"/> over this may catch up once for nothing after a
/// reconnect; it never misses an event it accepts.
/// </summary>
public sealed class FilteredLiveEvents(ILiveEvents inner, Func<LiveEvent, bool> accept) : ILiveEvents
{
    public Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default) => inner.PublishAsync(liveEvent, ct);

    public IDisposable Subscribe(string topic, Func<LiveEvent, Task> onEvent) =>
        inner.Subscribe(topic, e => accept(e) ? onEvent(e) : Task.CompletedTask);

    public long Sequence(string topic) => inner.Sequence(topic);
}
