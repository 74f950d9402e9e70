using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using Xunit.Abstractions;

namespace PartnerSpace.Tests.Crash;

/// <summary>
/// Crash safety (issue 9, item 4; DESIGN §9 "crash"): the real portal, as its own process, is killed
/// with SIGKILL in the middle of a burst of scans from several devices (single scans and batches),
/// then started again on the same database. Every scan that got a 200 / 201 (or "created" / "replayed"
/// in a batch) is stored, and each device's retries of the others (same scan id, same body) store
/// each exactly once.
/// </summary>
[Trait("Spec", "D-9")]
public sealed class CrashDuringScanBurstTests(ITestOutputHelper output)
{
    private const int Devices = 6;
    private const int BatchSize = 20;
    private const int KillAfterAcknowledged = 300;
    private static readonly TimeSpan KillAfterAtMost = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EveryAcknowledgedScanSurvivesAKillAndRetriesStoreEachOnce(DatabaseProvider provider)
    {
        using var file = new SqliteFile();
        var postgresDatabase = PostgresServer.NewDatabaseName();
        var database = provider == DatabaseProvider.Sqlite
            ? await SqliteDatabaseAsync(file)
            : await PostgresDatabaseAsync(postgresDatabase);
        try
        {
            await BurstKillAndRetryAsync(provider, database);
        }
        finally
        {
            if (provider == DatabaseProvider.Postgres)
            {
                await PostgresServer.Instance.DropDatabaseAsync(postgresDatabase);
            }
        }
    }

    private async Task BurstKillAndRetryAsync(DatabaseProvider provider, PortalDatabase database)
    {

        var portal = await PortalProcess.StartAsync(database);
        var partnerId = await AcmeAsync(database);
        var before = await StoredAsync(database, partnerId);
        var devices = Enumerable.Range(0, Devices).Select(i => new Device(i, batches: i % 2 == 1)).ToList();

        // The burst, and SIGKILL in its middle: once enough scans were acknowledged, or after a few seconds.
        var acknowledged = 0;
        using var stop = new CancellationTokenSource();
        var burst = devices.Select(d => d.SendUntilStoppedAsync(portal.Address, () => Interlocked.Increment(ref acknowledged), stop.Token)).ToList();
        var clock = Stopwatch.StartNew();
        while (Volatile.Read(ref acknowledged) < KillAfterAcknowledged && clock.Elapsed < KillAfterAtMost)
        {
            await Task.Delay(10);
        }

        var killedAfter = clock.Elapsed;
        await portal.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(burst);
        await portal.DisposeAsync();

        await using var restarted = await PortalProcess.StartAsync(database);
        foreach (var device in devices)
        {
            await device.RetryUnacknowledgedAsync(restarted.Address);
        }

        var sent = devices.SelectMany(d => d.Sent).ToList();
        var acked = devices.SelectMany(d => d.Acknowledged).ToHashSet();
        var retried = devices.SelectMany(d => d.Retried).ToHashSet();
        var stored = await StoredAsync(database, partnerId);
        var ours = stored.Where(s => !before.ContainsKey(s.Key)).ToDictionary();
        output.WriteLine($"{provider}: {sent.Count} scans sent by {Devices} devices, {acked.Count} acknowledged before the kill, {retried.Count} retried after the restart, {ours.Count} stored; killed {killedAfter.TotalMilliseconds:0} ms into the burst.");

        Assert.True(acked.Count > 0, "The portal was killed before it acknowledged any scan: the test proved nothing.");
        Assert.True(retried.Count > 0, "No scan was left unacknowledged by the kill: the test proved nothing.");
        Assert.DoesNotContain(acked, id => ours.GetValueOrDefault(id) != 1);
        Assert.DoesNotContain(retried, id => ours.GetValueOrDefault(id) != 1);
        Assert.Equal(acked.Union(retried).Order(), ours.Keys.Order());
        Assert.Equal(before.Count + ours.Count, stored.Count);
        Assert.All(devices, d => Assert.Empty(d.RefusedRetries));
    }

    private static async Task<PortalDatabase> SqliteDatabaseAsync(SqliteFile file)
    {
        // Migrated once per test run (TestDatabase): the portal then only seeds the demo.
        await TestDatabase.CopyMigratedTemplateAsync(file.FilePath);
        return new PortalDatabase(DatabaseProvider.Sqlite, file.ConnectionString);
    }

