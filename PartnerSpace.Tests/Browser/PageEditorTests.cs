using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>Page texts: instant preview while typing, live on open portals once published (S-1.3).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class PageEditorTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.3")]
    [Trait("Spec", "S-5")]
    public async Task TypedIntroductionShowsInThePreviewAtOnceAndOnTheOpenPortalWhenPublished()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var partnerContext = await NewContextAsync();
        await SignInAsDemoAsync("partner-admin", partnerContext);
        var partnerPage = await partnerContext.NewPageAsync();
        await partnerPage.GotoAsync($"/partner/{acme}/team");
        await Expect(partnerPage.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-interactive", "true");
        await partnerPage.EvaluateAsync("() => { window.__psNotReloaded = true; }");
        var intro = $"Add your stand staff before {Guid.NewGuid():N}.";

        await SignInAsDemoAsync("organizer");
        await Page.GotoAsync("/organizer/pages");
        await Expect(Page.GetByTestId("page-editor")).ToHaveAttributeAsync("data-ready", "true");
        await Page.Locator("[data-testid=page-choice][data-slug=team]").ClickAsync();
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Group, new() { Name = "Language" }).GetByText("EN").ClickAsync();
        await Page.GetByLabel("Introduction (English)").FillAsync(intro);

        await Expect(Page.GetByTestId("page-preview")).ToContainTextAsync(intro);
        await Expect(partnerPage.GetByTestId("page-intro")).ToHaveCountAsync(0);

        await Page.GetByTestId("save-page").ClickAsync();

        await Expect(partnerPage.GetByTestId("page-intro")).ToHaveTextAsync(intro, new() { Timeout = 1000 });
        Assert.True(await partnerPage.EvaluateAsync<bool>("() => window.__psNotReloaded === true"), "The partner's page reloaded.");
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.3")]
    public async Task EmptyTitleIsRefusedWithAMessageAndTheTextStays()
    {
        await SignInAsDemoAsync("organizer");
        await Page.GotoAsync("/organizer/pages");
        await Expect(Page.GetByTestId("page-editor")).ToHaveAttributeAsync("data-ready", "true");
        await Page.Locator("[data-testid=page-choice][data-slug=offers]").ClickAsync();
        await Page.GetByLabel("Title (French)").FillAsync("");
        await Page.GetByLabel("Title (English)").FillAsync("");
        await Page.GetByLabel("Introduction (French)").FillAsync("Nos offres du salon.");

        await Page.GetByTestId("save-page").ClickAsync();

        await Expect(Page.GetByText("A page needs a title in French or in English.")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Introduction (French)")).ToHaveValueAsync("Nos offres du salon.");
        await Expect(Page.GetByTestId("unsaved")).ToBeVisibleAsync();
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.3")]
    public async Task TypedMarkdownBodyShowsRenderedInThePreviewAtOnceAndInThePortalWhenPublished()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var eventId = await Portal.QueryAsync(db => Task.FromResult(db.Partners.Single(p => p.Id == acme).EventId));
        var created = await Portal.Services.GetRequiredService<PageEditorService>()
            .CreateCustomAsync(eventId, new LocalizedText("Accès", "Access"), new Actor(Guid.NewGuid(), "Test"));
        var slug = created.Value!.Slug;
        var partnerContext = await NewContextAsync();
        await SignInAsDemoAsync("partner-admin", partnerContext);
        var partnerPage = await partnerContext.NewPageAsync();
        await partnerPage.GotoAsync($"/partner/{acme}/{slug}");
        await Expect(partnerPage.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(partnerPage.GetByText("The organizer has not written this page yet.")).ToBeVisibleAsync();

        await SignInAsDemoAsync("organizer");
        await Page.GotoAsync("/organizer/pages");
        await Expect(Page.GetByTestId("page-editor")).ToHaveAttributeAsync("data-ready", "true");
        await Page.Locator($"[data-testid=page-choice][data-slug={slug}]").ClickAsync();
        await Page.GetByRole(AriaRole.Group, new() { Name = "Language" }).GetByText("EN").ClickAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "English" }).ClickAsync();
        var body = Page.GetByLabel("Content (English, Markdown)");
        await body.FillAsync("## Getting there\n\nSee [the map](https://example.com/map) \n\n- Hall A\n- Hall B\n\n| Hall | Stand |\n|---|---|\n| A | 12 |\n\n");

        var preview = Page.GetByTestId("page-preview");
        await Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Getting there" })).ToBeVisibleAsync();
        await Expect(preview.GetByRole(AriaRole.Link, new() { Name = "the map" })).ToHaveAttributeAsync("href", "https://example.com/map");

        // MudFileUpload keeps a spare input beside the active one; the active one is the last.
        await Page.Locator("[data-testid=body-editor][data-language=en] input[type=file]").Last.SetBlazorInputFilesAsync(new FilePayload
        {
            Name = "hall.png",
            MimeType = "image/png",
            Buffer = SampleImages.Png,
        });
        await Expect(preview.GetByRole(AriaRole.Img, new() { Name = "hall" })).ToHaveJSPropertyAsync("naturalWidth", 1);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Bold" }).ClickAsync();

        await Expect(preview.Locator("strong")).ToHaveTextAsync("bold text");
        await Expect(body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"\| A \| 12 \|\n\n!\[hall\]\(/files/[0-9a-f-]{36}\)\n\*\*bold text\*\*$"));
        await Expect(partnerPage.GetByTestId("page-body")).ToHaveCountAsync(0);

        await Page.GetByTestId("save-page").ClickAsync();

        var shown = partnerPage.GetByTestId("page-body");
        await Expect(shown.GetByRole(AriaRole.Link, new() { Name = "the map" })).ToHaveAttributeAsync("target", "_blank");
        await Expect(shown.GetByRole(AriaRole.Img, new() { Name = "hall" })).ToHaveJSPropertyAsync("naturalWidth", 1);
        await Expect(partnerPage.GetByText("The organizer has not written this page yet.")).ToHaveCountAsync(0);
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.3")]
    public async Task ANewContentPageIsCreatedFromThePagesScreenAndOpensInTheEditor()
    {
        await SignInAsDemoAsync("organizer");
        await Page.GotoAsync("/organizer/pages");
        await Expect(Page.GetByTestId("page-editor")).ToHaveAttributeAsync("data-ready", "true");
        var title = $"Practical guide {Guid.NewGuid():N}"[..24];

        await Page.GetByLabel("Title of the new page").FillAsync(title);
        await Page.GetByTestId("create-page").ClickAsync();

        await Expect(Page.GetByTestId("page-choice").Filter(new() { HasText = title })).ToHaveCountAsync(1);
        await Expect(Page.GetByLabel("Title (English)")).ToHaveValueAsync(title);
        await Expect(Page.GetByTestId("body-en").Or(Page.GetByTestId("body-fr")).First).ToBeVisibleAsync();
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.3")]
    public async Task AStaleSaveShowsWhatTheOtherOrganizerChangedAndKeepsWhatWasTyped()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var eventId = await Portal.QueryAsync(db => Task.FromResult(db.Partners.Single(p => p.Id == acme).EventId));
        var editor = Portal.Services.GetRequiredService<PageEditorService>();
        await SignInAsDemoAsync("organizer");
        await Page.GotoAsync("/organizer/pages");
        await Expect(Page.GetByTestId("page-editor")).ToHaveAttributeAsync("data-ready", "true");
        await Page.Locator("[data-testid=page-choice][data-slug=offers]").ClickAsync();
        await Page.GetByLabel("Introduction (English)").FillAsync("Mine: list your show offers.");

        // Meanwhile another organizer publishes the same page.
        var theirs = (await editor.GetAllAsync(eventId)).Single(p => p.Slug == "offers");
        await editor.SaveAsync(eventId, theirs with { Introduction = new LocalizedText(theirs.Introduction.Fr, "Theirs: offers close on Friday.") }, new Actor(Guid.NewGuid(), "Other organizer"));
        await Page.GetByTestId("save-page").ClickAsync();

        var conflict = Page.GetByTestId("page-conflict");
        await Expect(conflict.GetByTestId("conflict-diff")).ToContainTextAsync("Theirs: offers close on Friday.");
        await Expect(conflict.GetByTestId("conflict-diff")).ToContainTextAsync("Mine: list your show offers.");
        await Expect(Page.GetByLabel("Introduction (English)")).ToHaveValueAsync("Mine: list your show offers.");

        await conflict.GetByTestId("keep-mine").ClickAsync();
        await Page.GetByTestId("save-page").ClickAsync();
        await Expect(conflict).ToHaveCountAsync(0);
        Assert.Equal("Mine: list your show offers.", (await editor.GetAllAsync(eventId)).Single(p => p.Slug == "offers").Introduction.En);
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.3")]
    [Trait("Spec", "S-5")]
    public async Task APagesHelpShowsInThePreviewAndOpensFromTheLivePortalPage()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var partnerContext = await NewContextAsync();
        await SignInAsDemoAsync("partner-admin", partnerContext);
        var partnerPage = await partnerContext.NewPageAsync();
        await partnerPage.GotoAsync($"/partner/{acme}/documents");
        await Expect(partnerPage.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(partnerPage.GetByTestId("page-help")).ToHaveCountAsync(0);
        var help = $"Read the exhibitor manual before {Guid.NewGuid():N}"[..45];

        await SignInAsDemoAsync("organizer");
        await Page.GotoAsync("/organizer/pages");
        await Expect(Page.GetByTestId("page-editor")).ToHaveAttributeAsync("data-ready", "true");
        await Page.Locator("[data-testid=page-choice][data-slug=documents]").ClickAsync();
        await Page.GetByRole(AriaRole.Group, new() { Name = "Language" }).GetByText("EN").ClickAsync();
        await Page.GetByLabel("Help (English)").FillAsync(help);
        await Expect(Page.GetByTestId("page-preview").GetByTestId("page-help")).ToContainTextAsync(help);
        await Page.GetByTestId("save-page").ClickAsync();

        var panel = partnerPage.GetByTestId("page-help");
        await Expect(panel).ToBeVisibleAsync();
        await panel.GetByText("Help for this page").ClickAsync();
        await Expect(panel).ToContainTextAsync(help);
    }
}
