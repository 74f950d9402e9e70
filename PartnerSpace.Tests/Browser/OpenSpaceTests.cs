using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>The organizer opens partner spaces and follows the access e-mails (S-4.1, S-4.2).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class OpenSpaceTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-4.1")]
    [Trait("Spec", "S-4.2")]
    public async Task OrganizerOpensACategorySeesTheRefusalAndTheAdministratorSignsInWithTheLink()
    {
        const string admin = "lina.haddad@pixel.example";
        var pixel = await Portal.PartnerIdAsync(DemoData.ClosedPartnerName);
        await SignInAsDemoAsync("organizer");
        var partners = new OrganizerPartnersPage(Page);
        await partners.OpenAsync();
        await Expect(partners.SpaceCell(DemoData.ClosedPartnerName)).ToHaveAttributeAsync("data-open", "false");

        // The Startup category: Pixel & Fils opens, Terre & Mer Foods has no administrator (S-4.1).
        var dialog = await partners.OpenSpacesOfCategoryAsync("Startup");
        await Expect(dialog.GetByTestId("open-refusal")).ToContainTextAsync($"{DemoData.NoAdministratorName} — no administrator");
        await Expect(dialog.GetByTestId("open-emails")).ToContainTextAsync("1 administrators");
        await Page.GetByTestId("open-confirm").ClickAsync(); // the actions sit beside the dialog's content
        await Expect(partners.SpaceCell(DemoData.ClosedPartnerName)).ToHaveAttributeAsync("data-open", "true");
        await Expect(partners.SpaceCell(DemoData.NoAdministratorName)).ToHaveAttributeAsync("data-open", "false");

        // The access view: the administrator's e-mail is in the outbox, its link not used yet.
        await partners.Row(DemoData.ClosedPartnerName).GetByTestId("partner-access").ClickAsync();
        var row = Page.Locator("tr", new() { Has = Page.Locator($"[data-testid=access-member][data-email=\"{admin}\"]") });
        await Expect(row.GetByTestId("access-email")).ToHaveAttributeAsync("data-state", "Queued");
        await Expect(row.GetByTestId("access-link-used")).ToHaveCountAsync(0);

        // The link from the outbox signs the administrator in, once, into the space.
        var outbox = new OutboxPage(await (await NewContextAsync()).NewPageAsync());
        await SignInAsDemoAsync("organizer", outbox.Page.Context);
        await outbox.OpenAsync();
        var link = await outbox.ReadNewestLinkToAsync(admin);
        var person = await (await NewContextAsync()).NewPageAsync();
        var confirmation = new SignInLinkPage(person);
        await confirmation.OpenAsync(link);
        await confirmation.ConfirmAsync();
        await Expect(person).ToHaveURLAsync(PathIs($"/partner/{pixel}"));

        // The organizer's access view follows live.
        await Expect(row.GetByTestId("access-link-used")).ToBeVisibleAsync();
        await confirmation.OpenAsync(link);
        await Expect(confirmation.Unusable).ToBeVisibleAsync();
    }
}