    private static async Task<PortalDatabase> PostgresDatabaseAsync(string name)
    {
        // A database of the run's PostgreSQL server, copied from its migrated template.
        await PostgresServer.Instance.CreateDatabaseAsync(name);
        return new PortalDatabase(DatabaseProvider.Postgres, PostgresServer.Instance.ConnectionStringFor(name));
    }

    private static async Task<Guid> AcmeAsync(PortalDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Partners.Where(p => p.Name == DemoData.AcmeName).Select(p => p.Id).SingleAsync();
    }

    /// <summary>Rows per scan id of the partner.</summary>
    private static async Task<Dictionary<Guid, int>> StoredAsync(PortalDatabase database, Guid partnerId)
    {
        await using var db = database.CreateContext();
        return await db.Scans.Where(s => s.PartnerId == partnerId).GroupBy(s => s.ScanId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    /// <summary>A scanning device: single scans or batches, each remembered with its body, to retry the same.</summary>
    private sealed class Device(int number, bool batches)
    {
        private readonly ConcurrentDictionary<Guid, object> _bodies = new();
        private readonly List<List<Guid>> _requests = [];
        private readonly Random _random = new(number);

        public List<Guid> Sent { get; } = [];

        public HashSet<Guid> Acknowledged { get; } = [];

        public List<Guid> Retried { get; } = [];

        public List<string> RefusedRetries { get; } = [];

        public async Task SendUntilStoppedAsync(Uri portal, Action onAcknowledged, CancellationToken stop)
        {
            using var http = Client(portal);
            while (!stop.IsCancellationRequested)
            {
                var request = Enumerable.Range(0, batches ? BatchSize : 1).Select(_ => NewScan()).ToList();
                _requests.Add(request);
                Sent.AddRange(request);
                IReadOnlyCollection<Guid> stored;
                try
                {
                    stored = await PostAsync(http, request);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    // The portal died under this request: it is retried after the restart.
                    return;
                }

                foreach (var id in stored)
                {
                    Acknowledged.Add(id);
                    onAcknowledged();
                }
            }
        }

        /// <summary>After the restart: every scan without an acknowledgement, in the request it was sent in, again.</summary>
        public async Task RetryUnacknowledgedAsync(Uri portal)
        {
            using var http = Client(portal);
            foreach (var request in _requests)
            {
                var missing = request.Where(id => !Acknowledged.Contains(id)).ToList();
                if (missing.Count == 0)
                {
                    continue;
                }

                var stored = await PostAsync(http, missing);
                Retried.AddRange(missing);
                RefusedRetries.AddRange(missing.Where(id => !stored.Contains(id)).Select(id => $"{id} was not stored on retry"));
            }
        }

        private Guid NewScan()
        {
            var id = Guid.CreateVersion7();
            _bodies[id] = new
            {
                scanId = id,
                badgeCode = $"DEMO-{_random.Next(1, 321):0000}",
                scannedAt = DateTimeOffset.UtcNow.AddSeconds(-3).ToString("O", CultureInfo.InvariantCulture),
                scannedBy = DemoData.AcmeAdminEmail,
            };
            return id;
        }

        /// <summary>The ids the portal says are stored: 201 / 200 for one scan, created / replayed in a batch.</summary>
        private async Task<IReadOnlyCollection<Guid>> PostAsync(HttpClient http, List<Guid> ids)
        {
            if (!batches)
            {
                using var one = await http.PostAsJsonAsync(new Uri("api/v1/scans", UriKind.Relative), _bodies[ids[0]]);
                return one.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK ? ids : [];
            }

            using var response = await http.PostAsJsonAsync(new Uri("api/v1/scans/batch", UriKind.Relative), new { scans = ids.Select(id => _bodies[id]) });
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return [];
            }

            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
            return [.. json.RootElement.GetProperty("results").EnumerateArray()
                .Where(r => r.GetProperty("status").GetString() is "created" or "replayed")
                .Select(r => r.GetProperty("scanId").GetGuid())];
        }

        private static HttpClient Client(Uri portal)
        {
            var http = new HttpClient { BaseAddress = portal, Timeout = TimeSpan.FromSeconds(20) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", DemoData.AcmeDeviceKey);
            return http;
        }
    }
}
