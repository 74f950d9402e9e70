using Microsoft.Extensions.Logging.Abstractions;
using PartnerSpace.Domain.Live;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Tests.Components;

[Trait("Spec", "S-5")]
public sealed class LiveRefresherTests
{
    private readonly InMemoryLiveEvents _live = new(NullLogger<InMemoryLiveEvents>.Instance);
    private readonly Guid _partner = Guid.NewGuid();

    [Fact]
    public async Task ABurstOfEventsIsCoalescedIntoAFewReloads()
    {
        var reloads = 0;
        using var refresher = new LiveRefresher(_live, Topics.Partner(_partner), () =>
        {
            Interlocked.Increment(ref reloads);
            return Task.CompletedTask;
        }, ex => Task.FromException(ex), interval: TimeSpan.FromMilliseconds(100));

        for (var i = 0; i < 200; i++)
        {
            await _live.PublishAsync(new ScansRecorded(_partner, 1));
        }

        await Task.Delay(400);

        // One reload at once, one trailing reload for the rest of the burst.
        Assert.InRange(reloads, 1, 3);
    }

    [Fact]
    public async Task ASlowReloadDoesNotAddTheIntervalOnTopOfItsOwnTime()
    {
        var ended = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reloads = 0;
        using var refresher = new LiveRefresher(_live, Topics.Partner(_partner), async () =>
        {
            if (Interlocked.Increment(ref reloads) == 1)
            {
                // Longer than the interval: an event arrives meanwhile.
                await _live.PublishAsync(new ScansRecorded(_partner, 1));
                await Task.Delay(1100);
                ended.TrySetResult(Environment.TickCount64);
            }
            else
            {
                second.TrySetResult(Environment.TickCount64);
            }
        }, ex => Task.FromException(ex), interval: TimeSpan.FromSeconds(1));

        await _live.PublishAsync(new ScansRecorded(_partner, 1));
        var gap = await second.Task.WaitAsync(TimeSpan.FromSeconds(10)) - await ended.Task;

        // The interval counts from the previous reload's start: already over, so the next one runs at once (not 1 s later).
        Assert.InRange(gap, 0, 500);
    }

    [Fact]
    public async Task TheLastEventOfABurstIsAlwaysShown()
    {
        var seenAtReload = new List<long>();
        using var refresher = new LiveRefresher(_live, Topics.Partner(_partner), () =>
        {
            lock (seenAtReload)
            {
                seenAtReload.Add(_live.Sequence(Topics.Partner(_partner)));
            }

            return Task.CompletedTask;
        }, ex => Task.FromException(ex), interval: TimeSpan.FromMilliseconds(50));

        for (var i = 0; i < 50; i++)
        {
            await _live.PublishAsync(new ScansRecorded(_partner, 1));
        }

        // The burst folds into a few reloads; the last one must show the last event. Waited for,
        // not slept on: a loaded CI machine may run the trailing reload late, never not at all.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline && LastSeen() != 50)
        {
            await Task.Delay(20);
        }

        Assert.Equal(50, LastSeen());
        lock (seenAtReload)
        {
            Assert.True(seenAtReload.Count < 50, $"{seenAtReload.Count} reloads for a burst of 50: the burst was not coalesced.");
        }

        long LastSeen()
        {
            lock (seenAtReload)
            {
                return seenAtReload.Count == 0 ? -1 : seenAtReload[^1];
            }
        }
    }

    [Fact]
    public async Task CatchUpReloadsOnlyWhenTheTopicMovedOn()
    {
        var reloads = 0;
        using var refresher = new LiveRefresher(_live, Topics.Partner(_partner), () =>
        {
            Interlocked.Increment(ref reloads);
            return Task.CompletedTask;
        }, ex => Task.FromException(ex), interval: TimeSpan.FromMilliseconds(10));

        await refresher.CatchUpAsync();
        Assert.Equal(0, reloads);

        // Events published while nobody listened (as when a circuit was disconnected).
        refresher.Dispose();
        await _live.PublishAsync(new ScansRecorded(_partner, 1));
        using var again = new LiveRefresher(_live, Topics.Partner(_partner), () =>
        {
            Interlocked.Increment(ref reloads);
            return Task.CompletedTask;
        }, ex => Task.FromException(ex), interval: TimeSpan.FromMilliseconds(10));
        again.MarkSeen(0);
        await again.CatchUpAsync();

        Assert.Equal(1, reloads);
    }

    [Fact]
    public async Task EventsBetweenTheFirstLoadAndTheSubscriptionAreCaughtUpAtOnce()
    {
        var shown = _live.Sequence(Topics.Partner(_partner));
        await _live.PublishAsync(new ScansRecorded(_partner, 1));
        var reloaded = new TaskCompletionSource();

        using var refresher = new LiveRefresher(_live, Topics.Partner(_partner), () =>
        {
            reloaded.TrySetResult();
            return Task.CompletedTask;
        }, ex => Task.FromException(ex), shownSequence: shown);

        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task ReloadErrorsGoToTheCircuitNotThePublisher()
    {
        var reported = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var refresher = new LiveRefresher(_live, Topics.Partner(_partner), () => throw new InvalidOperationException("boom"), ex =>
        {
            reported.TrySetResult(ex);
            return Task.CompletedTask;
        }, interval: TimeSpan.FromMilliseconds(10));

        await _live.PublishAsync(new ScansRecorded(_partner, 1));

        Assert.IsType<InvalidOperationException>(await reported.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
