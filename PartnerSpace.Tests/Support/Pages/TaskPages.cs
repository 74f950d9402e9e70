using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/organizer/tasks</c>: the organizer's tasks, the task dialog and the tracking board (S-2.5).</summary>
public sealed class OrganizerTasksPage(IPage page) : BlazorPage(page)
{
    public const string Path = "/organizer/tasks";

    public ILocator Dialog => Page.GetByTestId("task-dialog");

    public ILocator Board => Page.GetByTestId("task-board");

    public async Task OpenAsync()
    {
        await GotoInteractiveAsync(Path);
        await Assertions.Expect(Page.GetByTestId("tasks-tabs")).ToHaveAttributeAsync("data-ready", "true");
    }

    /// <summary>Creates an acknowledgement or text task for the categories given, from the dialog.</summary>
    public async Task CreateForCategoryAsync(string title, string category, string answerKind)
    {
        await Page.GetByTestId("new-task").ClickAsync();
        await Assertions.Expect(Dialog).ToBeVisibleAsync();
        await Dialog.Locator("input[data-testid=task-title-en]").FillAsync(title);
        await Dialog.GetByTestId("task-kind").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = answerKind, Exact = true }).ClickAsync();
        await Dialog.GetByRole(AriaRole.Radio, new() { Name = "Partners of some categories" }).CheckAsync();
        await Dialog.GetByRole(AriaRole.Checkbox, new() { Name = category, Exact = true }).CheckAsync();
        await Page.GetByTestId("task-save").ClickAsync();
        await Assertions.Expect(Page.GetByText("Task saved.")).ToBeVisibleAsync();
    }

    /// <summary>Opens the tracking board on one task, from its progress link in the list.</summary>
    public async Task TrackAsync(string title)
    {
        var row = Page.GetByTestId("task-list").GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await row.GetByTestId("task-progress").ClickAsync();
        await Assertions.Expect(Board).ToBeVisibleAsync();
    }

    public ILocator BoardRow(string partnerName) =>
        Board.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByTestId("board-partner").Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(partnerName)) }) });
}

/// <summary><c>/partner/{id}/tasks</c>: the partner's Tasks tab, Active and Completed (S-2.5).</summary>
public sealed class PartnerTasksPage(IPage page) : PortalPage(page)
{
    public ILocator Tabs => Page.GetByTestId("partner-tasks");

    public ILocator Card(string title) => Page.Locator($"[data-testid=task-card][data-task=\"{title}\"]");

    public ILocator Tab(string name) => Page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^" + Regex.Escape(name)) });

    public async Task OpenAsync(Guid partnerId)
    {
        await GotoInteractiveAsync($"/partner/{partnerId}/tasks");
        await Assertions.Expect(Tabs).ToHaveAttributeAsync("data-ready", "true");
    }
}

/// <summary><c>/organizer/documents</c>: the organizer's documents and who read what (S-2.6).</summary>
public sealed class OrganizerDocumentsPage(IPage page) : BlazorPage(page)
{
    public const string Path = "/organizer/documents";

    public ILocator Dialog => Page.GetByTestId("document-dialog");

    public ILocator Board => Page.GetByTestId("read-board");

    public async Task OpenAsync()
    {
        await GotoInteractiveAsync(Path);
        await Assertions.Expect(Page.GetByTestId("documents-tabs")).ToHaveAttributeAsync("data-ready", "true");
    }

    public async Task ShareAsync(string title, string fileName, byte[] content)
    {
        await Page.GetByTestId("new-document").ClickAsync();
        await Assertions.Expect(Dialog).ToBeVisibleAsync();
        await Dialog.Locator("input[type=file]").Last.SetBlazorInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = content });
        await Assertions.Expect(Dialog.GetByTestId("document-file-name")).ToContainTextAsync(fileName);
        await Dialog.Locator("input[data-testid=document-title-en]").FillAsync(title);
        await Page.GetByTestId("document-save").ClickAsync();
        await Assertions.Expect(Page.GetByText("Document shared.")).ToBeVisibleAsync();
    }

    public async Task TrackAsync(string title)
    {
        var row = Page.GetByTestId("document-list").GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await row.GetByTestId("document-progress").ClickAsync();
        await Assertions.Expect(Board).ToBeVisibleAsync();
    }

    public ILocator BoardRow(string partnerName) =>
        Board.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByTestId("board-partner").Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(partnerName)) }) });
}

/// <summary><c>/partner/{id}/documents</c>: the partner's Documents tab, Not yet read and Read (S-2.6).</summary>
public sealed class PartnerDocumentsPage(IPage page) : PortalPage(page)
{
    public ILocator Tabs => Page.GetByTestId("partner-documents");

    public ILocator Card(string title) => Page.Locator($"[data-testid=document-card][data-document=\"{title}\"]");

    public ILocator Tab(string name) => Page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^" + Regex.Escape(name)) });

    public async Task OpenAsync(Guid partnerId)
    {
        await GotoInteractiveAsync($"/partner/{partnerId}/documents");
        await Assertions.Expect(Tabs).ToHaveAttributeAsync("data-ready", "true");
    }
}
