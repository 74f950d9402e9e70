using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Tests.Support;

/// <summary>Which database a portal process runs on: the provider and its connection string.</summary>
public sealed record PortalDatabase(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>A context on the same database, for a test to check what was stored.</summary>
    public PartnerSpaceDbContext CreateContext()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var postgres = new DbContextOptionsBuilder<PostgresDbContext>();
            postgres.UsePartnerSpacePostgres(ConnectionString);
            return new PostgresDbContext(postgres.Options);
        }

        var sqlite = new DbContextOptionsBuilder<PartnerSpaceDbContext>();
        sqlite.UsePartnerSpaceSqlite(ConnectionString);
        return new PartnerSpaceDbContext(sqlite.Options);
    }
}

/// <summary>
/// The real portal (the PartnerSpace.Web build of the tests' own configuration) as its own process,
/// on a database the test gives, in demo mode, on a free loopback port: a test can kill it with
/// SIGKILL and start it again on the same database. Disposing it kills it.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();

    private PortalProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += OnOutput;
        _process.ErrorDataReceived += OnOutput;
    }

    public Uri Address { get; }

    /// <summary>Starts the portal and waits until <c>GET /health</c> answers 200 (migrated, demo seeded).</summary>
    public static async Task<PortalProcess> StartAsync(PortalDatabase database, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var dll = PortalDll();
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.GetLeftPart(UriPartial.Authority));
        start.Environment["ConnectionStrings__PartnerSpace"] = database.ConnectionString;
        start.Environment["PartnerSpace__Database"] = database.Provider.ToString();
        start.Environment["PartnerSpace__Demo"] = "true";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning";
        start.Environment.Remove("ASPNETCORE_URLS");

        var portal = new PortalProcess(new Process { StartInfo = start }, address);
        portal._process.Start();
        portal._process.BeginOutputReadLine();
        portal._process.BeginErrorReadLine();
        try
        {
            await portal.WaitUntilHealthyAsync(ct);
            return portal;
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
    }

    /// <summary>The last lines the portal wrote, for failure messages.</summary>
    public string Tail => string.Join(Environment.NewLine, _tail);

    /// <summary>SIGKILL (kill -9): no shutdown, no flush; returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
    }

    private static string PortalDll()
    {
        var configuration = typeof(PortalProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnerSpace.Blazor.sln")))
            {
                var dll = Path.Combine(dir.FullName, "PartnerSpace.Web", "bin", configuration, "net10.0", "PartnerSpace.Web.dll");
                return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution in {configuration}.");
            }
        }

        throw new InvalidOperationException("PartnerSpace.Blazor.sln was not found above " + AppContext.BaseDirectory);
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {_process.ExitCode} before /health answered:{Environment.NewLine}{Tail}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Listening, still migrating and seeding.
            }

            if (waited.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"/health did not answer 200 within {StartTimeout.TotalSeconds:0} s:{Environment.NewLine}{Tail}");
            }

            await Task.Delay(100, ct);
        }
    }

    private void OnOutput(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is { } line)
        {
            _tail.Enqueue(line);
            while (_tail.Count > 40)
            {
                _tail.TryDequeue(out _);
            }
        }
    }
}
