using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support;

/// <summary>
/// One portal and one headless Chromium per test class (an xunit class fixture); each test
/// opens its own browser contexts through <see cref="BrowserTest"/>. Uses Debian's Chromium:
/// Playwright's own browsers cannot be downloaded here.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>How long actions and assertions wait by default: generous, the machine has two cores.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Chromium's switches for a headless machine without network beyond the portal.</summary>
    public static readonly string[] Args =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserPortal Portal { get; } = new();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        _ = Portal.Address; // starts the server (migrations and demo data) before the first test
        Assertions.SetDefaultExpectTimeout((float)DefaultTimeout.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Args,
        });
    }

    /// <summary>
    /// A whole browser with its profile on disk (cookies, local storage) in <paramref name="userDataDir"/>:
    /// closing it and launching it again on the same folder is a user reopening their browser.
    /// </summary>
    public async Task<IBrowserContext> LaunchPersistentAsync(string userDataDir)
    {
        var context = await (_playwright ?? throw new InvalidOperationException("The fixture is not initialized.")).Chromium.LaunchPersistentContextAsync(
            userDataDir,
            new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = Args,
                BaseURL = Portal.Address.ToString(),
                Locale = "en-US",
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            });
        context.SetDefaultTimeout((float)DefaultTimeout.TotalMilliseconds);
        return context;
    }

    /// <summary>A fresh context (cookies, storage) pointed at the portal; English unless <paramref name="locale"/> says otherwise (the browser's Accept-Language).</summary>
    public async Task<IBrowserContext> NewContextAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.Address.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout((float)DefaultTimeout.TotalMilliseconds);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Portal.DisposeAsync();
    }
}
