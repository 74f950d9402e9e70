using Microsoft.Playwright;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>Signing in as organizer (password) and partner member (link), and the way there.</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class SignInTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.1")]
    [Trait("Spec", "S-4.4")]
    public async Task OrganizerSignsInWithPasswordAndSeesPartners()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var signIn = new SignInPage(Page);
        await signIn.OpenAsync();

        await signIn.SignInAsOrganizerAsync(DemoData.OrganizerEmail, DemoData.OrganizerPassword);

        await Expect(Page).ToHaveURLAsync(PathIs(OrganizerPartnersPage.Path));
        var partners = new OrganizerPartnersPage(Page);
        await partners.WaitForInteractiveAsync();
        await Expect(partners.Row(DemoData.AcmeName)).ToBeVisibleAsync();
        await Expect(partners.Row(DemoData.AcmeName)).Not.ToContainTextAsync("Test partner");
        await Expect(partners.Row(DemoData.TestPartnerName)).ToContainTextAsync("Test partner");
        var shown = await partners.Names.CountAsync();
        Assert.True(shown >= 12, $"The partner table shows {shown} partners; the demo event has 14.");

        // S-4.4: from the back office straight into the partner's space.
        await Expect(partners.PartnerSpaceButton(DemoData.AcmeName)).ToHaveTextAsync("Partner space");
        await partners.PartnerSpaceButton(DemoData.AcmeName).ClickAsync();

        await Expect(Page).ToHaveURLAsync(PathIs(PartnerHomePage.PathOf(acmeId)));
        var home = new PartnerHomePage(Page);
        await Expect(home.Title).ToHaveTextAsync(DemoData.AcmeName);
        await Expect(home.MenuItems).ToContainTextAsync(["Home", "Leads"]);
        await Expect(home.MenuItem("Leads")).ToBeVisibleAsync();
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.1")]
    public async Task OrganizerWithWrongPasswordSeesErrorAndStaysOnSignIn()
    {
        var signIn = new SignInPage(Page);
        await signIn.OpenAsync();

        await signIn.SignInAsOrganizerAsync(DemoData.OrganizerEmail, "Not-the-password-1");

        await Expect(signIn.Error).ToBeVisibleAsync();
        await Expect(Page).ToHaveURLAsync(PathIs(SignInPage.Path));

        // And no cookie was set: the back office still sends this browser to sign in.
        await Page.GotoAsync(OrganizerPartnersPage.Path);
        await Expect(Page).ToHaveURLAsync(PathIs(SignInPage.Path));
        await Expect(signIn.Heading).ToHaveTextAsync("Sign in");
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-4.2")]
    public async Task PartnerAdministratorSignsInWithLinkFromOutbox()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);

        // The partner administrator asks for a link.
        var signIn = new SignInPage(Page);
        await signIn.OpenAsync();
        await signIn.RequestLinkAsync(DemoData.AcmeAdminEmail);
        await Expect(signIn.LinkSent).ToBeVisibleAsync();

        // The organizer, in another browser, reads it in the outbox (the demo's stand-in for e-mail).
        var organizer = await NewContextAsync();
        await SignInAsDemoAsync("organizer", organizer);
        var outbox = new OutboxPage(await organizer.NewPageAsync());
        await outbox.OpenAsync();
        var link = await outbox.ReadNewestLinkToAsync(DemoData.AcmeAdminEmail);
        Assert.StartsWith(new Uri(Portal.Address, "/sign-in/link?token=").ToString(), link, StringComparison.Ordinal);

        // The administrator opens it and confirms: straight into Acme's space.
        var confirmation = new SignInLinkPage(Page);
        await confirmation.OpenAsync(link);
        await confirmation.ConfirmAsync();

        await Expect(Page).ToHaveURLAsync(PathIs(PartnerHomePage.PathOf(acmeId)));
        await Expect(new PartnerHomePage(Page).Title).ToHaveTextAsync(DemoData.AcmeName);

        // Single use: the same link no longer offers to sign in.
        await confirmation.OpenAsync(link);
        await Expect(confirmation.Unusable).ToBeVisibleAsync();
        await Expect(confirmation.ConfirmButton).ToHaveCountAsync(0);
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-4.2")]
    public async Task AnonymousVisitorIsSentToSignIn()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);

        await Page.GotoAsync(LeadsPage.PathOf(acmeId));

        await Expect(Page).ToHaveURLAsync(PathIs(SignInPage.Path));
        await Expect(new SignInPage(Page).PasswordForm).ToBeVisibleAsync();
        await Expect(new LeadsPage(Page).Counters).ToHaveCountAsync(0);
    }
}
