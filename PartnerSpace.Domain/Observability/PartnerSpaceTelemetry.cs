using System.Diagnostics;
using System.Diagnostics.Metrics;
using PartnerSpace.Domain.Leads;

namespace PartnerSpace.Domain.Observability;

/// <summary>
/// The portal's own OpenTelemetry instruments (issue 9, item 6): the meter and the activity source
/// named <see cref="Name"/>. Exported by the Web project when an OTLP endpoint is set; without a
/// listener each call below is a few field reads. It also keeps this node's open circuits and recent
/// fan-out latencies in memory, for the organizers' "Live figures" page.
/// </summary>
public sealed class PartnerSpaceTelemetry
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "PartnerSpace";

    /// <summary>How many recent fan-out latencies the node keeps for its p50 / p99.</summary>
    public const int LatencyWindow = 1024;

    /// <summary>Activities around scan recording and e-mail sending; free when nobody listens.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly KeyValuePair<string, object?> Created = new("outcome", "created");
    private static readonly KeyValuePair<string, object?> Replayed = new("outcome", "replayed");
    private static readonly KeyValuePair<string, object?> Conflict = new("outcome", "conflict");
    private static readonly KeyValuePair<string, object?> Invalid = new("outcome", "invalid");
    private static readonly KeyValuePair<string, object?> Sent = new("outcome", "sent");
    private static readonly KeyValuePair<string, object?> Refused = new("outcome", "refused");

    private readonly Meter _meter;
    private readonly Counter<long> _scans;
    private readonly Histogram<double> _fanOut;
    private readonly UpDownCounter<long> _circuits;
    private readonly Counter<long> _emails;
    private readonly Counter<long> _webhookFailures;
    private readonly Counter<long> _signInFailures;
    private readonly double[] _latencies = new double[LatencyWindow];
    private long _latencyCount;
    private long _openCircuits;

    public PartnerSpaceTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        // The factory owns (and disposes) the meter; one per service provider, so tests can listen to theirs.
        _meter = meters.Create(Name);
        _scans = _meter.CreateCounter<long>("partnerspace.scans", "{scan}", "Scans received from devices, by outcome (created, replayed, conflict, invalid).");
        _fanOut = _meter.CreateHistogram<double>("partnerspace.live.fanout.duration", "s", "From the publication of a live event to one subscriber's handler done, on this node.");
        _circuits = _meter.CreateUpDownCounter<long>("partnerspace.circuits.open", "{circuit}", "Blazor circuits open on this node.");
        _emails = _meter.CreateCounter<long>("partnerspace.emails", "{email}", "E-mails tried by the outbox sender, by outcome (sent, refused).");
        _webhookFailures = _meter.CreateCounter<long>("partnerspace.webhooks.failures", "{delivery}", "Webhook deliveries that failed.");
        _signInFailures = _meter.CreateCounter<long>("partnerspace.signin.failures", "{attempt}", "Refused sign-ins (wrong password, bad or used link, lockout).");
    }

    /// <summary>The meter, for instruments other areas observe (the outbox backlog).</summary>
    public Meter Meter => _meter;

    /// <summary>Blazor circuits open on this node now.</summary>
    public long OpenCircuits => Interlocked.Read(ref _openCircuits);

    /// <summary>Counts the outcomes of one scan request; one loop, no allocation.</summary>
    public void ScansRecorded(IReadOnlyList<ScanOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (!_scans.Enabled)
        {
            return;
        }

        int created = 0, replayed = 0, conflict = 0, invalid = 0;
        for (var i = 0; i < outcomes.Count; i++)
        {
            switch (outcomes[i].Kind)
            {
                case ScanOutcomeKind.Created: created++; break;
                case ScanOutcomeKind.Replayed: replayed++; break;
                case ScanOutcomeKind.Conflict: conflict++; break;
                default: invalid++; break;
            }
        }

        Add(_scans, created, Created);
        Add(_scans, replayed, Replayed);
        Add(_scans, conflict, Conflict);
        Add(_scans, invalid, Invalid);
    }

    /// <summary>One subscriber's handler finished, <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>) after its event was published.</summary>
    public void FanOutDone(long startTimestamp)
    {
        var seconds = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
        var slot = (Interlocked.Increment(ref _latencyCount) - 1) % LatencyWindow;
        _latencies[slot] = seconds;
        _fanOut.Record(seconds);
    }

    /// <summary>This node's fan-out latency over its last <see cref="LatencyWindow"/> deliveries; null before the first.</summary>
    public FanOutLatency? RecentFanOut()
    {
        var count = (int)Math.Min(Interlocked.Read(ref _latencyCount), LatencyWindow);
        if (count == 0)
        {
            return null;
        }

        var copy = new double[count];
        Array.Copy(_latencies, copy, count);
        Array.Sort(copy);
        return new FanOutLatency(count, TimeSpan.FromSeconds(Percentile(copy, 0.50)), TimeSpan.FromSeconds(Percentile(copy, 0.99)));
    }

    public void CircuitOpened()
    {
        Interlocked.Increment(ref _openCircuits);
        _circuits.Add(1);
    }

    public void CircuitClosed()
    {
        Interlocked.Decrement(ref _openCircuits);
        _circuits.Add(-1);
    }

    public void EmailTried(bool sent) => _emails.Add(1, sent ? Sent : Refused);

    public void WebhookFailed() => _webhookFailures.Add(1);

    public void SignInFailed() => _signInFailures.Add(1);

    private static void Add(Counter<long> counter, int n, KeyValuePair<string, object?> tag)
    {
        if (n > 0)
        {
            counter.Add(n, tag);
        }
    }

    // Nearest rank on a sorted sample.
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>Recent fan-out latencies of one node: how many, the median and the 99th percentile.</summary>
public sealed record FanOutLatency(int Samples, TimeSpan P50, TimeSpan P99);
