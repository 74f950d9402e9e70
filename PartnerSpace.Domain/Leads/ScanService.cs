using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Observability;

namespace PartnerSpace.Domain.Leads;

/// <summary>Stores scans from devices, exactly once each, and turns matched badges into leads (S-2.12).</summary>
/// <remarks>
/// Group commit: single scans (one per request, what most devices send) go through one writer,
/// which takes every single scan waiting at that moment, stores those of each device key in one
/// transaction (the batch path: same checks, same exactly-once rules) and answers each request only
/// after that transaction committed. Under load one commit then carries tens of scans instead of one,
/// and requests queue in order instead of racing for the database's write lock.
/// </remarks>
public sealed class ScanService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time, PartnerSpaceTelemetry? telemetry = null) : IDisposable
{
    /// <summary>Most scans one batch request may carry (DESIGN §6).</summary>
    public const int MaxBatchSize = 1000;

    private const int MaxAttempts = 3;

    private readonly Channel<PendingScan> _singles = Channel.CreateUnbounded<PendingScan>(new UnboundedChannelOptions { SingleReader = true });
    private int _writerStarted;

    public void Dispose() => _singles.Writer.TryComplete();

    /// <summary>
    /// Records scans in one transaction. Each input gets its own outcome; invalid ones change
    /// nothing. Replays are recognised by the unique (partner, scan id) index.
    /// </summary>
    public async Task<IReadOnlyList<ScanOutcome>> RecordAsync(ScanSource source, IReadOnlyList<ScanInput> inputs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(inputs);
        using var activity = PartnerSpaceTelemetry.Source.StartActivity("scans.record");
        activity?.SetTag("partnerspace.scans.count", inputs.Count);

        var now = time.GetUtcNow();
        var outcomes = new ScanOutcome?[inputs.Count];
        var valid = new List<(int Index, ScanSubmission Scan)>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var result = ScanSubmission.From(inputs[i], now);
            if (result.IsSuccess)
            {
                valid.Add((i, result.Value!));
            }
            else
            {
                outcomes[i] = ScanOutcome.Invalid(inputs[i].ScanId, result.Error!.Fields!);
            }
        }

        if (valid is [var single] && inputs.Count == 1)
        {
            // Answered once the writer's transaction holding it committed; it is stored even if
            // this request is cancelled meanwhile (a device that gave up resends, and gets a replay).
            var pending = new PendingScan(source, single.Scan, now);
            if (Interlocked.Exchange(ref _writerStarted, 1) == 0)
            {
                _ = Task.Run(WriteSinglesAsync, CancellationToken.None);
            }

            if (_singles.Writer.TryWrite(pending))
            {
                outcomes[0] = await pending.Done.Task.WaitAsync(ct);
                telemetry?.ScansRecorded(outcomes!);
                return outcomes!;
            }
        }

        if (valid.Count > 0)
        {
            var created = await StoreWithRetryAsync(source, valid, outcomes, now, ct);
            await PublishAsync(source, created, ct);
        }

