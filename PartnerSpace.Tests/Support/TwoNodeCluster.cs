using System.Diagnostics;
using Microsoft.Playwright;
using Npgsql;

namespace PartnerSpace.Tests.Support;

/// <summary>
/// DESIGN §8 for real: <c>scripts/scale-out.sh</c> starts PostgreSQL, Redis, two published portal
/// nodes (a and b) and nginx with TLS and sticky sessions, on free ports in a temporary folder; one
/// headless Chromium drives it. A class fixture: the cluster starts once per class (about 20 s).
/// </summary>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    /// <summary>The nginx cookie that pins a browser to a node (sticky Blazor circuits).</summary>
    public const string NodeCookie = "psnode";

    private readonly string _folder = Directory.CreateTempSubdirectory("partnerspace-two-nodes-").FullName;
    private readonly Dictionary<string, string> _ports = new()
    {
        ["PS_HTTPS_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PS_NODE_A_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PS_NODE_B_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PS_PG_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PS_REDIS_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>nginx, https with a self-signed certificate.</summary>
    public Uri Address { get; private set; } = null!;

    public Uri NodeA { get; private set; } = null!;

    public Uri NodeB { get; private set; } = null!;

    public string PostgresConnectionString { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync()
    {
        await RunScriptAsync("start");
        var env = File.ReadAllLines(Path.Combine(_folder, "cluster.env"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        Address = new Uri(env["PS_URL"]);
        NodeA = new Uri(env["PS_NODE_A_URL"]);
        NodeB = new Uri(env["PS_NODE_B_URL"]);
        PostgresConnectionString = env["PS_POSTGRES"];

        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout((float)BrowserFixture.DefaultTimeout.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = BrowserFixture.Args,
        });
    }

    /// <summary>A browser context pinned by nginx to <paramref name="node"/> ("a" or "b").</summary>
    public async Task<IBrowserContext> NewContextOnAsync(string node)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            IgnoreHTTPSErrors = true,
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1280, Height = 1800 },
        });
        context.SetDefaultTimeout((float)BrowserFixture.DefaultTimeout.TotalMilliseconds);
        await PinAsync(context, node);
        return context;
    }

    /// <summary>
    /// Moves a context to another node: what happens when nginx sends a browser elsewhere. Host-only
    /// (by URL, as nginx sets it), so it replaces nginx's cookie instead of standing beside it.
    /// </summary>
    public Task PinAsync(IBrowserContext context, string node) =>
        context.AddCookiesAsync([new Cookie { Name = NodeCookie, Value = node, Url = Address.ToString(), Secure = true, HttpOnly = true }]);

    public async Task<Guid> PartnerIdAsync(string name)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Id" FROM "Partners" WHERE "Name" = @name""", connection);
        command.Parameters.AddWithValue("name", name);
        return (Guid)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No partner {name}."));
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await RunScriptAsync("stop");
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A server still writing its log; the temp folder is cleaned by the system.
        }
        catch (UnauthorizedAccessException)
        {
            // PostgreSQL's files belong to its user.
        }
    }

    private async Task RunScriptAsync(string verb)
    {
        var start = new ProcessStartInfo("bash", [Repository.PathOf("scripts", "scale-out.sh"), verb, _folder])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _ports)
        {
            start.Environment[key] = value;
        }

#if !DEBUG
        start.Environment["PS_NO_BUILD"] = "1"; // the tests run on the Release build test.sh just made
#endif
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scale-out.sh {verb} failed ({process.ExitCode}):\n{await output}\n{await error}");
        }
    }
}
