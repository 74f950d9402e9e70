using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>
/// D-8, ADR 0013: the rules that matter hold on PostgreSQL too, in every run (this class starts
/// its own throw-away PostgreSQL, whatever <c>PARTNERSPACE_TEST_DATABASE</c> says): migrations,
/// scans stored once under concurrent duplicates, one lead per person numbered without gaps, one
/// meeting per slot, partner names, the last administrator, stale writes, case-insensitive search,
/// and partners scanning side by side while other writers wait.
/// </summary>
[Trait("Spec", "D-8")]
[Trait("Category", "ScaleOut")]
public sealed class PostgresProviderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Tomorrow = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _db = new(postgres: true);
    private Event _event = default!;
    private Partner _acme = default!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _event = await _db.AddEventAsync();
        _acme = await _db.AddPartnerAsync(_event.Id, "Acme");
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task TheMigrationsApplyAndDescribeTheModel()
    {
        await using var db = await _db.Factory.CreateDbContextAsync();

        Assert.IsType<PostgresDbContext>(db);
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task ConnectionsRunWithoutTheQueryJit()
    {
        // Compiling the export's plan took longer than running it (BENCHMARKS, "Leads on PostgreSQL").
        Assert.Equal("off", await _db.QueryAsync(db => db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync()));
    }

    [Theory]
    [InlineData("Host=db;Database=p", "-c jit=off")]
    [InlineData("Host=db;Options=-c statement_timeout=5000", "-c statement_timeout=5000 -c jit=off")]
    [InlineData("Host=db;Options=-c jit=on", "-c jit=on")]
    public void WithoutJitAddsTheOptionUnlessTheConnectionStringSetsIt(string connectionString, string options) =>
        Assert.Equal(options, new Npgsql.NpgsqlConnectionStringBuilder(PartnerSpace.Domain.DomainServiceExtensions.WithoutJit(connectionString)).Options);

    [Fact]
    [Trait("Spec", "S-2.12")]
    public async Task ConcurrentDuplicatesOfAScanAreStoredExactlyOnce()
    {
        await _db.AddAttendeeAsync(_event.Id, "B-001", "lea@guest.example");
        var source = new ScanSource(_event.Id, _acme.Id, null);
        var input = Scan("B-001");

        using var start = new ManualResetEventSlim(false);
        var attempts = Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await _db.Scans.RecordAsync(source, [input]);
        })).ToList();
        start.Set();
        var kinds = (await Task.WhenAll(attempts)).Select(o => o[0].Kind).ToList();

        Assert.Equal(1, kinds.Count(k => k == ScanOutcomeKind.Created));
        Assert.Equal(31, kinds.Count(k => k == ScanOutcomeKind.Replayed));
        Assert.Equal(1, await _db.QueryAsync(db => db.Scans.CountAsync()));
        Assert.Equal(1, (await _db.QueryAsync(db => db.Leads.SingleAsync())).ScanCount);
    }

    [Fact]
    [Trait("Spec", "S-2.12")]
    public async Task ConcurrentScansGiveOneLeadPerPersonAndPartnerNumberedWithoutGapsOrTwins()
    {
        var nordlys = await _db.AddPartnerAsync(_event.Id, "Nordlys");
        for (var i = 0; i < 10; i++)
        {
            await _db.AddAttendeeAsync(_event.Id, $"B-{i:00}", $"guest{i}@guest.example");
        }

        // 40 requests, two partners, each person scanned four times per partner.
        using var start = new ManualResetEventSlim(false);
        var attempts = Enumerable.Range(0, 40).Select(n => Task.Run(async () =>
        {
            start.Wait();
            var partner = n % 2 == 0 ? _acme : nordlys;
            return await _db.Scans.RecordAsync(new ScanSource(_event.Id, partner.Id, null), [Scan($"B-{n / 4:00}"), Scan($"B-{(n / 4 + 5) % 10:00}")]);
        })).ToList();
        start.Set();
        var outcomes = (await Task.WhenAll(attempts)).SelectMany(o => o).ToList();

        Assert.All(outcomes, o => Assert.Equal(ScanOutcomeKind.Created, o.Kind));
        var leads = await _db.QueryAsync(db => db.Leads.AsNoTracking().ToListAsync());
        foreach (var partner in new[] { _acme.Id, nordlys.Id })
        {
            var own = leads.Where(l => l.PartnerId == partner).ToList();
            Assert.Equal(10, own.Select(l => l.PersonId).Distinct().Count());
            Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), own.Select(l => l.Sequence).Order());
            Assert.Equal(10, await _db.QueryAsync(db => LeadBook.LastSequenceAsync(db, partner)));
        }

        Assert.Equal(80, await _db.QueryAsync(db => db.Scans.CountAsync()));
    }

    [Fact]
    [Trait("Spec", "S-3.5")]
    public async Task TwentyConcurrentRequestsForOneSlotGiveOneMeetingAndClearRefusals()
    {
        var slot = new MeetingSlot(_event.Id, _acme.Id, null, null, Tomorrow, Tomorrow.AddMinutes(30), _db.Time.GetUtcNow());
        await _db.SaveAsync(slot);
        var guests = new List<Viewer>();
        for (var i = 0; i < 20; i++)
        {
            guests.Add(new Viewer(ViewerKind.Person, (await _db.AddAttendeeAsync(_event.Id, $"B-{i}", $"guest{i}@guest.example")).PersonId));
        }

        var meetings = new MeetingService(_db.Factory, _db.Live, _db.Time);
        using var start = new ManualResetEventSlim(false);
        var attempts = guests.Select(g => Task.Run(async () =>
        {
            start.Wait();
            return await meetings.RequestAsync(g, slot.Id, null);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal((ErrorKind.Conflict, "This slot was just taken."), (r.Error!.Kind, r.Error.Message)));
        Assert.Equal(1, await _db.QueryAsync(db => db.Meetings.CountAsync(m => m.SlotId == slot.Id)));
    }

    [Fact]
    public async Task ADoubleBookedSlotIsAUniqueViolationOnPostgres()
    {
        var slot = new MeetingSlot(_event.Id, _acme.Id, null, null, Tomorrow, Tomorrow.AddMinutes(30), _db.Time.GetUtcNow());
        await _db.SaveAsync(slot);
        var first = await _db.AddAttendeeAsync(_event.Id, "B-1", "first@guest.example");
        var second = await _db.AddAttendeeAsync(_event.Id, "B-2", "second@guest.example");
        await _db.SaveAsync(new Meeting(_event.Id, _acme.Id, slot, first.PersonId, null, MeetingOrigin.AttendeeRequest, _db.Time.GetUtcNow(), null));

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() =>
            _db.SaveAsync(new Meeting(_event.Id, _acme.Id, slot, second.PersonId, null, MeetingOrigin.AttendeeRequest, _db.Time.GetUtcNow(), null)));

        Assert.True(UniqueViolation.Is(refused));
    }

    [Fact]
    [Trait("Spec", "S-1.1")]
    public async Task ConcurrentPartnersOfOneNameLeaveOneAndNameTheField()
    {
        var organizer = (await _db.AddOrganizerAsync(_event.Id, "org@show.example")).Id;
        var admin = new PartnerAdminService(_db.Factory, _db.Time);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => admin.CreateAsync(organizer, _event.Id, new PartnerDraft("Globex", null, false)))));

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(["name"], r.Error!.Fields!.Keys));
        Assert.Equal(1, await _db.QueryAsync(db => db.Partners.CountAsync(p => p.Name == "Globex")));
    }

    [Fact]
    [Trait("Spec", "S-4.1")]
    public async Task ConcurrentRemovalsLeaveOneAdministrator()
    {
        var organizer = new Viewer(ViewerKind.Organizer, (await _db.AddOrganizerAsync(_event.Id, "org@show.example")).Id);
        for (var i = 0; i < 4; i++)
        {
            await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.Administrator, $"admin{i}@acme.example");
        }

        var admins = (await _db.Members.ListAsync(organizer, _acme.Id)).Value!;
        using var start = new ManualResetEventSlim(false);
        var attempts = admins.Select(a => Task.Run(async () =>
        {
            start.Wait();
            return await _db.Members.RemoveAsync(organizer, _acme.Id, a.MemberId);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        // The check ("another administrator is left") and the delete run as one writer at a time.
        Assert.Equal(3, results.Count(r => r.IsSuccess));
        Assert.Single((await _db.Members.ListAsync(organizer, _acme.Id)).Value!);
    }

    [Fact]
    public async Task AStaleWriteIsRefusedByItsVersion()
    {
        var organizer = (await _db.AddOrganizerAsync(_event.Id, "org@show.example")).Id;
        var admin = new PartnerAdminService(_db.Factory, _db.Time);
        var id = (await admin.CreateAsync(organizer, _event.Id, new PartnerDraft("Globex", null, false))).Value;
        await admin.UpdateAsync(organizer, id, new PartnerDraft("Globex A", null, false, Version: 0));

        var stale = await admin.UpdateAsync(organizer, id, new PartnerDraft("Globex B", null, false, Version: 0));

        Assert.Equal("changed", stale.Error!.Code);
        var partner = await _db.QueryAsync(db => db.Partners.SingleAsync(p => p.Id == id));
        Assert.Equal(("Globex A", 1), (partner.Name, partner.Version));
    }

    [Fact]
    [Trait("Spec", "S-1.1")]
    public async Task SearchIgnoresCaseAndTakesWildcardsLiterally()
    {
        var organizer = await _db.AddOrganizerAsync(_event.Id, "org@show.example");
        await _db.AddAttendeeAsync(_event.Id, "B-01", "ann@example.org", "Ann", "Name01");
        await _db.AddAttendeeAsync(_event.Id, "VIP_1", "zed@example.org", "Zed", "Zulu");
        var attendees = new AttendeeService(_db.Factory, _db.Live, _db.Time);

        var byName = await attendees.GetPageAsync(organizer.Id, _event.Id, new AttendeeQuery(Search: "zed ZULU"));
        var byMail = await attendees.GetPageAsync(organizer.Id, _event.Id, new AttendeeQuery(Search: "ANN@EXAMPLE"));
        var underscore = await attendees.GetPageAsync(organizer.Id, _event.Id, new AttendeeQuery(Search: "_"));

        Assert.Equal("VIP_1", Assert.Single(byName.Items).BadgeCode);
        Assert.Equal("B-01", Assert.Single(byMail.Items).BadgeCode);
        Assert.Equal("VIP_1", Assert.Single(underscore.Items).BadgeCode);
    }

    [Fact]
    public async Task PartnersScanSideBySideWhileOtherWritersWaitForThem()
    {
        var nordlys = await _db.AddPartnerAsync(_event.Id, "Nordlys");
        await _db.AddAttendeeAsync(_event.Id, "B-001", "lea@guest.example");

        // An open scan transaction of Acme's: it holds Acme's lock and the writers' lock, shared.
        await using var held = await _db.Factory.CreateDbContextAsync();
        held.ScopeNextTransactionToPartner(_acme.Id);
        var transaction = await held.Database.BeginTransactionAsync();

        var nordlysScan = await _db.Scans.RecordAsync(new ScanSource(_event.Id, nordlys.Id, null), [Scan("B-001")]).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(ScanOutcomeKind.Created, nordlysScan[0].Kind);
        await _db.SaveAsync(new Partner(_event.Id, "Globex", "Gold", false, _db.Time.GetUtcNow())).WaitAsync(TimeSpan.FromSeconds(5)); // SaveChanges' own transaction takes no lock

        var acmeScan = _db.Scans.RecordAsync(new ScanSource(_event.Id, _acme.Id, null), [Scan("B-001")]);
        var otherTransaction = Task.Run(async () =>
        {
            await using var db = await _db.Factory.CreateDbContextAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            await tx.CommitAsync();
        });
        await Task.Delay(300);
        Assert.False(acmeScan.IsCompleted);
        Assert.False(otherTransaction.IsCompleted);

        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        Assert.Equal(ScanOutcomeKind.Created, (await acmeScan.WaitAsync(TimeSpan.FromSeconds(5)))[0].Kind);
        await otherTransaction.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private ScanInput Scan(string badge) =>
        new(Guid.CreateVersion7().ToString(), badge, _db.Time.GetUtcNow().AddMinutes(-1).ToString("O"), "staff@acme.example", null);
}
