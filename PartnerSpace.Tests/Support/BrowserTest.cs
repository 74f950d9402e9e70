using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PartnerSpace.Tests.Support;

/// <summary>
/// Base of the browser tests: a new browser context and page per test (xunit makes a new
/// instance per test), closed afterwards. Browser console errors go to the test output.
/// </summary>
public abstract class BrowserTest(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected BrowserPortal Portal => fixture.Portal;

    protected BrowserFixture Fixture => fixture;

    protected ITestOutputHelper Output => output;

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Context = await NewContextAsync();
        Page = await Context.NewPageAsync();
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
    }

    /// <summary>Another browser context (another person), closed with the test; English unless <paramref name="locale"/> says otherwise.</summary>
    protected async Task<IBrowserContext> NewContextAsync(string locale = "en-US")
    {
        var context = await fixture.NewContextAsync(locale);
        _contexts.Add(context);
        context.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Log($"[browser {message.Type}] {message.Text}");
            }
        };
        context.WebError += (_, error) => Log($"[page error] {error.Error}");
        context.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Log($"[http {response.Status}] {response.Request.Method} {response.Url}");
            }
        };
        return context;
    }

    /// <summary>
    /// Signs a context in as a demo person (organizer, partner-admin, sales-contact, attendee)
    /// through its request API, which shares the context's cookies: no page load needed.
    /// </summary>
    protected async Task SignInAsDemoAsync(string demoRole, IBrowserContext? context = null)
    {
        var response = await (context ?? Context).APIRequest.GetAsync($"/demo/sign-in/{demoRole}", new() { MaxRedirects = 0 });
        Assert.Equal(302, response.Status);
    }

    /// <summary>A page address on the portal with exactly this path, whatever its query string.</summary>
    protected Regex PathIs(string path) =>
        new("^" + Regex.Escape(new Uri(Portal.Address, path).GetLeftPart(UriPartial.Path)) + @"(\?.*)?$");

    /// <summary>The demo device of Acme, posting scans to the portal's API.</summary>
    protected DeviceScanner AcmeScanner() => new(Portal.CreateApiClient(PartnerSpace.Domain.Data.DemoData.AcmeDeviceKey));

    private void Log(string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The browser spoke after the test ended (closing sockets): nobody to tell.
        }
    }
}
