using Microsoft.Extensions.Logging.Abstractions;
using PartnerSpace.Domain.Live;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-5")]
public sealed class InMemoryLiveEventsTests
{
    private readonly InMemoryLiveEvents _live = new(NullLogger<InMemoryLiveEvents>.Instance);

    [Fact]
    public async Task SubscribersOfTheTopicReceiveEventsUntilDisposed()
    {
        var partner = Guid.NewGuid();
        var received = 0;
        var subscription = _live.Subscribe(Topics.Partner(partner), _ =>
        {
            Interlocked.Increment(ref received);
            return Task.CompletedTask;
        });

        await _live.PublishAsync(new ScansRecorded(partner, 1));
        await _live.PublishAsync(new ScansRecorded(Guid.NewGuid(), 1));
        subscription.Dispose();
        await _live.PublishAsync(new ScansRecorded(partner, 1));

        Assert.Equal(1, received);
        Assert.Equal(0, _live.SubscriberCount(Topics.Partner(partner)));
    }

    [Fact]
    public async Task EachTopicCountsItsEvents()
    {
        var partner = Guid.NewGuid();

        await _live.PublishAsync(new ScansRecorded(partner, 1));
        await _live.PublishAsync(new ScansRecorded(partner, 3));

        Assert.Equal(2, _live.Sequence(Topics.Partner(partner)));
        Assert.Equal(0, _live.Sequence(Topics.Partner(Guid.NewGuid())));
    }

    [Fact]
    public async Task AFailingOrSlowSubscriberNeitherBlocksThePublisherNorTheOthers()
    {
        var partner = Guid.NewGuid();
        var topic = Topics.Partner(partner);
        var reached = new TaskCompletionSource();
        var slow = new TaskCompletionSource();
        using var a = _live.Subscribe(topic, _ => throw new InvalidOperationException("screen bug"));
        using var b = _live.Subscribe(topic, _ => slow.Task);
        using var c = _live.Subscribe(topic, _ =>
        {
            reached.TrySetResult();
            return Task.CompletedTask;
        });

        await _live.PublishAsync(new ScansRecorded(partner, 1)).WaitAsync(TimeSpan.FromSeconds(1));

        await reached.Task.WaitAsync(TimeSpan.FromSeconds(5));
        slow.SetResult();
    }

    [Fact]
    public async Task SubscribingWhilePublishingIsSafe()
    {
        var partner = Guid.NewGuid();
        var topic = Topics.Partner(partner);
        var publishing = Task.Run(async () =>
        {
            for (var i = 0; i < 2000; i++)
            {
                await _live.PublishAsync(new ScansRecorded(partner, 1));
            }
        });
        var subscriptions = Enumerable.Range(0, 200).Select(_ => _live.Subscribe(topic, _ => Task.CompletedTask)).ToList();
        subscriptions.ForEach(s => s.Dispose());
        await publishing;

        Assert.Equal(0, _live.SubscriberCount(topic));
    }
}
