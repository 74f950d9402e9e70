using Microsoft.Extensions.Logging.Abstractions;
using PartnerSpace.Domain.Live;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>
/// DESIGN §9 (2,000 open live screens): the screens that reload for the same event share one read,
/// and never a read from before the event, a failed one, or one older than <see cref="SharedLiveReads.KeepFor"/>.
/// </summary>
[Trait("Spec", "S-5")]
[Trait("Spec", "D-9")]
public sealed class SharedLiveReadsTests
{
    private static readonly Guid Partner = Guid.NewGuid();
    private readonly InMemoryLiveEvents _live = new(NullLogger<InMemoryLiveEvents>.Instance);
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    private readonly SharedLiveReads _reads;
    private int _calls;

    public SharedLiveReadsTests() => _reads = new SharedLiveReads(_live, _time);

    private static string Topic => Topics.Partner(Partner);

    [Fact]
    public async Task ScreensReloadingForTheSameEventShareOneReadAndTheNextEventReadsAgain()
    {
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var screens = Enumerable.Range(0, 50).Select(_ => _reads.ReadAsync(Topic, "page 1", _ => Read(gate.Task))).ToList();
        gate.SetResult(42);
        Assert.All(await Task.WhenAll(screens), n => Assert.Equal(42, n));
        Assert.Equal(1, _calls);

        await _live.PublishAsync(new ScansRecorded(Partner, 1));
        Assert.Equal(7, await _reads.ReadAsync(Topic, "page 1", _ => Read(Task.FromResult(7))));
        Assert.Equal(2, _calls);
    }

    [Fact]
    public async Task DifferentQueriesAndResultTypesAreReadApart()
    {
        await _reads.ReadAsync(Topic, "page 1", _ => Read(Task.FromResult(1)));
        await _reads.ReadAsync(Topic, "page 2", _ => Read(Task.FromResult(2)));
        var text = await _reads.ReadAsync(Topic, "page 1", _ => Task.FromResult("other type"));
        Assert.Equal(2, _calls);
        Assert.Equal("other type", text);
    }

    [Fact]
    public async Task AFailedReadIsNotHandedToTheNextScreen()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _reads.ReadAsync<int>(Topic, "page 1", _ => throw new InvalidOperationException("database gone")));
        Assert.Equal(3, await _reads.ReadAsync(Topic, "page 1", _ => Read(Task.FromResult(3))));
        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task AScreenThatLeavesDoesNotCancelTheReadOfTheOthers()
    {
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var leaving = new CancellationTokenSource();
        var left = _reads.ReadAsync(Topic, "page 1", _ => Read(gate.Task), leaving.Token);
        var staying = _reads.ReadAsync(Topic, "page 1", _ => Read(gate.Task));
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left);
        gate.SetResult(5);
        Assert.Equal(5, await staying);
        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task AReadOlderThanKeepForIsReadAgainAndForgotten()
    {
        await _reads.ReadAsync(Topic, "page 1", _ => Read(Task.FromResult(1)));
        _time.Advance(SharedLiveReads.KeepFor);
        Assert.Equal(2, await _reads.ReadAsync(Topic, "page 1", _ => Read(Task.FromResult(2))));
        Assert.Equal(2, _calls);

        await _reads.ReadAsync(Topic, "page 2", _ => Read(Task.FromResult(3)));
        _time.Advance(SharedLiveReads.KeepFor);
        await _reads.ReadAsync(Topic, "page 3", _ => Read(Task.FromResult(4)));
        Assert.Equal(1, _reads.Count);
    }

    private Task<int> Read(Task<int> result)
    {
        Interlocked.Increment(ref _calls);
        return result;
    }
}
