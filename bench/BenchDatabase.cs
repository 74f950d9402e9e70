using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using PartnerSpace.Domain;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Bench;

/// <summary>
/// A throw-away database for the in-process lead benchmarks: a SQLite file in a temporary folder (the
/// default), or, with <c>--postgres CONN</c>, a fresh database created on that PostgreSQL server (e.g. the
/// one of <c>scripts/scale-out.sh</c>) and dropped afterwards. Both are migrated by the domain's migrations
/// and handed out as the services see them: <see cref="IDbContextFactory{PartnerSpaceDbContext}"/>.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly DirectoryInfo? _folder;
    private readonly NpgsqlConnectionStringBuilder? _server;
    private readonly string? _postgresName;

    private BenchDatabase(IDbContextFactory<PartnerSpaceDbContext> contexts, string description, DirectoryInfo? folder, NpgsqlConnectionStringBuilder? server, string? postgresName)
    {
        Contexts = contexts;
        Description = description;
        _folder = folder;
        _server = server;
        _postgresName = postgresName;
    }

    public IDbContextFactory<PartnerSpaceDbContext> Contexts { get; }

    /// <summary>What the report names: "SQLite file" or "PostgreSQL 15.x at host:port".</summary>
    public string Description { get; }

    public bool IsPostgres => _server is not null;

    /// <summary>A migrated, empty database: SQLite in WAL mode when <paramref name="postgres"/> is null, else a new database on that server.</summary>
    public static async Task<BenchDatabase> CreateAsync(string? postgres, CancellationToken ct)
    {
        BenchDatabase database;
        if (postgres is null)
        {
            var folder = Directory.CreateTempSubdirectory("partnerspace-leads-bench-");
            var options = new DbContextOptionsBuilder<PartnerSpaceDbContext>();
            options.UsePartnerSpaceSqlite($"Data Source={Path.Combine(folder.FullName, "leads.db")}");
            database = new BenchDatabase(new PooledDbContextFactory<PartnerSpaceDbContext>(options.Options), "SQLite file", folder, null, null);
        }
        else
        {
            var server = new NpgsqlConnectionStringBuilder(postgres);
            var name = $"bench_{Guid.NewGuid():N}"[..20];
            string version;
            await using (var admin = new NpgsqlConnection(server.ConnectionString))
            {
                await admin.OpenAsync(ct);
                version = admin.PostgreSqlVersion.ToString();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync(ct);
            }

            var target = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, MaxAutoPrepare = 32 };
            var options = new DbContextOptionsBuilder<PostgresDbContext>();
            options.UsePartnerSpacePostgres(target.ConnectionString);
            database = new BenchDatabase(
                new UpcastContextFactory(new PooledDbContextFactory<PostgresDbContext>(options.Options)),
                $"PostgreSQL {version} at {server.Host}:{server.Port}",
                null,
                server,
                name);
        }

        await using var db = await database.Contexts.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (!database.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        return database;
    }

    /// <summary>
    /// After a bulk load: PostgreSQL plans from statistics that autovacuum gathers a while after the
    /// inserts; measured at once, the planner still thinks a partner has 34 leads (the Sharing page
    /// took 339 ms that way, nested loops over 20,000 shares). ANALYZE is what autovacuum would do.
    /// </summary>
    public async Task AfterBulkLoadAsync(CancellationToken ct)
    {
        if (IsPostgres)
        {
            await using var db = await Contexts.CreateDbContextAsync(ct);
            await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            _folder.Delete(recursive: true);
        }

        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_server.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
