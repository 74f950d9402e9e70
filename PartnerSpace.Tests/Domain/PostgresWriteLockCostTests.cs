using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerSpace.Domain;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Tests.Support;
using Xunit.Abstractions;

namespace PartnerSpace.Tests.Domain;

/// <summary>
/// ADR 0013's figures: what serializing writers costs the scan path on PostgreSQL. 64 concurrent
/// clients post single scans through <see cref="ScanService"/> to 8 partners, with no lock (what
/// READ COMMITTED alone gives), with the writers' lock for every transaction, and as shipped (a
/// lock per partner). A measurement, not a check: it runs only with <c>PARTNERSPACE_MEASURE=1</c>.
/// </summary>
[Trait("Spec", "D-9")]
[Trait("Category", "ScaleOut")]
public sealed class PostgresWriteLockCostTests(ITestOutputHelper output)
{
    private const int Clients = 64;
    private const int Partners = 8;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task ScansPerSecondWithoutWithAndPerPartnerLocks()
    {
        if (Environment.GetEnvironmentVariable("PARTNERSPACE_MEASURE") != "1")
        {
            return;
        }

        foreach (var (name, configure) in new (string, Action<DbContextOptionsBuilder<PostgresDbContext>, string>)[]
        {
            ("no lock (READ COMMITTED alone)", (o, c) => o.UseNpgsql(c)),
            ("the writers' lock for every transaction", (o, c) => o.UseNpgsql(c).AddInterceptors(new WritersLock())),
            ("as shipped: a lock per partner for scans", (o, c) => o.UsePartnerSpacePostgres(c)),
            ("as shipped, all clients on one partner", (o, c) => o.UsePartnerSpacePostgres(c)),
        })
        {
            var onePartner = name.Contains("one partner", StringComparison.Ordinal);
            var (perSecond, p99, errors) = await MeasureAsync(configure, onePartner ? 1 : Partners);
            output.WriteLine($"{name}: {perSecond:N0} scans/s, p99 {p99:N1} ms, {errors} failed");
        }
    }

    private static async Task<(double PerSecond, double P99, int Errors)> MeasureAsync(Action<DbContextOptionsBuilder<PostgresDbContext>, string> configure, int partners)
    {
        await using var seed = new TestDatabase(postgres: true);
        await seed.InitializeAsync();
        var ev = await seed.AddEventAsync();
        var sources = new List<ScanSource>();
        for (var p = 0; p < partners; p++)
        {
            sources.Add(new ScanSource(ev.Id, (await seed.AddPartnerAsync(ev.Id, $"Partner {p}")).Id, null));
        }

        for (var a = 0; a < 200; a++)
        {
            await seed.AddAttendeeAsync(ev.Id, $"B-{a:000}", $"guest{a}@guest.example");
        }

        var connection = await seed.QueryAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        var options = new DbContextOptionsBuilder<PostgresDbContext>();
        configure(options, connection);
        var factory = new PooledDbContextFactory<PostgresDbContext>(options.Options);
        var scans = new ScanService(new Upcast(factory), new InMemoryLiveEvents(NullLogger<InMemoryLiveEvents>.Instance), TimeProvider.System);

        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            while (clock.Elapsed < Duration)
            {
                var started = Stopwatch.GetTimestamp();
                var input = new ScanInput(Guid.CreateVersion7().ToString(), $"B-{random.Next(200):000}", DateTimeOffset.UtcNow.AddSeconds(-3).ToString("O"), "staff@acme.example", null);
                try
                {
                    await scans.RecordAsync(sources[c % sources.Count], [input]);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (DbUpdateException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        var sorted = latencies.Order().ToList();
        return (sorted.Count / clock.Elapsed.TotalSeconds, sorted[(int)(sorted.Count * 0.99)], errors);
    }

    /// <summary>Every transaction takes the writers' lock exclusively: what scans would pay without per-partner keys.</summary>
    private sealed class WritersLock : DbTransactionInterceptor
    {
        public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = result;
            command.CommandText = "SELECT pg_advisory_xact_lock(1347616769, 0)";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return result;
        }
    }

    private sealed class Upcast(IDbContextFactory<PostgresDbContext> inner) : IDbContextFactory<PartnerSpaceDbContext>
    {
        public PartnerSpaceDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
