using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>The organizer manages a partner's team (S-2.3, S-3.1, S-4.1).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class TeamTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.3")]
    [Trait("Spec", "S-3.1")]
    [Trait("Spec", "S-4.1")]
    public async Task OrganizerAddsASalesContactAndCannotRemoveTheLastAdministrator()
    {
        var partner = await Portal.PartnerIdAsync("Orbital Data");
        await SignInAsDemoAsync("organizer");
        await Page.GotoAsync($"/organizer/partners/{partner}/team");
        await Expect(Page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(Page.GetByTestId("member-name")).ToHaveCountAsync(2);

        await Page.GetByTestId("member-role").ClickAsync();
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Option, new() { Name = "Sales contact" }).ClickAsync();
        await Expect(Page.GetByTestId("sales-contact-note")).ToContainTextAsync("does not register them");
        await Page.Locator("input[data-testid=member-email], [data-testid=member-email] input").First.FillAsync("nina.seller@orbital.example");
        await Page.Locator("input[data-testid=member-first], [data-testid=member-first] input").First.FillAsync("Nina");
        await Page.Locator("input[data-testid=member-last], [data-testid=member-last] input").First.FillAsync("Seller");
        await Page.GetByTestId("member-add").ClickAsync();

        var nina = Page.Locator("tr", new() { HasText = "Nina Seller" });
        await Expect(nina).ToContainTextAsync("Not registered");

        var admin = Page.Locator("tr", new() { HasText = "James Whitaker" });
        await admin.GetByTestId("member-remove").ClickAsync();
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Dialog).GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Remove" }).ClickAsync();

        await Expect(Page.GetByText("A partner keeps at least one administrator")).ToBeVisibleAsync();
        await Expect(admin).ToBeVisibleAsync();
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.3")]
    public async Task TeamIsImportedFromACsvFileOnlyWhenEveryRowIsRight()
    {
        var partner = await Portal.PartnerIdAsync("Pixel & Fils");
        await SignInAsDemoAsync("organizer");
        await Page.GotoAsync($"/organizer/partners/{partner}/team");
        await Expect(Page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-interactive", "true");
        // MudFileUpload keeps a spare input beside the active one; the active one is the last.
        var input = Page.Locator("[data-testid=team-import] input[type=file]").Last;

        await input.SetBlazorInputFilesAsync(new Microsoft.Playwright.FilePayload
        {
            Name = "team.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("email,first_name,last_name,role\nzoe@pixel.example,Zoé,Martin,sales contact\nbroken,Max,,boss\n"),
        });
        await Expect(Page.GetByTestId("import-row-status").Nth(1)).ToContainTextAsync("invalid e-mail address");
        await Expect(Page.GetByTestId("import-confirm")).ToBeDisabledAsync();

        await input.SetBlazorInputFilesAsync(new Microsoft.Playwright.FilePayload
        {
            Name = "team.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("email,first_name,last_name,role\nzoe@pixel.example,Zoé,Martin,sales contact\nmax@pixel.example,Max,Durand,attendee\n"),
        });
        await Page.GetByTestId("import-confirm").ClickAsync();

        await Expect(Page.GetByTestId("member-name").GetByText("Zoé Martin")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("member-name").GetByText("Max Durand")).ToBeVisibleAsync();
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.3")]
    public async Task AMembersNameIsCorrectedInPlaceAndAnEmptyNameIsRefusedWithoutLosingTheOther()
    {
        var partner = await Portal.PartnerIdAsync("Helix Biotech");
        await SignInAsDemoAsync("organizer");
        await Page.GotoAsync($"/organizer/partners/{partner}/team");
        await Expect(Page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-interactive", "true");
        var row = Page.GetByTestId("team-table").Locator("tbody tr").First;
        await row.GetByTestId("member-edit-open").ClickAsync();
        var first = Page.Locator("[data-testid=member-edit-first] input, input[data-testid=member-edit-first]").First;
        var last = Page.Locator("[data-testid=member-edit-last] input, input[data-testid=member-edit-last]").First;

        await first.FillAsync("Marie-Ange");
        await last.FillAsync("");
        await Page.GetByTestId("member-edit-save").ClickAsync();
        await Expect(Page.GetByText("A last name is 1 to 80 characters.")).ToBeVisibleAsync();
        await Expect(first).ToHaveValueAsync("Marie-Ange");

        await last.FillAsync("Fontaine");
        await Page.GetByTestId("member-edit-save").ClickAsync();
        await Expect(Page.GetByTestId("member-name").GetByText("Marie-Ange Fontaine")).ToBeVisibleAsync();
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.3")]
    [Trait("Spec", "S-3.1")]
    [Trait("Spec", "S-4.1")]
    public async Task APartnerAdministratorManagesTheTeamFromTheTeamTab()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        await SignInAsDemoAsync("partner-admin");
        await Page.GotoAsync($"/partner/{acme}/team");
        await Expect(Page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(Page.GetByTestId("team-table")).ToContainTextAsync("Claire Dubois");

        await Page.GetByTestId("member-role").ClickAsync();
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Option, new() { Name = "Sales contact" }).ClickAsync();
        await Expect(Page.GetByTestId("sales-contact-note")).ToContainTextAsync("does not register them");
        await Page.Locator("input[data-testid=member-email], [data-testid=member-email] input").First.FillAsync("tom.seller@acme.example");
        await Page.Locator("input[data-testid=member-first], [data-testid=member-first] input").First.FillAsync("Tom");
        await Page.Locator("input[data-testid=member-last], [data-testid=member-last] input").First.FillAsync("Seller");
        await Page.GetByTestId("member-add").ClickAsync();

        await Expect(Page.Locator("tr", new() { HasText = "Tom Seller" })).ToContainTextAsync("Not registered");
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-4")]
    [Trait("Spec", "S-2.3")]
    public async Task ARoleChangeIsFoundInTheSecurityLogWithItsOriginAndDownloadedAsExcel()
    {
        var partner = await Portal.PartnerIdAsync("Quantum Logistics");
        await SignInAsDemoAsync("organizer");
        await Page.GotoAsync($"/organizer/partners/{partner}/team");
        await Expect(Page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-interactive", "true");
        await Page.Locator("tr", new() { HasText = "Lucas Chevalier" }).GetByTestId("member-row-role").ClickAsync();
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Option, new() { Name = "Administrator" }).ClickAsync();

        await Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Security log" }).ClickAsync();
        await Expect(Page.GetByTestId("security-log")).ToHaveAttributeAsync("data-interactive", "true");
        await Page.Locator("input[data-testid=security-search]").FillAsync("lucas.chevalier");

        // The search is debounced: wait for it to reach the table and the download link.
        await Expect(Page.GetByTestId("security-download-xlsx")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("search=lucas.chevalier"));
        // Quantum's space is open, so the promotion also sent Lucas the access e-mail (S-4.3).
        var rows = Page.GetByTestId("security-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = "Access e-mail sent" })).ToHaveCountAsync(1);
        var row = rows.Filter(new() { HasText = "Role changed" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("security-action")).ToHaveTextAsync("Role changed");
        await Expect(row.GetByTestId("security-target")).ToContainTextAsync("lucas.chevalier@quantum.example");
        await Expect(row.GetByTestId("security-details")).ToHaveTextAsync("Sales contact → Administrator");
        await Expect(row.GetByTestId("security-who")).ToContainTextAsync("Nadia Organizer");
        // The change was made inside the Blazor circuit: its origin is the circuit's first request's.
        await Expect(row.GetByTestId("security-origin")).ToContainTextAsync("127.0.0.1");

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("security-download-xlsx").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        try
        {
            var lines = MiniExcelLibs.MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(2, lines.Count);
            var line = Assert.Single(lines, l => Equals(l["Action"], "Role changed"));
            Assert.Equal("Role changed", line["Action"]);
            Assert.Equal("lucas.chevalier@quantum.example", line["Target"]);
            Assert.Equal("127.0.0.1", line["IP address"]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
