using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Observability;

/// <summary>Scans received in one minute (UTC, the minute's start).</summary>
public sealed record MinuteScans(DateTimeOffset Minute, int Scans);

/// <summary>E-mails of the outbox not yet sent (queued or being sent), and those given up.</summary>
public sealed record OutboxFigures(int Backlog, int Failed);

/// <summary>
/// What the organizers' "Live figures" page shows (issue 9, item 6). The scans, leads, e-mails and
/// webhooks come from the database, so they are right whichever node answers; the circuits and the
/// fan-out latency are this node's own.
/// </summary>
public sealed record LiveFigures(
    IReadOnlyList<MinuteScans> ScansPerMinute,
    int LeadsToday,
    int ScansToday,
    OutboxFigures Outbox,
    int FailingWebhooks,
    long OpenCircuits,
    FanOutLatency? FanOut);

/// <summary>
/// Reads the live figures of an event, and observes the outbox backlog as the gauge
/// <c>partnerspace.outbox.backlog</c>: read from the database at most every <see cref="OutboxCacheFor"/>,
/// shared by the gauge and every open page.
/// </summary>
public sealed class LiveFiguresService : IDisposable
{
    /// <summary>How many minutes of scans the page charts.</summary>
    public const int Minutes = 15;

    /// <summary>How long one reading of the outbox serves the gauge and the pages.</summary>
    public static readonly TimeSpan OutboxCacheFor = TimeSpan.FromSeconds(5);

    private static readonly long TicksPerMinute = TimeSpan.TicksPerMinute;

    private readonly IDbContextFactory<PartnerSpaceDbContext> _dbs;
    private readonly TimeProvider _time;
    private readonly PartnerSpaceTelemetry _telemetry;
    private readonly SemaphoreSlim _outboxGate = new(1, 1);
    private (OutboxFigures Figures, DateTimeOffset At)? _outbox;

    public LiveFiguresService(IDbContextFactory<PartnerSpaceDbContext> dbs, TimeProvider time, PartnerSpaceTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        _dbs = dbs;
        _time = time;
        _telemetry = telemetry;
        telemetry.Meter.CreateObservableGauge("partnerspace.outbox.backlog", ObserveBacklog, "{email}", "E-mails queued or being sent (all nodes: read from the database).");
    }

    /// <summary>The figures of <paramref name="eventId"/>, "today" in <paramref name="timeZoneId"/>.</summary>
    public async Task<LiveFigures> GetAsync(Guid eventId, string timeZoneId, CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        var firstMinute = now.UtcTicks / TicksPerMinute - (Minutes - 1);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var local = today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var startOfDay = new DateTimeOffset(local, zone.GetUtcOffset(local));

        await using var db = await _dbs.CreateDbContextAsync(ct);

        // Times are stored as UTC ticks on both providers: one pass groups them by minute, in SQL,
        // and returns at most 15 rows whatever the rate of scans; the (partner, received) index
        // reads only the last minutes of each partner. The minute is named in a subquery:
        // PostgreSQL does not see two parameters of the same value as one GROUP BY expression.
        var fromTicks = firstMinute * TicksPerMinute;
        var rows = await db.Database.SqlQuery<MinuteRow>($"""
            SELECT m."Minute", COUNT(*) AS "Scans"
            FROM (
                SELECT s."ReceivedAt" / {TicksPerMinute} AS "Minute"
                FROM "Scans" AS s INNER JOIN "Partners" AS p ON p."Id" = s."PartnerId"
                WHERE p."EventId" = {eventId} AND s."ReceivedAt" >= {fromTicks}
            ) AS m
            GROUP BY m."Minute"
            """).ToListAsync(ct);
        var byMinute = rows.ToDictionary(r => r.Minute, r => (int)r.Scans);
        var perMinute = new MinuteScans[Minutes];
        for (var i = 0; i < Minutes; i++)
        {
            var minute = firstMinute + i;
            perMinute[i] = new MinuteScans(new DateTimeOffset(minute * TicksPerMinute, TimeSpan.Zero), byMinute.GetValueOrDefault(minute));
        }

        var partners = db.Partners.Where(p => p.EventId == eventId).Select(p => p.Id);
        var leadsToday = await db.Leads.CountAsync(l => partners.Contains(l.PartnerId) && l.CreatedAt >= startOfDay, ct);
        var scansToday = await db.Scans.CountAsync(s => partners.Contains(s.PartnerId) && s.ReceivedAt >= startOfDay, ct);
        var failingWebhooks = await db.Webhooks.CountAsync(w => partners.Contains(w.PartnerId) && (w.FailureCount > 0 || w.DisabledAt != null), ct);
        var outbox = await OutboxAsync(ct);
        return new LiveFigures(perMinute, leadsToday, scansToday, outbox, failingWebhooks, _telemetry.OpenCircuits, _telemetry.RecentFanOut());
    }

    /// <summary>The outbox backlog and failures, read at most every <see cref="OutboxCacheFor"/>.</summary>
    public async Task<OutboxFigures> OutboxAsync(CancellationToken ct = default)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _outboxGate.WaitAsync(ct);
        try
        {
            if (Fresh() is { } again)
            {
                return again;
            }

            await using var db = await _dbs.CreateDbContextAsync(ct);
            var counts = await db.Outbox
                .Where(m => m.Status == OutboxStatus.Queued || m.Status == OutboxStatus.Sending || m.Status == OutboxStatus.Failed)
                .GroupBy(m => m.Status).Select(g => new { Status = g.Key, Count = g.Count() })
                .ToListAsync(ct);
            var figures = new OutboxFigures(
                counts.Where(c => c.Status != OutboxStatus.Failed).Sum(c => c.Count),
                counts.Where(c => c.Status == OutboxStatus.Failed).Sum(c => c.Count));
            _outbox = (figures, _time.GetUtcNow());
            return figures;
        }
        finally
        {
            _outboxGate.Release();
        }
    }

    public void Dispose() => _outboxGate.Dispose();

    private OutboxFigures? Fresh() =>
        _outbox is { } o && _time.GetUtcNow() - o.At < OutboxCacheFor ? o.Figures : null;

    // Observable instruments are read on the exporter's thread: give the last reading and refresh it
    // in the background when it is old, so an export never waits for the database.
    private IEnumerable<Measurement<int>> ObserveBacklog()
    {
        var last = _outbox;
        if (last is null || _time.GetUtcNow() - last.Value.At >= OutboxCacheFor)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await OutboxAsync();
                }
                catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
                {
                    // The database is away: the gauge keeps its last value until it answers.
                }
            });
        }

        return last is { } value ? [new Measurement<int>(value.Figures.Backlog)] : [];
    }

    internal sealed class MinuteRow
    {
        public long Minute { get; set; }

        public long Scans { get; set; }
    }
}
