using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/organizer/sessions</c>: the programme by day, the session dialog (S-2.7).</summary>
public sealed class OrganizerSessionsPage(IPage page) : BlazorPage(page)
{
    public ILocator Table => Page.GetByTestId("session-table");

    public ILocator Row(string title) => Table.Locator("tr", new() { Has = Page.GetByTestId("session-row-title").GetByText(title, new() { Exact = true }) });

    public Task OpenAsync() => GotoInteractiveAsync("/organizer/sessions");

    /// <summary>Creates a session on the event's first day, hosted by one partner.</summary>
    public async Task CreateAsync(string title, string starts, string ends, string room, string type, string host)
    {
        await Page.GetByTestId("session-new").ClickAsync();
        var dialog = Page.GetByTestId("session-dialog");
        await dialog.Locator("input[data-testid=session-title]").FillAsync(title);
        await dialog.Locator("input[data-testid=session-start]").FillAsync(starts);
        await dialog.Locator("input[data-testid=session-end]").FillAsync(ends);
        await dialog.Locator("input[data-testid=session-hosts]").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").GetByText(host, new() { Exact = true }).ClickAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await dialog.Locator("input[data-testid=session-room]").FillAsync(room);
        await dialog.Locator("input[data-testid=session-type]").FillAsync(type);
        await dialog.Locator("input[data-testid=session-title]").ClickAsync();
        await Page.GetByTestId("session-save").ClickAsync();
        await Assertions.Expect(Page.GetByText("Session saved.")).ToBeVisibleAsync();
    }
}

/// <summary><c>/partner/{id}/sessions</c>: the sessions the partner hosts (S-2.7).</summary>
public sealed class PartnerSessionsPage(IPage page) : PortalPage(page)
{
    public ILocator Tab => Page.GetByTestId("sessions-tab");

    public ILocator Cards => Page.GetByTestId("session-card");

    public ILocator Card(string title) => Page.Locator($"[data-testid=session-card][data-session=\"{title}\"]");

    public async Task OpenAsync(Guid partnerId)
    {
        await GotoInteractiveAsync($"/partner/{partnerId}/sessions");
        await Assertions.Expect(Tab).ToHaveAttributeAsync("data-ready", "true");
    }

    /// <summary>EDIT, a description, one speaker from the team, save.</summary>
    public async Task CompleteAsync(string title, string description, string speaker)
    {
        var card = Card(title);
        await card.GetByTestId("session-card-edit").ClickAsync();
        await card.Locator("textarea[data-testid=session-description-input]").FillAsync(description);
        await card.Locator("input[data-testid=speaker-add]").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").GetByText(speaker).First.ClickAsync();
        await Assertions.Expect(card.GetByTestId("speaker-item")).ToHaveCountAsync(1);
        await card.GetByTestId("session-card-save").ClickAsync();
    }
}

/// <summary><c>/organizer/discounts</c>: codes and the purchases import (S-2.11).</summary>
public sealed class OrganizerDiscountsPage(IPage page) : BlazorPage(page)
{
    public ILocator Confirm => Page.GetByTestId("import-confirm");

    public ILocator Result => Page.GetByTestId("import-result");

    public ILocator RowStatuses => Page.GetByTestId("import-row-status");

    public Task OpenAsync() => GotoInteractiveAsync("/organizer/discounts");

    public async Task ChooseCsvAsync(string name, string csv)
    {
        await Page.GetByTestId("purchase-import-toggle").ClickAsync();
        await Page.Locator("[data-testid=purchase-import] input[type=file]").Last.SetBlazorInputFilesAsync(new FilePayload
        {
            Name = name,
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });
    }
}

/// <summary><c>/partner/{id}/discount-codes</c>: the use of the partner's codes (S-2.11).</summary>
public sealed class PartnerDiscountsPage(IPage page) : PortalPage(page)
{
    public ILocator Tab => Page.GetByTestId("discounts-tab");

    public ILocator TicketsTotal => Page.GetByTestId("totals-all").GetByTestId("total-used");

    public ILocator Attendees => Page.GetByTestId("purchase-attendee");

    public ILocator Export => Page.GetByTestId("discounts-export");

    public async Task OpenAsync(Guid partnerId)
    {
        await GotoInteractiveAsync($"/partner/{partnerId}/discount-codes");
        await Assertions.Expect(Tab).ToHaveAttributeAsync("data-ready", "true");
    }

    public async Task<int> ReadTicketsAsync() => ParseCount(await TicketsTotal.InnerTextAsync());
}
