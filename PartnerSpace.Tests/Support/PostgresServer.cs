using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerSpace.Domain;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Tests.Support;

/// <summary>
/// The PostgreSQL server of a test run (issue 9): Debian's PostgreSQL 15 in a throw-away cluster
/// (initdb into a temporary folder, a free port, stopped when the test process exits), or the
/// server <c>PARTNERSPACE_TEST_POSTGRES</c> names (a connection string with the right to create
/// databases). Each test gets a database of its own, copied from one migrated template.
/// </summary>
public sealed class PostgresServer
{
    /// <summary>A connection string to an existing server instead of a throw-away cluster.</summary>
    public const string ServerVariable = "PARTNERSPACE_TEST_POSTGRES";

    private const string Bin = "/usr/lib/postgresql/15/bin";
    private const string TemplateName = "partnerspace_template";
    private static readonly Lazy<PostgresServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Lazy<Task> _template;
    private readonly NpgsqlConnectionStringBuilder _admin;

    private PostgresServer(string adminConnectionString)
    {
        _admin = new NpgsqlConnectionStringBuilder(adminConnectionString);
        _template = new(() => Task.Run(MigrateTemplateAsync));
    }

    /// <summary>The server of this test run, started on first use.</summary>
    public static PostgresServer Instance => Shared.Value;

    /// <summary>The connection string of one database of this server.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(_admin.ConnectionString) { Database = database, MaxPoolSize = 20 }.ConnectionString;

    /// <summary>A new database name, free on this server (lower case: PostgreSQL folds names).</summary>
    public static string NewDatabaseName() => "pst_" + Guid.NewGuid().ToString("N");

    /// <summary>Creates <paramref name="name"/> as a copy of the migrated template: a schema in milliseconds, no migrations run.</summary>
    public async Task CreateDatabaseAsync(string name)
    {
        await _template.Value;
        await AdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\"");
    }

    /// <summary>Drops a test's database, closing the connections its pool still holds.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        ClearPoolOf(name);
        await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>Context options for <see cref="PostgresDbContext"/> on one database, as the portal builds them.</summary>
    public DbContextOptions<PostgresDbContext> OptionsFor(string database)
    {
        var builder = new DbContextOptionsBuilder<PostgresDbContext>();
        builder.UsePartnerSpacePostgres(ConnectionStringFor(database));
        return builder.Options;
    }

    /// <summary>Closes the pooled connections to one database, as <see cref="OptionsFor"/> opens them (the pool's key is that connection string).</summary>
    private void ClearPoolOf(string database) =>
        NpgsqlConnection.ClearPool(new NpgsqlConnection(Microsoft.EntityFrameworkCore.Infrastructure.RelationalOptionsExtension.Extract(OptionsFor(database)).ConnectionString));

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task MigrateTemplateAsync()
    {
        await AdminAsync($"DROP DATABASE IF EXISTS \"{TemplateName}\" WITH (FORCE)");
        await AdminAsync($"CREATE DATABASE \"{TemplateName}\"");
        await using (var db = new PostgresDbContext(OptionsFor(TemplateName)))
        {
            await db.Database.MigrateAsync();
        }

        // CREATE DATABASE … TEMPLATE refuses a template anyone is connected to.
        ClearPoolOf(TemplateName);
    }

    private static PostgresServer Start()
    {
        var existing = Environment.GetEnvironmentVariable(ServerVariable);
        return string.IsNullOrWhiteSpace(existing) ? StartCluster() : new PostgresServer(existing);
    }

    /// <summary>initdb into a temporary folder owned by postgres, then postgres on a free loopback port.</summary>
    private static PostgresServer StartCluster()
    {
        if (!File.Exists(Path.Combine(Bin, "postgres")))
        {
            throw new InvalidOperationException($"{Bin}/postgres is missing: install Debian's postgresql (scripts/test.sh does as root), or set {ServerVariable}.");
        }

        var folder = Directory.CreateTempSubdirectory("partnerspace-pg-").FullName;
        var data = Path.Combine(folder, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
            Run("chown", $"postgres: {folder}");
        }

        Run(Command(asRoot, "initdb"), Arguments(asRoot, "initdb", $"-D {data} -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions"));
        var port = FreePort.Next();
        // A cluster for one test run: durability settings off (nothing here outlives the run).
        var server = Process.Start(new ProcessStartInfo(Command(asRoot, "postgres"), Arguments(asRoot, "postgres",
            $"-D {data} -p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off "
            + "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=64MB"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("postgres did not start.");
        server.ErrorDataReceived += (_, _) => { };
        server.OutputDataReceived += (_, _) => { };
        server.BeginErrorReadLine();
        server.BeginOutputReadLine();

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                server.Kill(entireProcessTree: true);
                server.WaitForExit(5000);
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // Already gone, or a file still held: the temporary folder is the system's to clean.
            }
        };

        var admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=5";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var connection = new NpgsqlConnection(admin);
                connection.Open();
                return new PostgresServer(admin);
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && !server.HasExited)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static string Command(bool asRoot, string program) => asRoot ? "runuser" : Path.Combine(Bin, program);

    private static string Arguments(bool asRoot, string program, string arguments) =>
        asRoot ? $"-u postgres -- {Path.Combine(Bin, program)} {arguments}" : arguments;

    private static void Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }
}
