using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Observability;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>
/// The PartnerSpace meter and activity source (issue 9, item 6), heard with a <see cref="MeterListener"/>
/// that listens to this test's own meter only (one per service provider), so parallel tests do not count.
/// </summary>
[Trait("Spec", "D-9")]
public sealed class PartnerSpaceTelemetryTests : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, string? Outcome)> _measurements = new();
    private PartnerSpaceTelemetry _telemetry = null!;
    private ScanSource _source = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        var partner = await _db.AddPartnerAsync(ev.Id);
        _source = new ScanSource(ev.Id, partner.Id, null);
        await _db.AddAttendeeAsync(ev.Id, "B-001", "grace@navy.example");

        _telemetry = new PartnerSpaceTelemetry(_services.GetRequiredService<IMeterFactory>());
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _telemetry.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task ScansAreCountedByOutcome()
    {
        var scans = new ScanService(_db.Factory, _db.Live, _db.Time, _telemetry);
        var first = Input(Guid.CreateVersion7());

        await scans.RecordAsync(_source, [first, Input(Guid.CreateVersion7(), badge: "UNKNOWN")]);
        await scans.RecordAsync(_source, [first, first with { Note = "other body" }, Input(Guid.CreateVersion7(), scannedAt: "not a date")]);

        Assert.Equal(2, Sum("partnerspace.scans", "created"));
        Assert.Equal(1, Sum("partnerspace.scans", "replayed"));
        Assert.Equal(1, Sum("partnerspace.scans", "conflict"));
        Assert.Equal(1, Sum("partnerspace.scans", "invalid"));
    }

    [Fact]
    public async Task RecordingScansIsATracedActivity()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == PartnerSpaceTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);
        using var parent = new Activity("test").Start();

        await new ScanService(_db.Factory, _db.Live, _db.Time, _telemetry).RecordAsync(_source, [Input(Guid.CreateVersion7()), Input(Guid.CreateVersion7())]);

        var record = Assert.Single(stopped, a => a.OperationName == "scans.record" && a.TraceId == parent.TraceId);
        Assert.Equal(2, record.GetTagItem("partnerspace.scans.count"));
    }

    [Fact]
    public async Task FanOutLatencyIsMeasuredUntilTheSubscriberIsDone()
    {
        var live = new InMemoryLiveEvents(NullLogger<InMemoryLiveEvents>.Instance, _telemetry);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var slow = live.Subscribe(Topics.Outbox, async _ =>
        {
            await Task.Delay(50);
            done.TrySetResult();
        });
        Assert.Null(_telemetry.RecentFanOut());

        await live.PublishAsync(new OutboxChanged(null));
        await done.Task.WaitAsync(TimeSpan.FromSeconds(5));

        var latency = await WaitForAsync(() => _telemetry.RecentFanOut());
        Assert.Equal(1, latency.Samples);
        Assert.InRange(latency.P99, TimeSpan.FromMilliseconds(45), TimeSpan.FromSeconds(5));
        Assert.InRange(Assert.Single(Values("partnerspace.live.fanout.duration")), 0.045, 5);
    }

    [Fact]
    public void OpenCircuitsGoUpAndDown()
    {
        _telemetry.CircuitOpened();
        _telemetry.CircuitOpened();
        _telemetry.CircuitClosed();

        Assert.Equal(1, _telemetry.OpenCircuits);
        Assert.Equal([1.0, 1.0, -1.0], Values("partnerspace.circuits.open"));
    }

    [Fact]
    public async Task OutboxBacklogIsReadFromTheDatabaseAtMostEveryFewSeconds()
    {
        using var figures = new LiveFiguresService(_db.Factory, _db.Time, _telemetry);
        await _db.SaveAsync(new OutboxMessage(null, "a@x.example", "Hello", "text", "<p>html</p>", _db.Time.GetUtcNow()));
        Assert.Equal(new OutboxFigures(1, 0), await figures.OutboxAsync());

        await _db.SaveAsync(new OutboxMessage(null, "b@x.example", "Hello", "text", "<p>html</p>", _db.Time.GetUtcNow()));
        _listener.RecordObservableInstruments();
        Assert.Equal(1, await figures.OutboxAsync() is { Backlog: var cached } ? cached : -1);
        Assert.Equal([1.0], Values("partnerspace.outbox.backlog"));

        _db.Time.Advance(LiveFiguresService.OutboxCacheFor);
        Assert.Equal(2, (await figures.OutboxAsync()).Backlog);
    }

    [Fact]
    public async Task LiveFiguresCountScansPerMinuteAndLeadsOfTheDay()
    {
        var scans = new ScanService(_db.Factory, _db.Live, _db.Time, _telemetry);
        using var figures = new LiveFiguresService(_db.Factory, _db.Time, _telemetry);
        await scans.RecordAsync(_source, [Input(Guid.CreateVersion7()), Input(Guid.CreateVersion7(), badge: "UNKNOWN")]);
        _db.Time.Advance(TimeSpan.FromMinutes(2));
        await scans.RecordAsync(_source, [Input(Guid.CreateVersion7(), badge: "UNKNOWN")]);
        var otherEvent = await _db.AddEventAsync();
        var otherPartner = await _db.AddPartnerAsync(otherEvent.Id, "Other");
        await scans.RecordAsync(new ScanSource(otherEvent.Id, otherPartner.Id, null), [Input(Guid.CreateVersion7())]);

        var result = await figures.GetAsync(_source.EventId, "Europe/Paris");

        Assert.Equal(LiveFiguresService.Minutes, result.ScansPerMinute.Count);
        Assert.Equal(1, result.ScansPerMinute[^1].Scans);
        Assert.Equal(0, result.ScansPerMinute[^2].Scans);
        Assert.Equal(2, result.ScansPerMinute[^3].Scans);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 2, 0, TimeSpan.Zero), result.ScansPerMinute[^1].Minute);
        Assert.Equal(3, result.ScansToday);
        Assert.Equal(1, result.LeadsToday);
    }

    private ScanInput Input(Guid scanId, string badge = "B-001", string? scannedAt = null) =>
        new(scanId.ToString(), badge, scannedAt ?? _db.Time.GetUtcNow().AddSeconds(-5).ToString("O"), "staff@acme.example", null);

    private static async Task<T> WaitForAsync<T>(Func<T?> read)
        where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (read() is { } value)
            {
                return value;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("Nothing was recorded.");
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        string? outcome = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "outcome")
            {
                outcome = tag.Value as string;
            }
        }

        _measurements.Enqueue((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), outcome));
    }

    private double Sum(string instrument, string outcome) =>
        _measurements.Where(m => m.Instrument == instrument && m.Outcome == outcome).Sum(m => m.Value);

    private List<double> Values(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument).Select(m => m.Value)];
}
