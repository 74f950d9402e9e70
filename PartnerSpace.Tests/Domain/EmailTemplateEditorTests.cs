using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>The organizer's own e-mail texts (issue 8, item 2): compose, override, fallback, validation, conflict, reset.</summary>
[Trait("Spec", "S-4.2")]
public sealed class EmailTemplateEditorTests : IAsyncLifetime
{
    private static readonly Uri BaseUri = new("https://portal.example/");
    private static readonly Actor Nadia = new(Guid.NewGuid(), "Nadia");
    private readonly TestDatabase _db = new();
    private Guid _eventId;

    private EmailTemplateEditor Editor => new(_db.Factory, _db.Time);

    private EmailTemplateService Templates => new(_db.Factory);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task<EmailTemplateText> CurrentAsync(EmailKind kind, string language) =>
        (await Editor.GetAllAsync(_eventId)).Single(t => t.Kind == kind && t.Language == language);

    private static Dictionary<string, string> SamplesOf(EmailKind kind, string language) =>
        EmailTemplateService.PlaceholdersOf(kind).ToDictionary(p => p.Name, p => p.Sample.For(language));

    [Theory]
    [InlineData(EmailKind.SignIn, "fr", "Bonjour Ada")]
    [InlineData(EmailKind.SignIn, "en", "Hello Ada")]
    [InlineData(EmailKind.Access, "fr", "Bonjour Ada")]
    [InlineData(EmailKind.Access, "en", "Hello Ada")]
    [InlineData(EmailKind.TaskReminder, "fr", "Bonjour Ada")]
    [InlineData(EmailKind.TaskReminder, "en", "Hello Ada")]
    [InlineData(EmailKind.ScanMailing, "fr", "Bonjour Ada")]
    [InlineData(EmailKind.ScanMailing, "en", "Hello Ada")]
    public async Task EveryKindHasADefaultPerLanguageThatUsesOnlyItsOwnPlaceholdersAndFillsThemAll(EmailKind kind, string language, string greeting)
    {
        var (subject, body) = EmailTemplateService.DefaultOf(kind, language);
        Assert.Empty(EmailTemplateEditor.Validate(kind, subject, body));

        var email = await Templates.ComposeAsync(_eventId, kind, language, SamplesOf(kind, language));

        Assert.StartsWith(greeting, email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", email.Subject + email.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://portal.example/", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOrganizersTextIsUsedForItsLanguageAndTheOtherLanguageKeepsItsDefault()
    {
        var fr = await CurrentAsync(EmailKind.Access, "fr");
        var saved = await Editor.SaveAsync(_eventId, fr with { Subject = "Bienvenue sur {eventName}", Body = "Coucou {firstName} : {link}" }, Nadia);
        Assert.Equal(MenuSaveStatus.Saved, saved.Status);

        var values = SamplesOf(EmailKind.Access, "fr");
        var french = await Templates.ComposeAsync(_eventId, EmailKind.Access, "fr-FR", values);
        var english = await Templates.ComposeAsync(_eventId, EmailKind.Access, "en", values);
        var otherEvent = await Templates.ComposeAsync(Guid.NewGuid(), EmailKind.Access, "fr", values);

        Assert.Equal(("Bienvenue sur Salon Expo 2026", "Coucou Ada : https://portal.example/sign-in/link?token=…"), (french.Subject, french.Text));
        Assert.StartsWith("Hello Ada", english.Text, StringComparison.Ordinal);
        Assert.StartsWith("Bonjour Ada", otherEvent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignInLinkRequestedByAFrenchPersonUsesTheEventsFrenchText()
    {
        await _db.AddPersonAsync(_eventId, "ada@acme.example");
        var fr = await CurrentAsync(EmailKind.SignIn, "fr");
        await Editor.SaveAsync(_eventId, fr with { Subject = "Connexion à {eventName}", Body = "Salut {firstName}, voici ton lien : {link} ({minutes} min)" }, Nadia);

        await _db.Links.RequestAsync("ada@acme.example", null, BaseUri);

        var mail = await _db.QueryAsync(db => db.Outbox.SingleAsync());
        Assert.StartsWith("Connexion à ", mail.Subject, StringComparison.Ordinal);
        Assert.Matches(@"^Salut Ada, voici ton lien : https://portal\.example/sign-in/link\?token=\S+ \(15 min\)$", mail.TextBody);
        Assert.Contains("<a href=\"https://portal.example/sign-in/link?token=", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATemplateCannotInjectMarkupIntoTheHtmlPart()
    {
        var fr = await CurrentAsync(EmailKind.SignIn, "fr");
        await Editor.SaveAsync(_eventId, fr with { Body = "<script>alert(1)</script> <b>{firstName}</b> {link}" }, Nadia);

        var email = await Templates.ComposeAsync(_eventId, EmailKind.SignIn, "fr", SamplesOf(EmailKind.SignIn, "fr"));

        Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;Ada&lt;/b&gt;", email.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Hi {link}", "subject", EmailTemplateProblemKind.SubjectRequired, null)]
    [InlineData("Two\nlines", "Hi {link}", "subject", EmailTemplateProblemKind.SubjectOneLine, null)]
    [InlineData("Hi {nickname}", "Hi {link}", "subject", EmailTemplateProblemKind.PlaceholderUnknown, "nickname")]
    [InlineData("Hi", "  ", "body", EmailTemplateProblemKind.BodyRequired, null)]
    [InlineData("Hi", "Hello {firstName}, no link", "body", EmailTemplateProblemKind.PlaceholderMissing, "link")]
    [InlineData("Hi", "Hello {firstname} {link}", "body", EmailTemplateProblemKind.PlaceholderUnknown, "firstname")]
    public async Task ABadTemplateIsRefusedAtItsFieldAndNothingIsWritten(string subject, string body, string field, EmailTemplateProblemKind kind, string? placeholder)
    {
        var fr = await CurrentAsync(EmailKind.SignIn, "fr");

        var result = await Editor.SaveAsync(_eventId, fr with { Subject = subject, Body = body }, Nadia);

        Assert.Equal(MenuSaveStatus.Invalid, result.Status);
        Assert.Contains(new EmailTemplateProblem(field, kind, placeholder), result.Problems);
        Assert.True(result.Errors.ContainsKey(field));
        Assert.Equal(0, await _db.QueryAsync(db => db.EmailTemplates.CountAsync()));
        Assert.Equal(0, await _db.QueryAsync(db => db.History.CountAsync()));
    }

    [Fact]
    public void LengthsAreLimited()
    {
        Assert.Contains(EmailTemplateEditor.Validate(EmailKind.SignIn, new string('s', EmailTemplate.SubjectMaxLength + 1), "{link}"), p => p.Kind == EmailTemplateProblemKind.SubjectTooLong);
        Assert.Contains(EmailTemplateEditor.Validate(EmailKind.SignIn, "Hi", "{link}" + new string('b', EmailTemplate.BodyMaxLength)), p => p.Kind == EmailTemplateProblemKind.BodyTooLong);
        Assert.Empty(EmailTemplateEditor.Validate(EmailKind.SignIn, new string('s', EmailTemplate.SubjectMaxLength), "{link}" + new string('b', EmailTemplate.BodyMaxLength - 6)));
    }

    [Fact]
    public async Task AStaleSaveIsRefusedWithTheNewerTextAndWritesNothing()
    {
        var loaded = await CurrentAsync(EmailKind.Access, "fr");
        Assert.Equal(MenuSaveStatus.Saved, (await Editor.SaveAsync(_eventId, loaded with { Subject = "Theirs" }, Nadia)).Status);

        var mine = await Editor.SaveAsync(_eventId, loaded with { Subject = "Mine" }, new Actor(Guid.NewGuid(), "Omar"));

        Assert.Equal(MenuSaveStatus.Conflict, mine.Status);
        Assert.Equal(("Theirs", 1), (mine.Current!.Subject, mine.Current.Version));
        Assert.Equal("Theirs", (await CurrentAsync(EmailKind.Access, "fr")).Subject);

        // Rebased on the newer version, mine goes in.
        Assert.Equal(MenuSaveStatus.Saved, (await Editor.SaveAsync(_eventId, loaded with { Subject = "Mine", Version = mine.Current.Version }, Nadia)).Status);
    }

    [Fact]
    public async Task ResetGoesBackToTheDefaultIsRecordedAndAnEditorLoadedBeforeItIsRefused()
    {
        var loaded = await CurrentAsync(EmailKind.ScanMailing, "en");
        Assert.False(loaded.IsCustom);
        var saved = (await Editor.SaveAsync(_eventId, loaded with { Body = "Scan! {link}" }, Nadia)).Current!;
        Assert.True(saved.IsCustom);

        var reset = await Editor.ResetAsync(_eventId, saved, Nadia);

        Assert.Equal(MenuSaveStatus.Saved, reset.Status);
        Assert.Equal((EmailTemplateService.DefaultOf(EmailKind.ScanMailing, "en").Body, false, 2), (reset.Current!.Body, reset.Current.IsCustom, reset.Current.Version));
        Assert.Equal(MenuSaveStatus.Conflict, (await Editor.SaveAsync(_eventId, saved with { Body = "Stale {link}" }, Nadia)).Status);
        var history = await _db.QueryAsync(db => db.History.Where(h => h.Area == EmailTemplateEditor.HistoryArea).ToListAsync());
        Assert.Equal(2, history.Count);
        Assert.Contains(history, h => h.Summary.Contains("reset", StringComparison.Ordinal) && h.Before.Contains("Scan! {link}", StringComparison.Ordinal) && h.ActorName == "Nadia");
    }
}
