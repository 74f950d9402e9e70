using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>The burger-menu editor: instant preview, publish to open portals, keyboard twin, stale saves (S-1.2, S-1.3).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class MenuEditorTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(1);

    private static async Task<MenuEditorScreen> OpenEditorAsync(Microsoft.Playwright.IPage page)
    {
        // Tall enough that a drag needs no scrolling (a scroll mid-drag moves the target).
        await page.SetViewportSizeAsync(1280, 1800);
        var editor = new MenuEditorScreen(page);
        await editor.OpenAsync();
        await Expect(editor.Rows.First).ToBeVisibleAsync();
        return editor;
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.2")]
    [Trait("Spec", "S-1.3")]
    [Trait("Spec", "S-5")]
    public async Task DraggedTabMovesInThePreviewAtOnceAndReachesAnOpenPortalWhenPublished()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var partnerContext = await NewContextAsync();
        await SignInAsDemoAsync("partner-admin", partnerContext);
        var partnerPage = await partnerContext.NewPageAsync();
        var portal = new PartnerHomePage(partnerPage);
        await portal.OpenAsync(acme);
        await partnerPage.EvaluateAsync("() => { window.__psNotReloaded = true; }");
        var publishedBefore = await portal.MenuItems.AllInnerTextsAsync();

        await SignInAsDemoAsync("organizer");
        var editor = await OpenEditorAsync(Page);
        var before = await editor.PreviewOrderAsync();
        var shownAt = before.ToList().IndexOf("Leads");
        var rowKinds = await editor.Rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.kind)");
        var rowAt = Array.IndexOf(rowKinds, "Leads");
        Assert.True(shownAt > 1 && rowAt > 1, "Leads starts low in the demo menu");

        // MudBlazor places an item dragged upwards after the item it is dropped on: dropping on
        // the row two above moves it up by one, and a short drag needs no scrolling mid-drag.
        await editor.DragAsync("Leads", ontoRow: rowAt - 2);

        await Expect(editor.PreviewItems.Nth(shownAt - 1)).ToHaveTextAsync("Leads");
        Assert.Equal(publishedBefore, await portal.MenuItems.AllInnerTextsAsync());

        await editor.Publish.ClickAsync();

        await Expect(portal.MenuItems.Nth(shownAt - 1)).ToHaveTextAsync("Leads", new() { Timeout = (float)LiveWithin.TotalMilliseconds });
        Assert.True(await partnerPage.EvaluateAsync<bool>("() => window.__psNotReloaded === true"), "The partner's page reloaded.");
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.2")]
    public async Task KeyboardMovesATabAndAnnouncesIt()
    {
        await SignInAsDemoAsync("organizer");
        var editor = await OpenEditorAsync(Page);
        var before = await editor.PreviewOrderAsync();

        await editor.Rows.Nth(3).GetByTestId("move-up").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Expect(editor.PreviewItems.Nth(2)).ToHaveTextAsync(before[3]);
        await Expect(editor.PreviewItems.Nth(3)).ToHaveTextAsync(before[2]);
        await Expect(editor.Announcement).ToHaveTextAsync($"{before[3]} moved to position 3 of {before.Count}.");
        await Expect(editor.Rows.Nth(2).GetByTestId("move-up")).ToBeFocusedAsync();
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.2")]
    public async Task SecondPublisherIsToldAndLosesNothing()
    {
        await SignInAsDemoAsync("organizer");
        var mine = await OpenEditorAsync(Page);
        var otherContext = await NewContextAsync();
        await SignInAsDemoAsync("organizer", otherContext);
        var theirs = await OpenEditorAsync(await otherContext.NewPageAsync());

        await theirs.Rows.Nth(1).Locator("input[data-testid=label-en], [data-testid=label-en] input").FillAsync("Our company");
        await theirs.Publish.ClickAsync();
        await Expect(theirs.Page.GetByTestId("unsaved")).ToBeHiddenAsync();

        var myLabel = mine.Rows.Nth(2).Locator("input[data-testid=label-en], [data-testid=label-en] input");
        await myLabel.FillAsync("Our people");
        await mine.Publish.ClickAsync();

        await Expect(mine.Conflict).ToBeVisibleAsync();
        await Expect(mine.Conflict).ToContainTextAsync("Our company");
        await Expect(myLabel).ToHaveValueAsync("Our people");
        await Expect(mine.PreviewItems.Nth(2)).ToHaveTextAsync("Our people");

        await mine.Conflict.GetByTestId("keep-mine").ClickAsync();
        await mine.Publish.ClickAsync();

        await Expect(mine.Conflict).ToBeHiddenAsync();
        await Expect(mine.Page.GetByTestId("unsaved")).ToBeHiddenAsync();
        await Expect(mine.PreviewItems.Nth(2)).ToHaveTextAsync("Our people");
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.2")]
    public async Task PublishedChangeIsInTheHistoryAndCanBeUndone()
    {
        await SignInAsDemoAsync("organizer");
        var editor = await OpenEditorAsync(Page);
        var before = await editor.PreviewOrderAsync();
        await editor.Rows.Nth(1).GetByTestId("move-down").ClickAsync();
        await editor.Publish.ClickAsync();
        await Expect(Page.GetByTestId("unsaved")).ToBeHiddenAsync();

        await Page.GotoAsync("/organizer/history");
        await Expect(Page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(Page.GetByTestId("history-summary").First).ToHaveTextAsync("tabs reordered");
        await Page.GetByTestId("undo").First.ClickAsync();
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Dialog).GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Undo", Exact = true }).ClickAsync();
        await Expect(Page.GetByText("Change undone.")).ToBeVisibleAsync();

        await editor.OpenAsync();
        Assert.Equal(before, await editor.PreviewOrderAsync());
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.2")]
    public async Task ANewTabCanBeMadeWithANewContentPage()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        await SignInAsDemoAsync("organizer");
        var editor = await OpenEditorAsync(Page);
        var title = $"Floor plan {Guid.NewGuid().ToString("N")[..6]}";

        await Page.GetByTestId("new-page-title").Locator("input").Or(Page.Locator("input[data-testid=new-page-title]")).First.FillAsync(title);
        await Page.GetByTestId("create-page").ClickAsync();

        await Expect(editor.PreviewItems.Last).ToHaveTextAsync(title);
        await editor.Publish.ClickAsync();
        await Expect(Page.GetByTestId("unsaved")).ToBeHiddenAsync();

        await Page.GotoAsync($"/partner/{acme}");
        await Page.GetByTestId("partner-menu").GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(Page.GetByTestId("page-title")).ToHaveTextAsync(title);
        await Expect(Page.GetByText("The organizer has not written this page yet.")).ToBeVisibleAsync();
    }
}
