using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary>
/// <c>/partner/{id}/leads</c>: counters and the five lead categories as sub-tabs (S-2.12); the
/// Scans tab is open first, newest scan first.
/// </summary>
public sealed class LeadsPage(IPage page) : PortalPage(page)
{
    public static string PathOf(Guid partnerId) => $"/partner/{partnerId}/leads";

    /// <summary>The open category's table (Scans unless another tab was chosen).</summary>
    public ILocator Table => Page.Locator("[data-testid^=lead-table-]");

    /// <summary>The name cell of each row, in the table's order (last scan first by default).</summary>
    public ILocator LeadNames => Table.GetByTestId("lead-name");

    /// <summary>The rows the last live reload brought in.</summary>
    public ILocator NewRows => Table.Locator("tr.ps-row-new");

    public ILocator Search => Page.GetByTestId("lead-search");

    /// <summary>The filters row; <c>data-search</c> is the search the list applies (after the typing pause).</summary>
    public ILocator Filters => Page.GetByTestId("lead-filters");

    /// <summary>"26-50 of 61": the pager's caption.</summary>
    public ILocator PagerInfo => Table.Locator(".mud-table-pagination-caption").Last;

    public ILocator NextPage => Table.Locator(".mud-table-pagination-actions button").Nth(2);

    /// <summary>The scrolling box around the open category's table: it must not scroll sideways.</summary>
    public ILocator TableContainer => Table.Locator(".mud-table-container");

    /// <summary>The period's date fields (the input itself), in the event's days.</summary>
    public ILocator From => Page.GetByTestId("lead-filter-from");

    public ILocator To => Page.GetByTestId("lead-filter-to");

    /// <summary>The meeting status of each row (Meetings tab).</summary>
    public ILocator MeetingStatuses => Table.GetByTestId("lead-meeting-status");

    /// <summary>The row of a lead by its exact name.</summary>
    public ILocator Row(string name) =>
        Table.Locator("tbody tr").Filter(new() { Has = Page.GetByTestId("lead-name").GetByText(name, new() { Exact = true }) });

    /// <summary>Opens a MudSelect found by the data-testid inside it and picks the option with that text.</summary>
    /// <summary>Opens the open category's filters (rating, follow-up, period…), closed until asked for.</summary>
    public async Task ShowFiltersAsync()
    {
        await Page.GetByTestId("lead-filters-toggle").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("lead-filter-panel")).ToBeVisibleAsync();
    }

    public async Task ChooseAsync(string testId, string option, ILocator? within = null)
    {
        await (within ?? Page.Locator("body")).Locator(".mud-select").Filter(new() { Has = Page.GetByTestId(testId) }).First.ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").GetByText(option, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>Whether the open category's table scrolls sideways inside its box.</summary>
    public Task<bool> TableScrollsSidewaysAsync() =>
        TableContainer.EvaluateAsync<bool>("c => c.scrollWidth > c.clientWidth");

    /// <summary>The sub-tab of a category: scans, sharing, sessions, networking, meetings.</summary>
    public ILocator Tab(string category) => Page.GetByTestId($"lead-tab-{category}");

    /// <summary>The count badge of a category's sub-tab; <c>data-new="true"</c> when it grew on the last live reload.</summary>
    public ILocator Count(string category) => Page.GetByTestId($"lead-count-{category}");

    /// <summary>Opens the page and waits until the open category's list is interactive and loaded (not its prerendered copy).</summary>
    public async Task OpenAsync(Guid partnerId)
    {
        await GotoInteractiveAsync(PathOf(partnerId));
        await Assertions.Expect(Filters).ToHaveAttributeAsync("data-interactive", "true");
        await Assertions.Expect(PagerInfo.Or(Page.GetByTestId("empty-title"))).ToBeVisibleAsync();
    }

    public async Task<int> ReadCountAsync(string category) => ParseCount(await Count(category).InnerTextAsync());
}
