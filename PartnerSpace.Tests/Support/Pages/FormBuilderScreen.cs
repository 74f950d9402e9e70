using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary>The organizer's profile or team form builder, /organizer/forms/{profile|team}.</summary>
public sealed class FormBuilderScreen(IPage page) : BlazorPage(page)
{
    public ILocator Rows => Page.GetByTestId("field-row");

    public ILocator PreviewFields => Page.GetByTestId("preview-field");

    public ILocator Publish => Page.GetByTestId("save-form");

    public ILocator Announcement => Page.GetByTestId("reorder-announcement");

    public async Task OpenAsync(string which)
    {
        // Tall enough that a drag needs no scrolling (a scroll mid-drag moves the target).
        await Page.SetViewportSizeAsync(1280, 1800);
        await GotoInteractiveAsync($"/organizer/forms/{which}");
        await Assertions.Expect(Page.GetByTestId("form-builder")).ToHaveAttributeAsync("data-ready", "true");
    }

    public ILocator LabelEn(int row) => Rows.Nth(row).Locator("input[data-testid=field-label-en], [data-testid=field-label-en] input").First;

    public async Task DragAsync(int row, int ontoRow) =>
        await Rows.Nth(row).Locator(".ps-drag-handle").DragToAsync(Rows.Nth(ontoRow));

    public async Task<IReadOnlyList<string>> RowIdsAsync() =>
        await Rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.fieldId)");

    public async Task<IReadOnlyList<string>> PreviewIdsAsync() =>
        await PreviewFields.EvaluateAllAsync<string[]>("fields => fields.map(f => f.dataset.fieldId)");

    /// <summary>Waits until the preview shows the fields in this order.</summary>
    public async Task ExpectPreviewOrderAsync(IReadOnlyList<string> ids)
    {
        await Assertions.Expect(PreviewFields).ToHaveCountAsync(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            await Assertions.Expect(PreviewFields.Nth(i)).ToHaveAttributeAsync("data-field-id", ids[i]);
        }
    }
}
