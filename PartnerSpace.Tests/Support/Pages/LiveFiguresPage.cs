using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/organizer/live</c>: the organizers' live figures during the event (issue 9, item 6).</summary>
public sealed class LiveFiguresPage(IPage page) : BlazorPage(page)
{
    public const string Path = "/organizer/live";

    public async Task OpenAsync()
    {
        await Page.GotoAsync(Path);
        await Page.Locator("[data-testid=live-figures][data-interactive=true]").WaitForAsync();
    }

    public ILocator Figure(string testId) => Page.GetByTestId(testId);

    public ILocator ScansToday => Figure("figure-scans-today");

    public ILocator ScansThisMinute => Figure("figure-scans-minute");

    public ILocator OpenCircuits => Figure("figure-open-circuits");

    public ILocator NewestMinuteCount => Page.GetByTestId("scans-row").First.GetByTestId("scans-row-count");

    public ILocator SectionHeading(string name) => Page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true });

    public static async Task<int> ReadAsync(ILocator figure) => int.Parse((await figure.InnerTextAsync()).Replace(",", "", StringComparison.Ordinal).Replace("\u202f", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
