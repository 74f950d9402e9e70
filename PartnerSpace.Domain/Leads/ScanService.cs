using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Observability;

namespace PartnerSpace.Domain.Leads;

/// <summary>Stores scans from devices, exactly once each, and turns matched badges into leads (S-2.12).</summary>
public sealed class ScanService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time, PartnerSpaceTelemetry? telemetry = null)
{
    /// <summary>Most scans one batch request may carry (DESIGN §6).</summary>
    public const int MaxBatchSize = 1000;

    private const int MaxAttempts = 3;

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

        if (valid.Count > 0)
        {
            var created = await StoreWithRetryAsync(source, valid, outcomes, now, ct);
            if (created > 0)
            {
                await live.PublishAsync(new ScansRecorded(source.PartnerId, created), ct);
                await live.PublishAsync(new EventLeadsChanged(source.EventId), ct);
            }
        }

        telemetry?.ScansRecorded(outcomes!);
        return outcomes!;
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
