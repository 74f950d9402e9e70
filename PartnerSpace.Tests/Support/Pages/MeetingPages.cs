using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/partner/{id}/contacts</c>: the Contact list tab (S-2.8).</summary>
public sealed class PartnerContactsPage(IPage page) : PortalPage(page)
{
    public ILocator List => Page.GetByTestId("contact-list");

    public ILocator Search => Page.Locator("input[data-testid=contact-search]");

    public ILocator Names => Page.GetByTestId("contact-name");

    /// <summary>The whole dialog (MudDialog puts its data-testid on the content, not on the actions).</summary>
    public ILocator Dialog => Page.Locator(".mud-dialog:has([data-testid=propose-dialog]), .mud-dialog[data-testid=propose-dialog]");

    public ILocator SlotOptions => Dialog.Locator("input[data-testid=slot-option], [data-testid=slot-option] input");

    public async Task OpenAsync(Guid partnerId)
    {
        await GotoInteractiveAsync($"/partner/{partnerId}/contacts");
        await Assertions.Expect(List).ToHaveAttributeAsync("data-interactive", "true");
    }

    public ILocator Row(string name) => Page.Locator("[data-testid=contact-table] tbody tr").Filter(new() { Has = Page.GetByTestId("contact-name").GetByText(name, new() { Exact = true }) });
}

/// <summary><c>/partner/{id}/meetings</c>: the Meetings tab (S-2.9).</summary>
public sealed class PartnerMeetingsPage(IPage page) : PortalPage(page)
{
    public ILocator List => Page.GetByTestId("meeting-list");

    public ILocator Rows => Page.GetByTestId("meeting-row");

    public async Task OpenAsync(Guid partnerId)
    {
        await GotoInteractiveAsync($"/partner/{partnerId}/meetings");
        await Assertions.Expect(List).ToHaveAttributeAsync("data-interactive", "true");
    }

    public ILocator Row(Guid meetingId) => Page.Locator($"[data-testid=meeting-row][data-meeting='{meetingId}']");

    public ILocator RowOf(string attendee) => Rows.Filter(new() { Has = Page.GetByTestId("meeting-attendee").GetByText(attendee, new() { Exact = true }) });
}
