using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>The organizer edits an e-mail with its live preview; the next e-mail sent uses it (issue 8, item 2).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class EmailTemplatesTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-4.2")]
    public async Task TheOrganizersFrenchSignInTextIsPreviewedSavedAndSentToAFrenchPerson()
    {
        var marker = $"Accès {Guid.NewGuid():N}"[..14];
        var eventId = await Portal.QueryAsync(db => Task.FromResult(db.People.Single(p => p.Email == DemoData.AcmeAdminEmail && p.Language == "fr").EventId));
        try
        {
            await SignInAsDemoAsync("organizer");
            var emails = new EmailsPage(Page);
            await emails.OpenAsync();
            var form = await emails.EditAsync(nameof(EmailKind.SignIn), "fr");

            await EmailsPage.Subject(form).FillAsync($"{marker} : {{eventName}}");
            await EmailsPage.Body(form).FillAsync("Bonjour {firstName}, votre lien : ");
            await EmailsPage.Chip(form, "link").ClickAsync();

            await Expect(form.GetByTestId("preview-subject")).ToHaveTextAsync($"{marker} : Salon Expo 2026");
            await Expect(EmailsPage.Body(form)).ToHaveValueAsync("Bonjour {firstName}, votre lien : {link}");
            await Expect(form.GetByTestId("preview-html")).ToHaveAttributeAsync("srcdoc", "<p>Bonjour Ada, votre lien : <a href=\"https://portal.example/sign-in/link?token=…\">https://portal.example/sign-in/link?token=…</a></p>");
            await form.GetByTestId("email-save").ClickAsync();
            await Expect(form.GetByTestId("email-origin")).ToHaveTextAsync("Your text");

            // A French partner administrator asks for a link: the outbox has the organizer's text, with a working link.
            var person = await NewContextAsync();
            var signIn = new SignInPage(await person.NewPageAsync());
            await signIn.OpenAsync();
            await signIn.RequestLinkAsync(DemoData.AcmeAdminEmail);
            await Expect(signIn.LinkSent).ToBeVisibleAsync();
            var outbox = new OutboxPage(Page);
            await outbox.OpenAsync();
            await Expect(outbox.MessagesTo(DemoData.AcmeAdminEmail).First).ToContainTextAsync(marker);
            var link = await outbox.ReadNewestLinkToAsync(DemoData.AcmeAdminEmail);
            Assert.StartsWith(new Uri(Portal.Address, "/sign-in/link?token=").ToString(), link, StringComparison.Ordinal);

            // The screen fits a phone.
            await Page.SetViewportSizeAsync(360, 800);
            await emails.OpenAsync();
            Assert.Null(await emails.SidewaysOverflowAsync());
        }
        finally
        {
            // The demo's sign-in e-mail goes back to its default for the other browser tests.
            var editor = Portal.Services.GetRequiredService<EmailTemplateEditor>();
            var current = (await editor.GetAllAsync(eventId)).Single(t => t.Kind == EmailKind.SignIn && t.Language == "fr");
            if (current.IsCustom)
            {
                await editor.ResetAsync(eventId, current, new Actor(Guid.NewGuid(), "Test"));
            }
        }
    }
}
