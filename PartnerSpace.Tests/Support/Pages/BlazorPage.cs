using System.Globalization;
using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary>
/// A screen of the interactive app (portal or back office). Prerendered HTML looks the same before
/// the circuit connects, and clicks made before then are lost: wait for <see cref="WaitForInteractiveAsync"/>.
/// </summary>
public abstract class BlazorPage(IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>The app bar's live mark; <c>data-interactive="true"</c> once the circuit renders.</summary>
    public ILocator LiveIndicator => Page.GetByTestId("live-indicator");

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>Blazor's reconnect banner, shown while the circuit's connection is down.</summary>
    public ILocator ReconnectBanner => Page.Locator("#components-reconnect-modal");

    public ILocator LanguageMenu => Page.GetByTestId("language-menu");

    public Task WaitForInteractiveAsync() =>
        Assertions.Expect(LiveIndicator).ToHaveAttributeAsync("data-interactive", "true");

    /// <summary>Opens the language menu and picks a language by its own name ("Français"); the page reloads.</summary>
    public async Task ChooseLanguageAsync(string languageName)
    {
        await LanguageMenu.GetByRole(AriaRole.Button).ClickAsync();
        await Page.GetByRole(AriaRole.Menuitem, new() { Name = languageName, Exact = true }).ClickAsync();
    }

    /// <summary>Switches the portal to English or French ("en", "fr") through the language menu; English is the default.</summary>
    public async Task UseLanguageAsync(string language)
    {
        if (language == "fr")
        {
            await ChooseLanguageAsync("Français");
            await Assertions.Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        }
    }

    /// <summary>How wide the page is when wider than the window (it scrolls sideways), else null.</summary>
    public Task<int?> SidewaysOverflowAsync() => SidewaysOverflowAsync(Page);

    /// <inheritdoc cref="SidewaysOverflowAsync()"/>
    public static async Task<int?> SidewaysOverflowAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var (width, window) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        return width > window ? width : null;
    }

    protected async Task GotoInteractiveAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForInteractiveAsync();
    }

    protected static int ParseCount(string text) => int.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
}
