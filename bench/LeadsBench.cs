using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Leads.Export;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Domain.Sessions;

namespace PartnerSpace.Bench;

/// <summary>
/// In-process lead benchmarks (DESIGN §9, issue 7): a SQLite file with one partner and N leads
/// spread over the five categories of S-2.12 (or a fresh database on a PostgreSQL server, <see cref="BenchDatabase"/>), then the Excel export (<see cref="LeadExportService"/>
/// writing the workbook to a file: time, allocated bytes, peak working set) and the first pages of
/// the leads list (<see cref="LeadService.GetScanLeadsAsync"/>). No portal process: the figures are
/// the domain's own cost, on the same code the endpoints call.
/// </summary>
internal sealed class LeadsBench(Report report, int leadCount, int runs = 3, bool warmup = true, bool categoryDiagnostics = true, string? postgres = null)
{
    private readonly int _runs = runs;

    private static readonly DateTimeOffset Day = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private Guid _partnerId;

    /// <summary>The measured export runs (time, allocated bytes, peak working set delta, file bytes), once the export ran.</summary>
    public IReadOnlyList<(TimeSpan Time, long Allocated, long PeakDelta, long Bytes, long HeapAfter)> ExportRuns { get; private set; } = [];

    /// <summary>How long seeding the leads took.</summary>
    public TimeSpan Seeding { get; private set; }

