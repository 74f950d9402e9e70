using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>The partner's Information tab: the organizer's profile form, enforced (S-1.4, S-2.2).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class ProfileTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.4")]
    [Trait("Spec", "S-2.2")]
    [Trait("Spec", "S-5")]
    public async Task ARequiredFieldTheOrganizerAddsReachesTheOpenFormAndIsEnforced()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var partnerContext = await NewContextAsync();
        await SignInAsDemoAsync("partner-admin", partnerContext);
        var profile = new PartnerProfilePage(await partnerContext.NewPageAsync());
        await profile.OpenAsync(acme);
        var fieldsBefore = await profile.Fields.CountAsync();

        // The organizer adds a required field and publishes it.
        await SignInAsDemoAsync("organizer");
        await Page.GotoAsync("/organizer/forms/profile");
        await Expect(Page.GetByTestId("form-builder")).ToHaveAttributeAsync("data-ready", "true");
        var rows = Page.GetByTestId("field-row");
        var rowsBefore = await rows.CountAsync();
        await Page.GetByTestId("add-field").ClickAsync();
        await Expect(rows).ToHaveCountAsync(rowsBefore + 1);
        var row = rows.Last;
        await row.Locator("[data-testid=field-label-en] input, input[data-testid=field-label-en]").First.FillAsync("VAT number");
        await row.Locator("[data-testid=field-label-fr] input, input[data-testid=field-label-fr]").First.FillAsync("Numéro de TVA");
        await row.GetByLabel("Required").CheckAsync();
        await Page.GetByTestId("save-form").ClickAsync();
        await Expect(Page.GetByText("Form published.")).ToBeVisibleAsync();

        // The partner's open form shows it without a reload, and will not save without it.
        await Expect(profile.Fields).ToHaveCountAsync(fieldsBefore + 1);
        var vat = profile.Fields.Last;
        await Expect(vat).ToHaveAttributeAsync("data-required", "true");
        await profile.Field("Description").FillAsync("Anvils, rockets and portable holes.");
        await profile.Save.ClickAsync();
        await Expect(profile.ErrorSummary).ToBeVisibleAsync();
        await Expect(vat.GetByText("VAT number is required.")).ToBeVisibleAsync();

        await profile.Field("VAT number").FillAsync("FR12345678901");
        await profile.Save.ClickAsync();
        await Expect(profile.Page.GetByText("Profile saved.")).ToBeVisibleAsync();
        await Expect(profile.ErrorSummary).ToHaveCountAsync(0);

        // Saved means stored: a reload shows the answers.
        await profile.OpenAsync(acme);
        await Expect(profile.Field("VAT number")).ToHaveValueAsync("FR12345678901");
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.4")]
    [Trait("Spec", "S-2.2")]
    public async Task ALogoIsRefusedWhenItIsNotReallyAnImageThenUploadedAndShown()
    {
        await SignInAsDemoAsync("partner-admin");
        var profile = new PartnerProfilePage(Page);
        await profile.OpenAsync(await Portal.PartnerIdAsync(DemoData.AcmeName));
        var logo = profile.Fields.Filter(new() { Has = Page.GetByTestId("file-upload") }).First;
        await Expect(logo).ToContainTextAsync("PNG, JPEG or WebP, up to 2 MB");

        await logo.Locator("input[type=file]").Last.SetBlazorInputFilesAsync(new Microsoft.Playwright.FilePayload
        {
            Name = "logo.png",
            MimeType = "image/png",
            Buffer = "<svg onload=alert(1)></svg>"u8.ToArray(),
        });
        await Expect(logo.GetByTestId("file-error")).ToHaveTextAsync("Logo: logo.png is not a real PNG file.");

        await logo.Locator("input[type=file]").Last.SetBlazorInputFilesAsync(new Microsoft.Playwright.FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = SampleImages.Png });
        await Expect(logo.GetByTestId("file-preview")).ToBeVisibleAsync();
        await Expect(logo.GetByTestId("file-error")).ToHaveCountAsync(0);
        var src = await logo.GetByTestId("file-preview").GetAttributeAsync("src");
        var image = await Page.APIRequest.GetAsync(src!);
        Assert.Equal("image/png", image.Headers["content-type"]);
    }
}
