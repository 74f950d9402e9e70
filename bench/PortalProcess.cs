using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace PartnerSpace.Bench;

/// <summary>
/// The real portal (the PartnerSpace.Web build of the bench's own configuration) in its own process,
/// on a fresh SQLite database in a temporary folder, with the demo event seeded. Disposing it kills
/// the process and deletes the folder; so does the bench exiting on a signal.
/// </summary>
internal sealed class PortalProcess : IPortal, IAsyncDisposable
{
    private const int NotableKinds = 20;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly string _folder;
    private readonly ConcurrentDictionary<string, (int Count, string? FirstMessage)> _notable = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _tail = new();
    private string? _lastHeader;
    private int _disposed;

    private PortalProcess(Process process, string folder, Uri baseAddress)
    {
        _process = process;
        _folder = folder;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += OnOutput;
        _process.ErrorDataReceived += OnOutput;
        AppDomain.CurrentDomain.ProcessExit += OnBenchExit;
    }

    public Uri BaseAddress { get; }

    public string DatabasePath => Path.Combine(_folder, "bench.db");

    string? IPortal.DatabasePath => DatabasePath;

    TimeSpan? IPortal.CpuTime => CpuTime;

    int? IPortal.ThreadCount => ThreadCount;

    public IReadOnlyList<int> ProcessIds => [Read(p => p.Id)];

    public string Configuration { get; private init; } = "";

    /// <summary>CPU time the portal process has used so far (all its threads).</summary>
    public TimeSpan CpuTime => Read(p => p.TotalProcessorTime);

    /// <summary>Threads of the portal process now; growth under load means the thread pool is injecting threads.</summary>
    public int ThreadCount => Read(p => p.Threads.Count);

    /// <summary>Warnings and errors the portal logged, by logger line, with the first message of each.</summary>
    public IReadOnlyDictionary<string, (int Count, string? FirstMessage)> NotableLogLines => _notable;

    public static async Task<PortalProcess> StartAsync(CancellationToken ct)
    {
        var configuration = typeof(PortalProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = FindPortalDll(configuration);
        var folder = Directory.CreateTempSubdirectory("partnerspace-bench-").FullName;
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");

        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.GetLeftPart(UriPartial.Authority));
        start.Environment["ConnectionStrings__PartnerSpace"] = $"Data Source={Path.Combine(folder, "bench.db")}";
        start.Environment["PartnerSpace__Demo"] = "true";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning";
        start.Environment.Remove("ASPNETCORE_URLS");

        var portal = new PortalProcess(new Process { StartInfo = start }, folder, baseAddress) { Configuration = configuration };
        try
        {
            portal.Launch();
            await portal.WaitUntilHealthyAsync(ct);
            return portal;
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
    }

    /// <summary>Throws, with the portal's last output, when it is no longer running.</summary>
    public void EnsureRunning()
    {
        if (_process.HasExited)
        {
            throw Exited();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnBenchExit;
        Kill();
        try
        {
            using var timeout = new CancellationTokenSource(StopTimeout);
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            // Not started, or slow to die: nothing more we can do from here.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"Could not delete {_folder}: {ex.Message}");
        }
    }

    private static string FindPortalDll(string configuration)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnerSpace.Blazor.sln")))
            {
                var dll = Path.Combine(dir.FullName, "PartnerSpace.Web", "bin", configuration, "net10.0", "PartnerSpace.Web.dll");
                return File.Exists(dll)
                    ? dll
                    : throw new BenchException($"{dll} is missing; build it with: dotnet build PartnerSpace.Web -c {configuration}");
            }
        }

        throw new BenchException("Run the bench from its repository: PartnerSpace.Blazor.sln was not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private void Launch()
    {
        try
        {
            _process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new BenchException($"Could not start 'dotnet': {ex.Message}", ex);
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new BenchException($"The portal exited with code {_process.ExitCode} before /health answered:{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), ct);
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
                // Listening but busy migrating and seeding.
            }

            if (waited.Elapsed > StartTimeout)
            {
                throw new BenchException($"/health did not answer 200 within {StartTimeout.TotalSeconds:0} s:{Environment.NewLine}{Tail()}");
            }

            await Task.Delay(200, ct);
        }
    }

    private void OnOutput(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is not { } line)
        {
            return;
        }

        _tail.Enqueue(line);
        while (_tail.Count > 40)
        {
            _tail.TryDequeue(out _);
        }

        // The console logger writes "warn: Category[id]" then the message, indented, on the next line.
        if (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            _lastHeader = _notable.Count < NotableKinds || _notable.ContainsKey(line) ? line : "(other warnings)";
            _notable.AddOrUpdate(_lastHeader, (1, null), static (_, v) => (v.Count + 1, v.FirstMessage));
        }
        else if (_lastHeader is { } header)
        {
            _lastHeader = null;
            _notable.AddOrUpdate(header, static (_, message) => (1, message), static (_, v, message) => (v.Count, v.FirstMessage ?? message), line.Trim());
        }
    }

    private string Tail() => string.Join(Environment.NewLine, _tail);

    private T Read<T>(Func<Process, T> read)
    {
        try
        {
            _process.Refresh();
            if (!_process.HasExited)
            {
                return read(_process);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the read.
        }

        throw Exited();
    }

    private BenchException Exited()
    {
        // On Unix, .NET reports a process ended by a signal as 128 + the signal number.
        var code = _process.ExitCode;
        var how = code > 128 ? $"was killed by signal {code - 128}" : $"exited with code {code}";
        return new BenchException($"The portal {how} in the middle of the run; its last output:{Environment.NewLine}{Tail()}");
    }

    private void OnBenchExit(object? sender, EventArgs e) => Kill();

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
    }
}
