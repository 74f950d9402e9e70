using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary>A screen of a partner space: app bar with the partner's name, burger menu, lead counters.</summary>
public abstract class PortalPage(IPage page) : BlazorPage(page)
{
    public ILocator Title => Page.GetByTestId("partner-title");

    public ILocator Menu => Page.GetByTestId("partner-menu");

    public ILocator MenuItems => Menu.GetByRole(AriaRole.Link);

    public ILocator MenuItem(string label) => Menu.GetByRole(AriaRole.Link, new() { Name = label, Exact = true });

    /// <summary>The "Scans" counter of the lead counters card (Home and Leads tabs).</summary>
    public ILocator ScanCounter => Page.GetByTestId("counter-scans");

    public ILocator LeadCounter => Page.GetByTestId("counter-leads");

    public ILocator Counters => Page.GetByTestId("lead-counters");

    public async Task<int> ReadScanCountAsync() => ParseCount(await ScanCounter.InnerTextAsync());
}

/// <summary><c>/partner/{id}</c>: the Home tab.</summary>
public sealed class PartnerHomePage(IPage page) : PortalPage(page)
{
    public static string PathOf(Guid partnerId) => $"/partner/{partnerId}";

    public Task OpenAsync(Guid partnerId) => GotoInteractiveAsync(PathOf(partnerId));

    /// <summary>S-2.1: the logo (display copy), the organizer's contacts, the chosen counters.</summary>
    public ILocator Logo => Page.GetByTestId("home-logo");

    public ILocator ContactNames => Page.GetByTestId("home-contact-name");

    public ILocator Counter(string element) => Page.Locator($"[data-testid=home-counter][data-element={element}]").GetByTestId("home-counter-value");

    public async Task<int> ReadCounterAsync(string element) => ParseCount(await Counter(element).InnerTextAsync());
}

/// <summary><c>/partner/{id}/profile</c>: the Information tab, the profile form of S-1.4 (S-2.2).</summary>
public sealed class PartnerProfilePage(IPage page) : PortalPage(page)
{
    public ILocator Form => Page.GetByTestId("profile-form");

    public ILocator Fields => Page.GetByTestId("form-field");

    public ILocator Save => Page.GetByTestId("save-profile");

    public ILocator ErrorSummary => Page.GetByTestId("profile-errors");

    public ILocator Completion => Page.GetByTestId("profile-completion");

    public ILocator Field(string label) => Page.GetByLabel(label, new() { Exact = true });

    public async Task OpenAsync(Guid partnerId)
    {
        await GotoInteractiveAsync($"/partner/{partnerId}/profile");
        await Assertions.Expect(Form).ToHaveAttributeAsync("data-ready", "true");
    }
}