        telemetry?.ScansRecorded(outcomes!);
        return outcomes!;
    }

    private async Task PublishAsync(ScanSource source, int created, CancellationToken ct)
    {
        if (created > 0)
        {
            await live.PublishAsync(new ScansRecorded(source.PartnerId, created), ct);
            await live.PublishAsync(new EventLeadsChanged(source.EventId), ct);
        }
    }

    /// <summary>
    /// The writer of single scans: takes every single scan waiting (up to <see cref="MaxBatchSize"/>),
    /// stores each device key's in one transaction, then answers their requests.
    /// </summary>
    private async Task WriteSinglesAsync()
    {
        var reader = _singles.Reader;
        var group = new List<PendingScan>(MaxBatchSize);
        while (await reader.WaitToReadAsync())
        {
            while (group.Count < MaxBatchSize && reader.TryRead(out var pending))
            {
                group.Add(pending);
            }

            foreach (var bySource in group.GroupBy(p => p.Source))
            {
                await StoreSinglesAsync(bySource.Key, [.. bySource]);
            }

            group.Clear();
        }
    }

    private async Task StoreSinglesAsync(ScanSource source, List<PendingScan> pending)
    {
        try
        {
            var valid = pending.Select((p, i) => (Index: i, p.Scan)).ToList();
            var outcomes = new ScanOutcome?[pending.Count];
            var created = await StoreWithRetryAsync(source, valid, outcomes, pending[0].Now, CancellationToken.None);
            await PublishAsync(source, created, CancellationToken.None);
            for (var i = 0; i < pending.Count; i++)
            {
                pending[i].Done.TrySetResult(outcomes[i]!);
            }
        }
#pragma warning disable CA1031 // The writer must go on: the failure goes to each request of the group, as it would have without grouping.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var p in pending)
            {
                p.Done.TrySetException(ex);
            }
        }
    }

    private async Task<int> StoreWithRetryAsync(ScanSource source, List<(int Index, ScanSubmission Scan)> valid, ScanOutcome?[] outcomes, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StoreAsync(source, valid, outcomes, now, ct);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another request stored one of these scan ids (or the same person's lead) between
                // our read and our commit. The unique indexes refused it; the next attempt sees it.
            }
        }
    }

    private async Task<int> StoreAsync(ScanSource source, List<(int Index, ScanSubmission Scan)> valid, ScanOutcome?[] outcomes, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.ScopeNextTransactionToPartner(source.PartnerId); // PostgreSQL: partners scan side by side (ADR 0013)
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var scanIds = valid.Select(v => v.Scan.ScanId).Distinct().ToList();
        var stored = await db.Scans
            .Where(s => s.PartnerId == source.PartnerId && scanIds.Contains(s.ScanId))
            .Include(s => s.Lead).ThenInclude(l => l!.Person)
            .ToDictionaryAsync(s => s.ScanId, ct);

        var badges = valid.Where(v => !stored.ContainsKey(v.Scan.ScanId)).Select(v => v.Scan.BadgeCode).Distinct().ToList();
        var attendees = badges.Count == 0
            ? []
            : await db.Attendees.AsNoTracking()
                .Where(a => a.EventId == source.EventId && badges.Contains(a.BadgeCode))
                .Select(a => new { a.BadgeCode, a.PersonId, a.Person!.FirstName, a.Person.LastName, a.Person.Company })
                .ToDictionaryAsync(a => a.BadgeCode, StringComparer.Ordinal, ct);

        var people = valid
            .Where(v => !stored.ContainsKey(v.Scan.ScanId) && attendees.ContainsKey(v.Scan.BadgeCode))
            .Select(v => (attendees[v.Scan.BadgeCode].PersonId, now))
            .ToList();
        var leads = await LeadBook.CaptureManyAsync(db, source.PartnerId, people, LeadSources.Scan, ct);

        var fresh = new Dictionary<Guid, (Scan Scan, ScannedAttendee? Attendee)>();
        foreach (var (index, input) in valid)
        {
            if (stored.TryGetValue(input.ScanId, out var old))
            {
                var person = old.Lead?.Person;
                var who = person is null ? null : new ScannedAttendee(person.FirstName, person.LastName, person.Company);
                outcomes[index] = Outcome(old, who, ScanOutcomeKind.Replayed, input);
                continue;
            }

            if (fresh.TryGetValue(input.ScanId, out var twin))
            {
                outcomes[index] = Outcome(twin.Scan, twin.Attendee, ScanOutcomeKind.Replayed, input);
                continue;
            }

            var scan = new Scan(source.PartnerId, input.ScanId, input.BadgeCode, input.ScannedAt, input.ScannedBy, input.Note, now, source.DeviceKeyId);
            ScannedAttendee? attendee = null;
            if (attendees.TryGetValue(input.BadgeCode, out var a))
            {
                leads[a.PersonId].Take(scan);
                attendee = new ScannedAttendee(a.FirstName, a.LastName, a.Company);
            }

            db.Scans.Add(scan);
            fresh[input.ScanId] = (scan, attendee);
            outcomes[index] = Outcome(scan, attendee, ScanOutcomeKind.Created, input);
        }

        if (fresh.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
        return fresh.Count;
    }

    private sealed record PendingScan(ScanSource Source, ScanSubmission Scan, DateTimeOffset Now)
    {
        public TaskCompletionSource<ScanOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static ScanOutcome Outcome(Scan scan, ScannedAttendee? attendee, ScanOutcomeKind kind, ScanSubmission input)
    {
        if (kind == ScanOutcomeKind.Replayed && !scan.SameAs(input))
        {
            return ScanOutcome.Conflict(input.ScanId);
        }

        var receipt = new ScanReceipt(scan.ScanId, scan.LeadId, attendee, scan.ScannedAt, scan.ReceivedAt);
        return new ScanOutcome(scan.ScanId.ToString(), kind, receipt, null);
    }
}
