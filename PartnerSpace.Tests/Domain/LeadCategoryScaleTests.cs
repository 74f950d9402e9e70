using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Tests.Support;
using Xunit.Abstractions;

namespace PartnerSpace.Tests.Domain;

/// <summary>
/// Issue 7: the first page of each lead category with 100,000 leads (target: under 300 ms). Prints
/// the times and the query plans (EXPLAIN QUERY PLAN) of each category's queries; no timing assert,
/// the machine is shared.
/// </summary>
[Trait("Spec", "S-2.12")]
[Trait("Category", "Scale")]
public sealed class LeadCategoryScaleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int LeadCount = 100_000;
    private readonly TestDatabase _db = new();
    private Guid _partnerId;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        _partnerId = (await _db.AddPartnerAsync(ev.Id)).Id;
        var watch = Stopwatch.StartNew();
        await BulkLeads.InsertAsync(_db, ev.Id, _partnerId, LeadCount);
        output.WriteLine($"Inserted {LeadCount:N0} people and leads in {watch.ElapsedMilliseconds} ms");
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task FirstPagesOfEachCategoryWithAHundredThousandLeads()
    {
        var service = _db.Categories;
        var first = new LeadListQuery();
        (string Name, Func<Task<int>> Run)[] cases =
        [
            ("counts", async () => (await service.GetCountsAsync(_partnerId)).ScanLeads),
            ("scans, last scan first", async () => (await service.GetScansAsync(_partnerId, first)).Total),
            ("scans, by name", async () => (await service.GetScansAsync(_partnerId, first with { Sort = "name", Descending = false })).Total),
            ("scans, hot only", async () => (await service.GetScansAsync(_partnerId, first with { Rating = LeadRating.Hot })).Total),
            ("scans, tag", async () => (await service.GetScansAsync(_partnerId, first with { Tag = "cobots" })).Total),
            ("scans, search", async () => (await service.GetScansAsync(_partnerId, first with { Search = "Last4242" })).Total),
            ("scans, page 100", async () => (await service.GetScansAsync(_partnerId, first with { Page = 100 })).Total),
            ("sharing", async () => (await service.GetSharingAsync(_partnerId, first)).Total),
            ("sessions", async () => (await service.GetSessionsAsync(_partnerId, first)).Total),
            ("networking", async () => (await service.GetNetworkingAsync(_partnerId, first)).Total),
            ("meetings", async () => (await service.GetMeetingsAsync(_partnerId, first)).Total),
        ];

        await service.GetScansAsync(_partnerId, first); // warm-up: EF's model and query cache
        foreach (var (name, run) in cases)
        {
            using var commands = new CommandRecorder();
            var watch = Stopwatch.StartNew();
            var total = await run();
            watch.Stop();
            output.WriteLine($"{name}: {watch.Elapsed.TotalMilliseconds:F0} ms ({total:N0} rows)");
            foreach (var plan in await commands.PlansAsync(_db))
            {
                output.WriteLine(plan);
            }
        }

        Assert.Equal(LeadCount, (await service.GetCountsAsync(_partnerId)).ScanLeads);
    }

    /// <summary>Records the SQL EF sends while alive, to explain it afterwards.</summary>
    private sealed class CommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];
        private readonly List<(string Sql, List<(string Name, object? Value)> Parameters)> _commands = [];

        public CommandRecorder() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public async Task<IEnumerable<string>> PlansAsync(TestDatabase db)
        {
            var plans = new List<string>();
            await using var context = await db.Factory.CreateDbContextAsync();
            var connection = (SqliteConnection)context.Database.GetDbConnection();
            await connection.OpenAsync();
            List<(string Sql, List<(string Name, object? Value)> Parameters)> commands;
            lock (_commands)
            {
                commands = [.. _commands];
            }

            foreach (var (sql, parameters) in commands)
            {
                await using var explain = connection.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
                foreach (var (name, value) in parameters)
                {
                    explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
                }

                var lines = new List<string>();
                await using var reader = await explain.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    lines.Add("    " + reader.GetString(3));
                }

                plans.Add(string.Join(Environment.NewLine, lines));
            }

            return plans;
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data)
            {
                lock (_commands)
                {
                    _commands.Add((data.Command.CommandText, [.. data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]));
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose() => _subscriptions.ForEach(s => s.Dispose());
    }
}
