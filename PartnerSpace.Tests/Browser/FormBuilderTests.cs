using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>The profile and team form builders: instant preview, drag and keyboard order, file limits, publish (S-1.4, S-1.5).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class FormBuilderTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    private async Task<FormBuilderScreen> OpenAsync(string which)
    {
        await SignInAsDemoAsync("organizer");
        var builder = new FormBuilderScreen(Page);
        await builder.OpenAsync(which);
        return builder;
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.4")]
    public async Task ChoiceFieldNeedsOptionsThenIsPublishedAndPreviewedAsRequired()
    {
        await SignInAsDemoAsync("organizer");
        await Page.GotoAsync("/organizer/forms/profile");
        await Expect(Page.GetByTestId("form-builder")).ToHaveAttributeAsync("data-ready", "true");
        var preview = Page.GetByTestId("preview-field");
        var before = await preview.CountAsync();

        await Page.GetByTestId("new-field-type").ClickAsync();
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Option, new() { Name = "Single choice" }).ClickAsync();
        await Page.GetByTestId("add-field").ClickAsync();
        await Expect(preview).ToHaveCountAsync(before + 1);

        var row = Page.GetByTestId("field-row").Last;
        await row.Locator("input[data-testid=field-label-en], [data-testid=field-label-en] input").First.FillAsync("Sector");
        await row.GetByLabel("Required").CheckAsync();
        await Expect(preview.Last).ToHaveAttributeAsync("data-required", "true");
        await Page.GetByTestId("save-form").ClickAsync();
        await Expect(row.GetByText("A choice field needs 1 to 100 named options.")).ToBeVisibleAsync();

        await row.GetByLabel("Options (English), one per line").FillAsync("Energy\nHealth");
        await Page.GetByTestId("save-form").ClickAsync();
        await Expect(Page.GetByText("Form published.")).ToBeVisibleAsync();

        await Page.ReloadAsync();
        await Expect(Page.GetByTestId("form-builder")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(preview).ToHaveCountAsync(before + 1);
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.4")]
    public async Task DraggedFieldMovesInThePreviewAtOnceAndKeepsItsPlaceWhenPublished()
    {
        var builder = await OpenAsync("profile");
        var order = (await builder.RowIdsAsync()).ToList();
        Assert.True(order.Count >= 4, "The profile form starts with four fields");
        Assert.Equal(order, await builder.PreviewIdsAsync());
        var last = order.Count - 1;
        var dragged = order[last];

        // MudBlazor places an item dragged upwards after the item it is dropped on: dropping on
        // the row two above moves it up by one, and a short drag needs no scrolling mid-drag.
        await builder.DragAsync(last, ontoRow: last - 2);

        order.RemoveAt(last);
        order.Insert(last - 1, dragged);
        await builder.ExpectPreviewOrderAsync(order);
        Assert.Equal(order, await builder.RowIdsAsync());

        await builder.Publish.ClickAsync();
        await Expect(Page.GetByText("Form published.")).ToBeVisibleAsync();
        await builder.OpenAsync("profile");
        await builder.ExpectPreviewOrderAsync(order);
        Assert.Equal(order, await builder.RowIdsAsync());
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.4")]
    public async Task KeyboardMovesAFieldAndAnnouncesIt()
    {
        var builder = await OpenAsync("profile");
        var order = (await builder.RowIdsAsync()).ToList();
        var label = await builder.LabelEn(2).InputValueAsync();

        await builder.Rows.Nth(2).GetByTestId("move-up").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");

        (order[1], order[2]) = (order[2], order[1]);
        await builder.ExpectPreviewOrderAsync(order);
        await Expect(builder.Announcement).ToHaveTextAsync($"Field {label} moved to position 2 of {order.Count}.");

        // The rows are redrawn after a move; the focus stays on the button, so Enter moves on.
        await Expect(builder.Rows.Nth(1).GetByTestId("move-up")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");

        (order[0], order[1]) = (order[1], order[0]);
        await builder.ExpectPreviewOrderAsync(order);
        await Expect(builder.Announcement).ToHaveTextAsync($"Field {label} moved to position 1 of {order.Count}.");
        await Expect(builder.Rows.Nth(0).GetByTestId("move-down")).ToBeFocusedAsync();
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.5")]
    public async Task TeamFormFileFieldShowsItsLimitsAndKeepsThemWhenPublished()
    {
        var builder = await OpenAsync("team");
        await Page.GetByTestId("new-field-type").ClickAsync();
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Option, new() { Name = "File", Exact = true }).ClickAsync();
        await Page.GetByTestId("add-field").ClickAsync();
        var row = builder.Rows.Last;
        var limits = builder.PreviewFields.Last.GetByTestId("preview-file-rules");
        await Expect(limits).ToHaveTextAsync("PDF, Word, Excel, PowerPoint, PNG, JPEG or ZIP, up to 10 MB");

        var size = row.Locator("input[data-testid=file-max-size], [data-testid=file-max-size] input").First;
        await size.FillAsync("40");
        await Expect(row.GetByText("Between 1 and 25 MB.")).ToBeVisibleAsync();
        await size.FillAsync("5");
        await row.Locator("input[data-kind=Word]").UncheckAsync();
        await Expect(row.GetByText("Between 1 and 25 MB.")).ToBeHiddenAsync();
        await Expect(limits).ToHaveTextAsync("PDF, Excel, PowerPoint, PNG, JPEG or ZIP, up to 5 MB");

        await builder.Publish.ClickAsync();
        await Expect(Page.GetByText("Form published.")).ToBeVisibleAsync();
        await builder.OpenAsync("team");
        await Expect(builder.PreviewFields.Last.GetByTestId("preview-file-rules")).ToHaveTextAsync("PDF, Excel, PowerPoint, PNG, JPEG or ZIP, up to 5 MB");
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.5")]
    public async Task ShowBadgesIsSwitchedFromTheTeamFormAndIsTheEventsOption()
    {
        await SignInAsDemoAsync("organizer");
        await Page.GotoAsync("/organizer/forms/team");
        await Expect(Page.GetByTestId("form-builder")).ToHaveAttributeAsync("data-ready", "true");
        var badges = Page.GetByLabel("Show badges: partners can download their team's badges");
        var wasOn = await badges.IsCheckedAsync();

        await badges.ClickAsync();
        await Expect(Page.GetByText(wasOn ? "Badges are no longer shown to partners." : "Badges are now shown to partners.")).ToBeVisibleAsync();

        await Page.GotoAsync("/organizer/options");
        var option = Page.GetByLabel("Show badges: partners can download their team's badges");
        if (wasOn)
        {
            await Expect(option).Not.ToBeCheckedAsync();
        }
        else
        {
            await Expect(option).ToBeCheckedAsync();
        }
    }
}
