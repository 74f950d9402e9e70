using PartnerSpace.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>The profile form builder: instant preview, clear errors, publish (S-1.4).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class FormBuilderTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
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
}
