using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.12")]
public sealed class ScanServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private ScanSource _source = null!;
    private Guid _partnerId;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        var partner = await _db.AddPartnerAsync(ev.Id);
        _partnerId = partner.Id;
        _source = new ScanSource(ev.Id, partner.Id, null);
        await _db.AddAttendeeAsync(ev.Id, "B-001", "grace@navy.example", "Grace", "Hopper");
        await _db.AddAttendeeAsync(ev.Id, "B-002", "alan@bletchley.example", "Alan", "Turing");
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private ScanInput Input(Guid? scanId = null, string badge = "B-001", string? scannedAt = null, string by = "staff@acme.example", string? note = null) =>
        new((scanId ?? Guid.CreateVersion7()).ToString(), badge, scannedAt ?? _db.Time.GetUtcNow().AddMinutes(-1).ToString("O"), by, note);

    [Fact]
    public async Task KnownBadgeIsStoredAsMatchedScanAndBecomesLead()
    {
        var outcome = (await _db.Scans.RecordAsync(_source, [Input()]))[0];

        Assert.Equal(ScanOutcomeKind.Created, outcome.Kind);
        Assert.True(outcome.Receipt!.Matched);
        Assert.Equal("Grace", outcome.Receipt.Attendee!.FirstName);
        var lead = await _db.QueryAsync(db => db.Leads.SingleAsync());
        Assert.Equal(1, lead.ScanCount);
        Assert.Equal(outcome.Receipt.LeadId, lead.Id);
    }

    [Fact]
    public async Task SecondScanOfSamePersonCountsOnTheSameLead()
    {
        await _db.Scans.RecordAsync(_source, [Input()]);
        await _db.Scans.RecordAsync(_source, [Input(by: "other@acme.example")]);

        var lead = await _db.QueryAsync(db => db.Leads.SingleAsync());
        Assert.Equal(2, lead.ScanCount);
        Assert.Equal("other@acme.example", lead.LastScannedBy);
    }

    [Fact]
    public async Task ReplayWithSameBodyAnswersTheSameReceiptAndStoresNothing()
    {
        var input = Input();
        var first = (await _db.Scans.RecordAsync(_source, [input]))[0];
        var again = (await _db.Scans.RecordAsync(_source, [input]))[0];

        Assert.Equal(ScanOutcomeKind.Replayed, again.Kind);
        Assert.Equal(first.Receipt, again.Receipt);
        Assert.Equal(1, await _db.QueryAsync(db => db.Scans.CountAsync()));
        Assert.Equal(1, (await _db.QueryAsync(db => db.Leads.SingleAsync())).ScanCount);
    }

    [Fact]
    public async Task SameScanIdWithOtherBodyIsConflictAndChangesNothing()
    {
        var id = Guid.CreateVersion7();
        await _db.Scans.RecordAsync(_source, [Input(id)]);
        var conflict = (await _db.Scans.RecordAsync(_source, [Input(id, badge: "B-002")]))[0];

        Assert.Equal(ScanOutcomeKind.Conflict, conflict.Kind);
        var scan = await _db.QueryAsync(db => db.Scans.SingleAsync());
        Assert.Equal("B-001", scan.BadgeCode);
    }

    [Fact]
    public async Task UnknownBadgeIsKeptAsUnmatchedScan()
    {
        var outcome = (await _db.Scans.RecordAsync(_source, [Input(badge: "NOT-REGISTERED")]))[0];

        Assert.Equal(ScanOutcomeKind.Created, outcome.Kind);
        Assert.False(outcome.Receipt!.Matched);
        Assert.Null(outcome.Receipt.Attendee);
        Assert.Equal(0, await _db.QueryAsync(db => db.Leads.CountAsync()));
        var counters = await _db.Leads.GetCountersAsync(_partnerId);
        Assert.Equal(new LeadCounters(0, 1, 1), counters);
    }

    [Fact]
    public async Task InvalidScanGetsFieldErrorsAndStoresNothing()
    {
        var outcome = (await _db.Scans.RecordAsync(_source, [new ScanInput("nope", "", "yesterday", "not-an-email", null)]))[0];

        Assert.Equal(ScanOutcomeKind.Invalid, outcome.Kind);
        Assert.Equal(["badgeCode", "scanId", "scannedAt", "scannedBy"], outcome.Errors!.Keys.Order());
        Assert.Equal(0, await _db.QueryAsync(db => db.Scans.CountAsync()));
    }

    [Fact]
    public async Task BatchGivesEachScanItsOwnOutcome()
    {
        var replayed = Input();
        await _db.Scans.RecordAsync(_source, [replayed]);
        var duplicateInBatch = Input();

        var outcomes = await _db.Scans.RecordAsync(_source, [Input(badge: "B-002"), replayed, duplicateInBatch, duplicateInBatch, new ScanInput(null, null, null, null, null)]);

        Assert.Equal(
            [ScanOutcomeKind.Created, ScanOutcomeKind.Replayed, ScanOutcomeKind.Created, ScanOutcomeKind.Replayed, ScanOutcomeKind.Invalid],
            outcomes.Select(o => o.Kind));
        Assert.Equal(3, await _db.QueryAsync(db => db.Scans.CountAsync()));
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task NewScansArePublishedOnThePartnerTopicAfterCommit()
    {
        var received = new System.Collections.Concurrent.ConcurrentQueue<LiveEvent>();
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int storedWhenPublished = -1;
        using var _ = _db.Live.Subscribe(Topics.Partner(_partnerId), async e =>
        {
            storedWhenPublished = await _db.QueryAsync(db => db.Scans.CountAsync());
            received.Enqueue(e);
            delivered.TrySetResult();
        });

        await _db.Scans.RecordAsync(_source, [Input(), Input(badge: "B-002")]);
        await _db.Scans.RecordAsync(_source, [new ScanInput(null, null, null, null, null)]);

        // Delivery does not wait for the subscriber, whose query is truly asynchronous on PostgreSQL.
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var recorded = Assert.IsType<ScansRecorded>(Assert.Single(received));
        Assert.Equal(2, recorded.Count);
        Assert.Equal(2, storedWhenPublished);
    }

    [Fact]
    public async Task ConcurrentRetriesOfOneScanStoreItExactlyOnce()
    {
        var input = Input();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(() => _db.Scans.RecordAsync(_source, [input]))));

        var kinds = outcomes.Select(o => o[0].Kind).ToList();
        Assert.Equal(1, kinds.Count(k => k == ScanOutcomeKind.Created));
        Assert.Equal(23, kinds.Count(k => k == ScanOutcomeKind.Replayed));
        Assert.Equal(1, await _db.QueryAsync(db => db.Scans.CountAsync()));
        Assert.Equal(1, (await _db.QueryAsync(db => db.Leads.SingleAsync())).ScanCount);
    }

    [Fact]
    [Trait("Spec", "D-9")]
    public async Task ConcurrentSingleScansOfTwoPartnersAreEachStoredOnceWithTheirOwnAnswer()
    {
        // Single scans are grouped into shared transactions (group commit): each request still gets
        // its own answer, each partner its own scans, and a reused id with another body its 409.
        var ev = await _db.QueryAsync(db => db.Events.SingleAsync());
        var other = await _db.AddPartnerAsync(ev.Id, "Other");
        var theirs = new ScanSource(ev.Id, other.Id, null);
        var ours = Enumerable.Range(0, 40).Select(i => Input(badge: i % 2 == 0 ? "B-001" : "B-002")).ToList();
        var others = Enumerable.Range(0, 40).Select(_ => Input(badge: "B-404")).ToList();
        var clash = Input(Guid.Parse(ours[0].ScanId!), badge: "B-002", note: "another body");

        var calls = ours.Select(i => (Source: _source, Input: i)).Concat(others.Select(i => (Source: theirs, Input: i))).Append((Source: _source, Input: clash)).ToList();
        var outcomes = await Task.WhenAll(calls.Select(c => Task.Run(() => _db.Scans.RecordAsync(c.Source, [c.Input]))));

        var kinds = outcomes.Select(o => o[0].Kind).ToList();
        Assert.Equal(80, kinds.Count(k => k == ScanOutcomeKind.Created));
        Assert.Equal(1, kinds.Count(k => k == ScanOutcomeKind.Conflict));
        Assert.All(outcomes.Zip(calls), p => Assert.Equal(p.Second.Input.ScanId, p.First[0].ScanId));
        Assert.Equal(40, (await _db.Leads.GetCountersAsync(_partnerId)).Scans);
        Assert.Equal(40, (await _db.Leads.GetCountersAsync(other.Id)).Unmatched);
        Assert.Equal(40, await _db.QueryAsync(db => db.Leads.Where(l => l.PartnerId == _partnerId).SumAsync(l => l.ScanCount)));
    }

    [Fact]
    public async Task ScansOfOnePartnerNeverReachAnother()
    {
        var ev = await _db.QueryAsync(db => db.Events.SingleAsync());
        var other = await _db.AddPartnerAsync(ev.Id, "Other");
        var id = Guid.CreateVersion7();

        await _db.Scans.RecordAsync(_source, [Input(id)]);
        var theirs = (await _db.Scans.RecordAsync(new ScanSource(ev.Id, other.Id, null), [Input(id, badge: "B-002")]))[0];

        // The same device-made id at another partner is another scan, not a conflict.
        Assert.Equal(ScanOutcomeKind.Created, theirs.Kind);
        Assert.Equal(1, (await _db.Leads.GetCountersAsync(_partnerId)).Scans);
        Assert.Equal(1, (await _db.Leads.GetCountersAsync(other.Id)).Scans);
    }

    [Fact]
    public async Task MemberRolesDoNotMatterToScanning()
    {
        var ev = await _db.QueryAsync(db => db.Events.SingleAsync());
        await _db.AddMemberAsync(ev.Id, _partnerId, MemberRole.SalesContact, "sales@acme.example");

        var outcome = (await _db.Scans.RecordAsync(_source, [Input(by: "sales@acme.example")]))[0];

        Assert.Equal(ScanOutcomeKind.Created, outcome.Kind);
    }
}
