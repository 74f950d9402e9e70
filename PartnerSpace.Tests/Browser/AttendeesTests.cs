using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>The organizer sees the event's attendees and imports them from a file (S-1.1, S-3.1).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class AttendeesTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    private const string Header = "email,first_name,last_name,company,badge_code,ticket\n";

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.1")]
    [Trait("Spec", "S-3.1")]
    public async Task AttendeesAreImportedFromACsvFileOnlyWhenEveryRowIsRight()
    {
        await SignInAsDemoAsync("organizer");
        var attendees = new OrganizerAttendeesPage(Page);
        await attendees.OpenAsync();
        await Expect(attendees.Count).ToHaveTextAsync("321 attendees");
        await attendees.ImportToggle.ClickAsync();

        await attendees.ChooseCsvAsync("attendees.csv", Header
            + "nora.import@example.org,Nora,Import,Globex,IMP-1,VIP\n"
            + "broken,Max,Imported,,IMP-2,\n");
        await Expect(attendees.RowStatuses.Nth(0)).ToHaveTextAsync("New");
        await Expect(attendees.RowStatuses.Nth(1)).ToContainTextAsync("invalid e-mail address");
        await Expect(attendees.Confirm).ToBeDisabledAsync();

        await attendees.ChooseCsvAsync("attendees.csv", Header
            + "nora.import@example.org,Nora,Import,Globex,IMP-1,VIP\n"
            + "max.imported@example.org,Max,Imported,,IMP-2,\n"
            + "lea.moreau@attendee.example,Léa,Moreau,,DEMO-0001,Visitor\n");
        await Expect(attendees.RowStatuses.Nth(2)).ToHaveTextAsync("Already registered: skipped");
        await attendees.Confirm.ClickAsync();

        await Expect(attendees.Result).ToContainTextAsync("2 new attendees");
        await Expect(attendees.Count).ToHaveTextAsync("323 attendees");
        await attendees.SearchAsync("IMP-");
        await Expect(attendees.Names).ToHaveTextAsync(["Nora Import", "Max Imported"]);
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.1")]
    public async Task TheTemplateNamesTheExpectedColumns()
    {
        await SignInAsDemoAsync("organizer");
        var attendees = new OrganizerAttendeesPage(Page);
        await attendees.OpenAsync();
        await attendees.ImportToggle.ClickAsync();

        var download = await Page.RunAndWaitForDownloadAsync(() => attendees.Template.ClickAsync());

        Assert.Equal("attendees.csv", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Equal("email,first_name,last_name,company,badge_code,ticket,language", text.Trim());
    }
}
