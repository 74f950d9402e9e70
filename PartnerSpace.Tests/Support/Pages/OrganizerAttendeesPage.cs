using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/organizer/attendees</c>: the event's attendees (S-1.1) and their import from a file (S-3.1).</summary>
public sealed class OrganizerAttendeesPage(IPage page) : BlazorPage(page)
{
    public const string Path = "/organizer/attendees";

    public ILocator Count => Page.GetByTestId("attendee-count");

    public ILocator Names => Page.GetByTestId("attendee-table").GetByTestId("attendee-name");

    public ILocator ImportToggle => Page.GetByTestId("attendee-import-toggle");

    public ILocator Template => Page.GetByTestId("attendee-template");

    public ILocator RowStatuses => Page.GetByTestId("import-row-status");

    public ILocator Confirm => Page.GetByTestId("import-confirm");

    public ILocator Result => Page.GetByTestId("import-result");

    public Task OpenAsync() => GotoInteractiveAsync(Path);

    /// <summary>Gives the import a CSV file. MudFileUpload keeps a spare input beside the active one: the active one is the last.</summary>
    public Task ChooseCsvAsync(string name, string csv) =>
        Page.Locator("[data-testid=attendee-import] input[type=file]").Last.SetBlazorInputFilesAsync(new FilePayload
        {
            Name = name,
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });

    public Task SearchAsync(string text) =>
        Page.Locator("input[data-testid=attendee-search], [data-testid=attendee-search] input").First.FillAsync(text);
}
