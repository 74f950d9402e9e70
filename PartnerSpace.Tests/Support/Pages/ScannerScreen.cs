using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/scan</c>: the phone scanner, a static page with its own script (issue 7 item 4).</summary>
public sealed class ScannerScreen(IPage page)
{
    public IPage Page => page;

    public ILocator Waiting => page.GetByTestId("scanner-waiting");

    public ILocator Rows => page.GetByTestId("scanner-scan");

    public ILocator Row(string badge) => page.Locator($"[data-testid=scanner-scan][data-badge='{badge}']");

    public ILocator Sheet => page.GetByTestId("scanner-sheet");

    /// <summary>Opens the scanner with a device key in the fragment, as the device-key dialog links to it.</summary>
    public async Task OpenWithKeyAsync(string token)
    {
        await page.GotoAsync($"/scan#key={token}");
        await WaitReadyAsync();
    }

    public async Task WaitReadyAsync() =>
        await Expect(page.GetByTestId("scanner")).ToHaveAttributeAsync("data-ready", "true");

    public Task ChooseScannedByAsync(string email) => page.GetByTestId("scanner-scanned-by").SelectOptionAsync(email);

    /// <summary>Types a badge code and presses Enter, as staff do when the camera cannot read it.</summary>
    public async Task TypeBadgeAsync(string code)
    {
        var rows = await Rows.CountAsync();
        await page.GetByTestId("scanner-badge").FillAsync(code);
        await page.GetByTestId("scanner-badge").PressAsync("Enter");
        await Expect(Rows).ToHaveCountAsync(rows + 1);
    }

    public Task<int> ScrollWidthAsync() => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
}
