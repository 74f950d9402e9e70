using PartnerSpace.Domain.Live;

namespace PartnerSpace.Web.Shared;

/// <summary>
/// The live events of a topic that a screen cares about: a partner's topic also carries every
/// scan (S-5), which a screen of offers or a public page must not reload for. Sequences are the
/// topic's own, so a <see cref="LiveRefresher"/> over this may catch up once for nothing after a
/// reconnect; it never misses an event it accepts. A <see cref="LiveResync"/> always passes (after
/// <c>accept</c> has seen it, as a screen may note what it is told): the
/// events it stands for are unknown.
/// </summary>
public sealed class FilteredLiveEvents(ILiveEvents inner, Func<LiveEvent, bool> accept) : ILiveEvents
{
    public Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default) => inner.PublishAsync(liveEvent, ct);

    public IDisposable Subscribe(string topic, Func<LiveEvent, Task> onEvent) =>
        inner.Subscribe(topic, e => accept(e) || e is LiveResync ? onEvent(e) : Task.CompletedTask);

    public long Sequence(string topic) => inner.Sequence(topic);
}
