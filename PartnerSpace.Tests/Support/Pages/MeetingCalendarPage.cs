using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/partner/{id}/calendar</c>: the meeting calendar tab (S-2.10).</summary>
public sealed class MeetingCalendarPage(IPage page) : PortalPage(page)
{
    public ILocator Calendar => Page.GetByTestId("meeting-calendar");

    public ILocator SpaceRows => Page.GetByTestId("space-row");

    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    public ILocator PreviewCount => Page.GetByTestId("gen-preview-count");

    public ILocator PreviewSlots => Page.GetByTestId("gen-preview-slot");

    public ILocator Range => Page.GetByTestId("calendar-range");

    public async Task OpenAsync(Guid partnerId)
    {
        await GotoInteractiveAsync($"/partner/{partnerId}/calendar");
        await Assertions.Expect(Calendar).ToHaveAttributeAsync("data-ready", "true");
    }

    /// <summary>The grid's free slots whose label names <paramref name="text"/> (a space, a staff member).</summary>
    public ILocator SlotsOf(string text) => Page.Locator($"[data-testid=calendar-slot][aria-label*=\"{text}\"]");

    public ILocator Meetings => Page.GetByTestId("calendar-meeting");

    public async Task AddPhysicalSpaceAsync(string name, string place, int capacity)
    {
        await Page.GetByTestId("add-space").ClickAsync();
        await Page.GetByTestId("space-name-input").FillAsync(name);
        await Page.GetByTestId("space-place-input").FillAsync(place);
        await Page.GetByTestId("space-capacity-input").FillAsync(capacity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByTestId("space-save").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("space-dialog")).ToBeHiddenAsync();
    }

    /// <summary>Opens the generator and types the hours, one pause (12:00–13:30 proposed) and the space.</summary>
    public async Task FillGeneratorAsync(string from, string to, string space)
    {
        await Page.GetByTestId("generate-slots").ClickAsync();
        await Page.GetByTestId("gen-from").FillAsync(from);
        await Page.GetByTestId("gen-to").FillAsync(to);
        await Page.GetByTestId("gen-add-pause").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("gen-pause")).ToHaveCountAsync(1);
        await Page.GetByTestId("gen-space").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = space, Exact = true }).ClickAsync();
    }

    public Task PreviewAsync() => Page.GetByTestId("gen-preview-button").ClickAsync();

    public Task CreateAsync() => Page.GetByTestId("gen-create").ClickAsync();

    public async Task ShowDayAsync() => await Page.GetByTestId("calendar-day").ClickAsync();
}
