using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/organizer/home</c>: the partners' Home elements and the organizer team's contacts (S-2.1).</summary>
public sealed class HomeEditorScreen(IPage page) : BlazorPage(page)
{
    public ILocator ContactRows => Page.GetByTestId("home-contact-row");

    public ILocator AddContact => Page.GetByTestId("contact-add");

    public ILocator Save => Page.GetByTestId("save-home");

    public ILocator ContactField(int row, string field) => ContactRows.Nth(row).Locator($"input[data-testid=contact-{field}]");

    public async Task OpenAsync()
    {
        await Page.GotoAsync("/organizer/home");
        await Assertions.Expect(Page.GetByTestId("home-editor")).ToHaveAttributeAsync("data-ready", "true");
    }
}

/// <summary><c>/organizer/readiness</c>: what each partner has completed, with filters.</summary>
public sealed class ReadinessScreen(IPage page) : BlazorPage(page)
{
    public ILocator PartnerNames => Page.GetByTestId("readiness-partner");

    public ILocator BehindOnly => Page.GetByLabel("Behind only");

    public ILocator AreaSelect => Page.GetByTestId("readiness-area");

    public async Task OpenAsync()
    {
        await Page.GotoAsync("/organizer/readiness");
        await Assertions.Expect(Page.GetByTestId("readiness-filters")).ToHaveAttributeAsync("data-ready", "true");
    }

    public async Task ChooseAreaAsync(string area)
    {
        await AreaSelect.ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{area}$") }).ClickAsync();
    }
}

/// <summary><c>/partner/{id}/badges</c>: the team's badges to print or download (S-1.5).</summary>
public sealed class BadgesScreen(IPage page) : BlazorPage(page)
{
    public ILocator Badges => Page.GetByTestId("badge");

    public ILocator DownloadAll => Page.GetByTestId("badges-download-all");

    public ILocator Print => Page.GetByTestId("badges-print");

    public Task OpenAsync(Guid partnerId) => GotoInteractiveAsync($"/partner/{partnerId}/badges");
}
