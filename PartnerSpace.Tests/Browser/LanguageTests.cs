using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>The portal in French and English, chosen from the app bar.</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class LanguageTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    public async Task LanguageSwitchShowsFrench()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        await SignInAsDemoAsync("partner-admin");
        var leads = new LeadsPage(Page);
        await leads.OpenAsync(acmeId);
        await Expect(leads.Counters).ToContainTextAsync("Unknown badges");

        await leads.ChooseLanguageAsync("Français");

        await Expect(leads.Counters).ToContainTextAsync("Badges inconnus");
        await Expect(Page).ToHaveURLAsync(PathIs(LeadsPage.PathOf(acmeId)));
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(leads.Heading).ToHaveTextAsync("Leads");
        await Expect(leads.MenuItem("Accueil")).ToBeVisibleAsync();
    }
}
