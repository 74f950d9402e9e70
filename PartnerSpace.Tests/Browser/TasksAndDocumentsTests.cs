using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Documents;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>Tasks and documents between the organizer and a partner, both screens open, live (S-2.5, S-2.6, S-5).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class TasksAndDocumentsTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.5")]
    [Trait("Spec", "S-5")]
    public async Task ATaskForACategoryReachesThePartnerLiveAndItsAnswerReachesTheBoardLive()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var title = $"Bring your roll-up banner {Guid.NewGuid():N}"[..32];
        var partnerContext = await NewContextAsync();
        await SignInAsDemoAsync("partner-admin", partnerContext);
        var partner = new PartnerTasksPage(await partnerContext.NewPageAsync());
        await partner.OpenAsync(acme);
        await SignInAsDemoAsync("organizer");
        var organizer = new OrganizerTasksPage(Page);
        await organizer.OpenAsync();

        // The organizer assigns a text task to the Gold partners (Acme is Gold): Acme's open tab shows it.
        await organizer.CreateForCategoryAsync(title, "Gold", "Text");
        await Expect(partner.Card(title)).ToBeVisibleAsync();
        await Expect(partner.Card(title).GetByTestId("task-state")).ToHaveAttributeAsync("data-state", "Active");

        // The organizer watches the task's board; the partner answers: the board shows it done.
        await organizer.TrackAsync(title);
        await Expect(organizer.BoardRow("Acme").GetByTestId("task-state")).ToHaveAttributeAsync("data-state", "Active");
        await Expect(organizer.BoardRow("Boulangeries Martin")).ToHaveCountAsync(0);
        await partner.Card(title).GetByLabel("Your answer").FillAsync("Two banners, 85 × 200 cm.");
        await partner.Card(title).GetByTestId("task-submit").ClickAsync();
        await Expect(partner.Card(title)).ToHaveCountAsync(0);
        await Expect(organizer.BoardRow("Acme").GetByTestId("task-state")).ToHaveAttributeAsync("data-state", "Completed");
        await Expect(organizer.BoardRow("Acme").GetByTestId("board-answer")).ToHaveTextAsync("Two banners, 85 × 200 cm.");
        await partner.Tab("Completed").ClickAsync();
        await Expect(partner.Card(title).GetByTestId("task-given-answer")).ToHaveTextAsync("Two banners, 85 × 200 cm.");

        // A reminder to a Gold partner that has not answered goes to the outbox.
        await organizer.BoardRow("Nordlys Énergie").GetByTestId("remind").ClickAsync();
        await Expect(Page.GetByText("Reminder sent to 1 partner(s): 1 e-mail(s) in the outbox.")).ToBeVisibleAsync();
        await Expect(organizer.BoardRow("Nordlys Énergie").GetByTestId("board-reminded")).ToContainTextAsync("(1×)");
        var outbox = new OutboxPage(Page);
        await outbox.OpenAsync();
        await Expect(outbox.MessagesTo("ingrid.halvorsen@nordlys.example").First).ToContainTextAsync(title);
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.6")]
    [Trait("Spec", "S-5")]
    public async Task AnUploadedDocumentReachesThePartnerLiveAndItsReadingReachesTheBoardLive()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var title = $"Stand set-up guide {Guid.NewGuid():N}"[..26];
        var partnerContext = await NewContextAsync();
        await SignInAsDemoAsync("partner-admin", partnerContext);
        var partner = new PartnerDocumentsPage(await partnerContext.NewPageAsync());
        await partner.OpenAsync(acme);
        await SignInAsDemoAsync("organizer");
        var organizer = new OrganizerDocumentsPage(Page);
        await organizer.OpenAsync();

        await organizer.ShareAsync(title, "set-up.pdf", MinimalPdf.Create("Stand set-up", "Hall A opens at 7:00"));
        await Expect(partner.Card(title)).ToBeVisibleAsync();

        await organizer.TrackAsync(title);
        await Expect(organizer.BoardRow("Acme").GetByTestId("read-state")).ToHaveAttributeAsync("data-state", "unread");

        // Viewing opens the PDF in a new tab; the document moves to Read on both screens.
        var viewed = await partner.Page.Context.RunAndWaitForPageAsync(() => partner.Card(title).GetByTestId("document-view").ClickAsync());
        Assert.Contains("/files/", viewed.Url, StringComparison.Ordinal);
        await Expect(partner.Card(title)).ToHaveCountAsync(0);
        await partner.Tab("Read").ClickAsync();
        await Expect(partner.Card(title).GetByTestId("document-read-by")).ToContainTextAsync("Claire Dubois");
        await Expect(organizer.BoardRow("Acme").GetByTestId("read-state")).ToHaveAttributeAsync("data-state", "read");
        await Expect(organizer.BoardRow("Acme").GetByTestId("read-by")).ToContainTextAsync("Claire Dubois");
    }
}
