using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Emails;

namespace PartnerSpace.Tests.Components;

/// <summary>The e-mail editor (issue 8, item 2): live preview, problems at the fields, placeholder chips, conflicts.</summary>
[Trait("Spec", "S-4.2")]
public sealed class EmailTemplateFormTests : ComponentTestBase
{
    private const string TextArea = "[data-testid=email-body] textarea, textarea[data-testid=email-body]";
    private const string SubjectInput = "[data-testid=email-subject] input, input[data-testid=email-subject]";
    private readonly List<EmailTemplateText> _saved = [];
    private EmailTemplateSaveResult? _answer;

    public EmailTemplateFormTests()
    {
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private static EmailTemplateText Default(EmailKind kind, string language)
    {
        var (subject, body) = EmailTemplateService.DefaultOf(kind, language);
        return new EmailTemplateText(kind, language, subject, body, false, 0);
    }

    private IRenderedComponent<EmailTemplateForm> Form(EmailTemplateText template)
    {
        Render<MudPopoverProvider>();
        return Render<EmailTemplateForm>(p => p
            .Add(x => x.Template, template)
            .Add(x => x.Save, draft =>
            {
                _saved.Add(draft);
                return Task.FromResult(_answer ?? new EmailTemplateSaveResult(MenuSaveStatus.Saved, draft with { IsCustom = true, Version = draft.Version + 1 }, []));
            })
            .Add(x => x.Reset, draft => Task.FromResult(new EmailTemplateSaveResult(MenuSaveStatus.Saved, Default(draft.Kind, draft.Language), []))));
    }

    [Fact]
    public void ThePreviewShowsTheDefaultWithSampleValues()
    {
        var cut = Form(Default(EmailKind.Access, "fr"));

        Assert.Equal("Votre espace partenaire pour Salon Expo 2026 est ouvert", cut.Find("[data-testid=preview-subject]").TextContent.Trim());
        Assert.StartsWith("Bonjour Ada,", cut.Find("[data-testid=preview-text]").TextContent, StringComparison.Ordinal);
        var frame = cut.Find("iframe[data-testid=preview-html]");
        Assert.Equal("", frame.GetAttribute("sandbox"));
        Assert.Contains("<a href=\"https://portal.example/sign-in/link?token=…\">", frame.GetAttribute("srcdoc"), StringComparison.Ordinal);
    }

    [Fact]
    public void ThePreviewFollowsTheTypingAfterAPause()
    {
        var cut = Form(Default(EmailKind.SignIn, "en"));

        cut.Find(SubjectInput).Input("Welcome to {eventName}");
        cut.Find(TextArea).Input("Hi {firstName} <b>bold</b>\n\n{link}");

        cut.WaitForAssertion(() => Assert.Equal("Welcome to Expo Fair 2026", cut.Find("[data-testid=preview-subject]").TextContent.Trim()));
        Assert.Equal("Hi Ada <b>bold</b>\n\nhttps://portal.example/sign-in/link?token=…", cut.Find("[data-testid=preview-text]").TextContent);
        Assert.Contains("<p>Hi Ada &lt;b&gt;bold&lt;/b&gt;</p>", cut.Find("iframe[data-testid=preview-html]").GetAttribute("srcdoc"), StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=unsaved]"));
    }

    [Fact]
    public void ProblemsShowAtTheirFieldsAndNothingIsSaved()
    {
        var cut = Form(Default(EmailKind.SignIn, "en"));

        cut.Find(SubjectInput).Input("");
        cut.Find(TextArea).Input("Hello {firstname}, no link here");
        cut.WaitForAssertion(() => Assert.Contains("Write a subject.", cut.Markup, StringComparison.Ordinal));
        cut.Find("button[data-testid=email-save]").Click();

        Assert.Contains("The text must contain {link}.", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("{firstname} is not a placeholder of this e-mail.", cut.Markup, StringComparison.Ordinal); // one message per field: the first
        Assert.Empty(_saved);
    }

    [Fact]
    public void ProblemsAreInFrenchInTheFrenchScreen()
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("fr");
        var cut = Form(Default(EmailKind.ScanMailing, "fr"));

        cut.Find(TextArea).Input("Bonjour {prenom} {link}");

        cut.WaitForAssertion(() => Assert.Contains("{prenom} n'est pas un champ de cet e-mail.", cut.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void APlaceholderChipInsertsItsTokenAtTheEndWhenTheCaretIsUnknown()
    {
        var cut = Form(Default(EmailKind.TaskReminder, "en"));
        cut.Find(TextArea).Input("Please open ");

        cut.Find("[data-testid=placeholder-chip][data-name=link]").Click();
        cut.Find("button[data-testid=email-save]").Click();

        Assert.Equal("Please open {link}", Assert.Single(_saved).Body);
        var chips = cut.FindAll("[data-testid=placeholder-chip]").Select(c => c.GetAttribute("data-name")).ToList();
        Assert.Equal(["firstName", "eventName", "partnerName", "taskTitle", "due", "link"], chips);
    }

    [Fact]
    public void AStaleSaveSaysSomeoneElseChangedItAndKeepsTheTypedText()
    {
        var loaded = Default(EmailKind.Access, "en");
        _answer = new EmailTemplateSaveResult(MenuSaveStatus.Conflict, loaded with { Subject = "Theirs", IsCustom = true, Version = 3 }, []);
        var cut = Form(loaded);
        cut.Find(SubjectInput).Input("Mine {eventName}");

        cut.Find("button[data-testid=email-save]").Click();

        Assert.Contains("This e-mail was changed by someone else meanwhile", cut.Find("[data-testid=email-conflict]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Mine {eventName}", cut.Find(SubjectInput).GetAttribute("value"));

        // Keep mine: saved again on top of their version.
        _answer = null;
        cut.Find("button[data-testid=keep-mine]").Click();
        cut.Find("button[data-testid=email-save]").Click();
        Assert.Equal(("Mine {eventName}", 3), (_saved[^1].Subject, _saved[^1].Version));
    }
}
