using PartnerSpace.Domain.Data;
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
}