    public async Task RunAsync(bool export, bool page, CancellationToken ct)
    {
        await using var database = await BenchDatabase.CreateAsync(postgres, ct);
        var folder = Directory.CreateTempSubdirectory("partnerspace-leads-export-");
        try
        {
            var dbs = database.Contexts;
            var seeding = Stopwatch.StartNew();
            await SeedAsync(dbs, ct);
            await database.AfterBulkLoadAsync(ct);
            Seeding = seeding.Elapsed;
            report.Heading($"Leads: {Report.Number(leadCount)} leads of one partner over the five categories, {database.Description} (seeded in {seeding.Elapsed.TotalSeconds:N1} s)");

            if (export)
            {
                await ExportAsync(dbs, folder.FullName, ct);
            }

            if (page)
            {
                await PagesAsync(dbs, ct);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task ExportAsync(IDbContextFactory<PartnerSpaceDbContext> dbs, string folder, CancellationToken ct)
    {
        var service = new LeadExportService(dbs, TimeProvider.System, new PartnerSpace.Domain.Audit.SecurityLog(dbs, TimeProvider.System));
        var texts = LeadExportService.TextKeys.ToDictionary(k => k, k => k);
        var runs = new List<(TimeSpan Time, long Allocated, long PeakDelta, long Bytes, long HeapAfter)>();

        // One unmeasured run: EF compiles the queries, MiniExcel and the JIT warm up.
        for (var run = warmup ? 0 : 1; run <= _runs; run++)
        {
            var path = Path.Combine(folder, $"leads-{run}.xlsx");
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var before = process.WorkingSet64;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            using var sampler = new PeakSampler();
            var clock = Stopwatch.StartNew();
            var prepared = (await service.PrepareAsync(_partnerId, $"bench-{run}", onlyNew: false, ct))!;
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await service.WriteXlsxAsync(prepared, file, k => texts[k], ct);
            }

            clock.Stop();
            var peak = sampler.Stop();
            var result = (clock.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated, Math.Max(0, peak - before), new FileInfo(path).Length, GC.GetGCMemoryInfo().HeapSizeBytes);
            if (run > 0)
            {
                runs.Add(result);
                report.Line($"run {run}: {result.Elapsed.TotalMilliseconds:N0} ms, allocated {Mb(result.Item2)}, peak working set +{Mb(result.Item3)}, file {Mb(result.Item4)}");
            }

            File.Delete(path);
        }

        ExportRuns = runs;

        // Where the time goes: each category's rows alone, written as CSV (the same queries, no workbook).
        foreach (var category in categoryDiagnostics ? LeadExportService.Categories : [])
        {
            var prepared = (await service.PrepareAsync(_partnerId, "bench-csv", onlyNew: false, ct))!;
            var clock = Stopwatch.StartNew();
            await using var csv = new FileStream(Path.Combine(folder, "leads.csv"), FileMode.Create, FileAccess.ReadWrite);
            await service.WriteCsvAsync(prepared, category, csv, k => texts[k], ct);
            report.Diagnostic($"CSV of {category} at {Report.Number(leadCount)} leads", $"{clock.Elapsed.TotalMilliseconds:N0} ms, {Mb(csv.Length)}");
        }

        var times = runs.Select(r => r.Time.TotalMilliseconds).Order().ToList();
        var peaks = runs.Select(r => r.PeakDelta).Order().ToList();
        report.Figure(
            $"Excel export of {Report.Number(leadCount)} leads: time (best / median of {_runs})",
            "≤ 2 s",
            $"{times[0]:N0} / {times[_runs / 2]:N0} ms",
            times[_runs / 2] <= 2000);
        report.Figure(
            $"Excel export of {Report.Number(leadCount)} leads: extra memory (peak working set delta, best / median)",
            "≤ 100 MB",
            $"{Mb(peaks[0])} / {Mb(peaks[_runs / 2])} (allocated in all {Mb(runs.Min(r => r.Allocated))}–{Mb(runs.Max(r => r.Allocated))}, file {Mb(runs[0].Bytes)})",
            peaks[_runs / 2] <= 100L * 1024 * 1024);
    }

    private async Task PagesAsync(IDbContextFactory<PartnerSpaceDbContext> dbs, CancellationToken ct)
    {
        var lists = new LeadCategoryService(dbs);
        (string Name, Func<Task<int>> Load)[] cases =
        [
            ("counts of the five tabs", async () => (await lists.GetCountsAsync(_partnerId, ct)).Leads),
            ("Scans, first page (25, latest scan first)", async () => (await lists.GetScansAsync(_partnerId, new LeadListQuery(), ct)).Items.Count),
            ("Scans, search \"4711\"", async () => (await lists.GetScansAsync(_partnerId, new LeadListQuery(Search: "4711"), ct)).Items.Count),
            ("Scans, hot leads only", async () => (await lists.GetScansAsync(_partnerId, new LeadListQuery(Rating: LeadRating.Hot), ct)).Items.Count),
            ("Scans, page 100 sorted by name", async () => (await lists.GetScansAsync(_partnerId, new LeadListQuery(Page: 99, Sort: "name", Descending: false), ct)).Items.Count),
            ("Contact sharing, first page", async () => (await lists.GetSharingAsync(_partnerId, new LeadListQuery(), ct)).Items.Count),
            ("Sessions, first page", async () => (await lists.GetSessionsAsync(_partnerId, new LeadListQuery(), ct)).Items.Count),
            ("Networking, first page", async () => (await lists.GetNetworkingAsync(_partnerId, new LeadListQuery(), ct)).Items.Count),
            ("Meetings, first page", async () => (await lists.GetMeetingsAsync(_partnerId, new LeadListQuery(), ct: ct)).Items.Count),
        ];

        // The first query of a process compiles it: measured apart, then three warm runs of each.
        var cold = Stopwatch.StartNew();
        await lists.GetScansAsync(_partnerId, new LeadListQuery(), ct);
        report.Diagnostic("leads list: first query of the process (EF compiles it)", $"{cold.Elapsed.TotalMilliseconds:N0} ms");
        foreach (var (name, load) in cases)
        {
            var times = new List<double>();
            for (var run = 0; run < _runs; run++)
            {
                var clock = Stopwatch.StartNew();
                var rows = await load();
                times.Add(clock.Elapsed.TotalMilliseconds);
                if (rows == 0)
                {
                    throw new BenchException($"The leads list returned no row for {name}.");
                }
            }

            times.Sort();
            report.Figure($"Leads screen at {Report.Number(leadCount)} leads: {name} (best / median)", "≤ 300 ms", $"{times[0]:N1} / {times[_runs / 2]:N1} ms", times[_runs / 2] <= 300);
        }
    }

    /// <summary>One event, one partner with a staff member, a session and N attendees; every lead in one or more categories, in one transaction.</summary>
    private async Task SeedAsync(IDbContextFactory<PartnerSpaceDbContext> dbs, CancellationToken ct)
    {
        // The event, the partner, its staff member and its session through the domain's own types.
        var ev = new Event("bench", new LocalizedText("Salon", "Show"), Day, Day.AddDays(2), "Europe/Paris");
        var partner = new Partner(ev.Id, "Acme", "Gold", false, Day);
        var staff = new Person(ev.Id, "staff@acme.example", "Ada", "Lovelace", "Acme", "en");
        var session = new Session(ev.Id, "Scaling SQLite", Day.AddHours(2), Day.AddHours(3), "Room A", "Talk", Day);
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            db.AddRange(ev, partner, staff, session, new PartnerMember(partner.Id, staff.Id, MemberRole.Administrator, Day), new SessionHost(session.Id, partner.Id));
            await db.SaveChangesAsync(ct);
        }

        _partnerId = partner.Id;
        await LeadSeeder.SeedAsync(dbs, new LeadSeedTarget(ev.Id, partner.Id, staff.Id, session.Id), leadCount, ct);
    }

    private static string Mb(long bytes) => $"{bytes / 1024d / 1024d:N1} MB";

    /// <summary>Samples the process's working set every 5 ms: the peak of the export, not only its end.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<long> _sampling;

        public PeakSampler() => _sampling = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            var peak = 0L;
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(5).ConfigureAwait(false);
            }

            process.Refresh();
            return Math.Max(peak, process.WorkingSet64);
        });

        public long Stop()
        {
            _stop.Cancel();
            return _sampling.GetAwaiter().GetResult();
        }

        public void Dispose() => _stop.Dispose();
    }
}
