using PartnerSpace.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>The organizer's options: nested sales-contact switches, saved and shown again (S-1.5, S-1.6, S-1.8).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class OptionsTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.8")]
    [Trait("Spec", "S-1.6")]
    public async Task SubOptionsOpenWithTheirParentAndSavedOptionsStay()
    {
        await SignInAsDemoAsync("organizer");
        await Page.GotoAsync("/organizer/options");
        await Expect(Page.GetByTestId("options")).ToHaveAttributeAsync("data-ready", "true");
        var spaces = Page.GetByLabel("Allow them to create and delete meeting spaces");
        var slots = Page.GetByLabel("Allow sales contacts to choose their time slots (Calendar tab)");

        // The demo has every sales-contact option on: switching the slots off disables the spaces under them.
        await slots.UncheckAsync();
        await Expect(spaces).ToBeDisabledAsync();
        await slots.CheckAsync();
        await Expect(spaces).ToBeEnabledAsync();
        await spaces.CheckAsync();
        await Page.GetByLabel("Online spaces").CheckAsync();
        await Page.GetByLabel("Physical spaces").UncheckAsync();
        await Page.GetByLabel("Show the number of registrants").CheckAsync();
        await Page.GetByTestId("save-options").ClickAsync();
        await Expect(Page.GetByText("Options saved.")).ToBeVisibleAsync();

        await Page.ReloadAsync();
        await Expect(Page.GetByTestId("options")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(Page.GetByLabel("Online spaces")).ToBeCheckedAsync();
        await Expect(Page.GetByLabel("Show the number of registrants")).ToBeCheckedAsync();
        await Expect(Page.GetByLabel("Physical spaces")).Not.ToBeCheckedAsync();
    }
}
