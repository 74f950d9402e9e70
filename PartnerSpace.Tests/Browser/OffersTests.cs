using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>
/// The Offers tab and the public partner page, each in its own browser: what the partner saves
/// reaches a visitor's open public page without the visitor reloading (S-2.2, S-2.4, S-5).
/// </summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class OffersTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    private async Task<PublicPartnerPage> OpenAcmePublicPageAsync(Guid acme)
    {
        // The visitor is anonymous: a context of its own, never signed in.
        var visitor = await NewContextAsync();
        var page = new PublicPartnerPage(await visitor.NewPageAsync());
        await page.OpenAsync($"/e/{DemoData.EventSlug}/partners/{acme}/acme");
        await page.MarkWindowAsync();
        return page;
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.4")]
    [Trait("Spec", "S-5")]
    public async Task AnOfferAddedHiddenThenShownAppearsOnTheOpenPublicPage()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        await SignInAsDemoAsync("partner-admin");
        var offers = new PartnerOffersPage(Page);
        await offers.OpenAsync(acme);
        var visitor = await OpenAcmePublicPageAsync(acme);
        var shownBefore = await visitor.Offers.CountAsync();

        await offers.AddAsync("Robot rental for the show", "Rent a welding robot for the three days.", visible: false);
        await Expect(offers.Row("Robot rental for the show")).ToHaveAttributeAsync("data-visible", "false");
        await Expect(offers.Page.GetByText("Offer added.")).ToBeVisibleAsync();
        // Hidden: the public page has been told, and still does not show it.
        await Expect(visitor.Offers).ToHaveCountAsync(shownBefore);

        await offers.Row("Robot rental for the show").Locator("input[data-testid=offer-visible]").CheckAsync();

        await Expect(offers.Row("Robot rental for the show")).ToHaveAttributeAsync("data-visible", "true");
        await Expect(visitor.Offers).ToHaveCountAsync(shownBefore + 1);
        await Expect(visitor.Offers.Last).ToContainTextAsync("Rent a welding robot for the three days.");
        Assert.True(await visitor.WindowStillMarkedAsync(), "the public page was refreshed in place, not reloaded");
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.2")]
    [Trait("Spec", "S-5")]
    public async Task ASavedProfileUpdatesTheOpenPublicPageAtOnce()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        await SignInAsDemoAsync("partner-admin");
        var profile = new PartnerProfilePage(Page);
        await profile.OpenAsync(acme);
        var visitor = await OpenAcmePublicPageAsync(acme);
        await Expect(visitor.Description).ToContainTextAsync("Acme builds the tools");

        await profile.Field("Description").FillAsync("Acme now makes quiet anvils.");
        await profile.Save.ClickAsync();

        await Expect(visitor.Description).ToHaveTextAsync("Acme now makes quiet anvils.");
        await Expect(visitor.Page).ToHaveTitleAsync("Acme · Industry of Tomorrow Expo");

        // The island survived the refresh: a second save arrives too.
        await profile.Field("Description").FillAsync("Acme now makes quiet anvils, and loud rockets.");
        await profile.Save.ClickAsync();

        await Expect(visitor.Description).ToHaveTextAsync("Acme now makes quiet anvils, and loud rockets.");
        Assert.True(await visitor.WindowStillMarkedAsync(), "the public page was refreshed in place, not reloaded");
    }
}
