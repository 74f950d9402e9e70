using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary>The organizer's burger-menu editor, /organizer/menu.</summary>
public sealed class MenuEditorScreen(IPage page) : BlazorPage(page)
{
    public const string Path = "/organizer/menu";

    public ILocator Rows => Page.GetByTestId("tab-row");

    public ILocator PreviewItems => Page.GetByTestId("menu-preview").GetByTestId("menu-item");

    public ILocator Publish => Page.GetByTestId("save-menu");

    public ILocator Conflict => Page.GetByTestId("menu-conflict");

    public ILocator Announcement => Page.GetByTestId("reorder-announcement");

    public ILocator Row(string kind) => Page.Locator($"[data-testid=tab-row][data-kind={kind}]");

    public async Task OpenAsync()
    {
        await GotoInteractiveAsync(Path);
        await Assertions.Expect(Page.GetByTestId("menu-editor")).ToHaveAttributeAsync("data-ready", "true");
    }

    public async Task DragAsync(string kind, int ontoRow) =>
        await Row(kind).Locator(".ps-drag-handle").DragToAsync(Rows.Nth(ontoRow));

    public async Task<IReadOnlyList<string>> PreviewOrderAsync() =>
        [.. (await PreviewItems.AllInnerTextsAsync()).Select(t => t.Trim())];
}
