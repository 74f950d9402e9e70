using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>The organizer's partner list: create, validate, filter, delete with confirmation (S-1.1).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class PartnersTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.1")]
    public async Task OrganizerCreatesAPartnerAfterFixingAMissingNameThenDeletesIt()
    {
        await SignInAsDemoAsync("organizer");
        await Page.GotoAsync("/organizer");
        await Expect(Page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-interactive", "true");
        var names = Page.GetByTestId("partner-name");
        var before = await names.CountAsync();

        await Page.GetByTestId("new-partner").ClickAsync();
        var dialog = Page.GetByRole(Microsoft.Playwright.AriaRole.Dialog);
        await dialog.GetByTestId("partner-save").ClickAsync();
        await Expect(dialog.GetByText("A partner needs a name.")).ToBeVisibleAsync();
        await dialog.GetByLabel("Name").FillAsync("Initech");
        await dialog.GetByTestId("partner-save").ClickAsync();

        await Expect(names).ToHaveCountAsync(before + 1);
        var row = Page.Locator("tr", new() { Has = Page.GetByTestId("partner-name").GetByText("Initech", new() { Exact = true }) });
        await row.GetByTestId("delete-partner").ClickAsync();
        await Expect(Page.GetByRole(Microsoft.Playwright.AriaRole.Dialog)).ToContainTextAsync("This cannot be undone.");
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Dialog).GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await Expect(names).ToHaveCountAsync(before);
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.1")]
    public async Task CategoryChipFiltersThePartnerList()
    {
        await SignInAsDemoAsync("organizer");
        await Page.GotoAsync("/organizer");
        await Expect(Page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-interactive", "true");

        var categories = Page.Locator("td[data-label=Category]");
        var gold = (await categories.AllInnerTextsAsync()).Count(c => c.Trim() == "Gold");
        Assert.True(gold > 0 && gold < await categories.CountAsync());

        await Page.GetByTestId("category-filter").GetByText("Gold", new() { Exact = true }).ClickAsync();

        await Expect(categories).ToHaveCountAsync(gold);
        Assert.All(await categories.AllInnerTextsAsync(), c => Assert.Equal("Gold", c.Trim()));
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.1")]
    [Trait("Spec", "S-4.4")]
    public async Task TheListTellsWhoOpenedTheirSpaceAndTheOrganizerJoinsATeam()
    {
        // A partner administrator opens their space...
        var partnerContext = await NewContextAsync();
        await SignInAsDemoAsync("partner-admin", partnerContext);
        await new PartnerHomePage(await partnerContext.NewPageAsync()).OpenAsync(await Portal.PartnerIdAsync(DemoData.AcmeName));

        // ...and the organizer's list says so, with the profile's completion.
        await SignInAsDemoAsync("organizer");
        var list = new OrganizerPartnersPage(Page);
        await list.OpenAsync();
        await Expect(list.Row(DemoData.AcmeName).GetByTestId("partner-opened")).Not.ToContainTextAsync("Not yet");
        await Expect(list.Row(DemoData.AcmeName).GetByTestId("partner-completion")).ToContainTextAsync("%");
        await Expect(list.Row("Orbital Data").GetByTestId("partner-opened")).ToContainTextAsync("Not yet");

        await list.Row("Orbital Data").GetByTestId("join-partner").ClickAsync();
        await Expect(Page.GetByText("You are now an administrator of Orbital Data", new() { Exact = false })).ToBeVisibleAsync();
        await list.Row("Orbital Data").GetByTestId("partner-team").ClickAsync();
        await Expect(Page.GetByTestId("team-table")).ToContainTextAsync(DemoData.OrganizerEmail);
    }
}
