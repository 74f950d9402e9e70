using Microsoft.Playwright;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>Issue 8: an organizer turns on an authenticator app and signs in with its code.</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class TwoFactorTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    private const string Password = "Long-enough-password-1";

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-4")]
    public async Task OrganizerTurnsOnAnAuthenticatorAppAndSignsInWithItsCode()
    {
        // A fresh organizer of the demo event: the demo organizer keeps two-factor off.
        var email = $"totp-{Guid.NewGuid():N}@organizer.example";
        await OrganizerAccounts.CreateAsync(Portal.Services, email, Password);
        var signIn = new SignInPage(Page);
        await signIn.OpenAsync();
        await signIn.SignInAsOrganizerAsync(email, Password);
        await Expect(Page).ToHaveURLAsync(PathIs("/organizer"));

        await Page.GotoAsync("/organizer/account");
        var account = Page.GetByTestId("account-security");
        await Expect(account).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(Page.GetByTestId("two-factor-status")).ToHaveTextAsync("Off");
        await Page.GetByTestId("two-factor-setup").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" })).ToBeVisibleAsync();
        var key = await Page.GetByTestId("shared-key").TextContentAsync() ?? "";
        await Page.GetByLabel("Code from the app").FillAsync(Totp.Code(key));
        await Page.GetByTestId("two-factor-enable").ClickAsync();

        await Expect(Page.GetByTestId("recovery-code")).ToHaveCountAsync(10);
        await Page.GetByTestId("account-continue").ClickAsync();
        await Expect(Page).ToHaveURLAsync(PathIs("/organizer/account"));
        await Expect(Page.GetByTestId("two-factor-status")).ToHaveTextAsync("On");

        // Another browser: the password alone is not enough any more.
        var other = await (await NewContextAsync()).NewPageAsync();
        var otherSignIn = new SignInPage(other);
        await otherSignIn.OpenAsync();
        await otherSignIn.SignInAsOrganizerAsync(email, Password);
        await Expect(other).ToHaveURLAsync(PathIs("/sign-in/two-factor"));
        await other.GotoAsync("/organizer");
        await Expect(other).ToHaveURLAsync(PathIs(SignInPage.Path));
        await other.GoBackAsync();
        await other.GotoAsync("/sign-in/two-factor");
        var form = other.GetByTestId("two-factor-form");
        await form.GetByLabel("Code from the app").FillAsync(Totp.Code(key));
        await form.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(other).ToHaveURLAsync(PathIs("/organizer"));
    }
}
