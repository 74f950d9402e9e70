using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Leads.Qualification;
using PartnerSpace.Web.Features.Leads.Settings;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Tests.Components;

/// <summary>The qualification dialog, the questions panel and the device keys panel on a real database (S-2.12).</summary>
[Trait("Spec", "S-2.12")]
public sealed class LeadQualificationComponentsTests : ComponentTestBase
{
    private readonly TestDatabase _db = new();
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private Guid _eventId;
    private Guid _partnerId;

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    private LeadQualificationService Qualification => new(_db.Factory, _db.Live, _db.Time);

    private LeadQuestionService Questions => new(_db.Factory, _db.Live, _db.Time);

    private async Task ArrangeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _partnerId = (await _db.AddPartnerAsync(_eventId)).Id;
        await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.Administrator, "ada@acme.example");
        Services.AddSingleton<ILiveEvents>(_db.Live);
        Services.AddSingleton(new CircuitEvents());
        Services.AddSingleton(Qualification);
        Services.AddSingleton(Questions);
        Services.AddSingleton(new PartnerService(_db.Factory));
        Services.AddSingleton(_db.DeviceKeys);
        _popovers = Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
    }

    private async Task<Guid> AddLeadAsync(bool consent)
    {
        var person = await _db.AddPersonAsync(_eventId, "grace@navy.example", "Grace", "Hopper");
        await using var db = await _db.Factory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var lead = await LeadBook.CaptureAsync(db, _partnerId, person.Id, LeadSources.Scan | LeadSources.Meeting, _db.Time.GetUtcNow());
        if (consent)
        {
            lead.GiveConsent(LeadConsent.ScannedBadge, _db.Time.GetUtcNow());
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return lead.Id;
    }

    private async Task<IDialogReference> OpenDialogAsync(Guid leadId)
    {
        var service = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<LeadQualificationDialog> { { x => x.PartnerId, _partnerId }, { x => x.LeadId, leadId } };
        var reference = await _dialogs.InvokeAsync(() => service.ShowAsync<LeadQualificationDialog>(null, parameters));
        _dialogs.WaitForElement("[data-testid=lead-qualification-form]");
        return reference;
    }

    [Fact]
    public async Task DialogShowsThePersonTheFieldsAndOneInputPerQuestion()
    {
        await ArrangeAsync();
        var leadId = await AddLeadAsync(consent: true);
        await Questions.AddAsync(_partnerId, new LeadQuestionDraft("Budget?", LeadQuestionKind.Choice, ["Small", "Large"]));
        await Questions.AddAsync(_partnerId, new LeadQuestionDraft("Demo?", LeadQuestionKind.YesNo, []));
        await Questions.AddAsync(_partnerId, new LeadQuestionDraft("Comment", LeadQuestionKind.Text, []));

        await OpenDialogAsync(leadId);

        Assert.Equal("Grace Hopper", _dialogs.Find("[data-testid=lead-person-name]").TextContent.Trim());
        Assert.Equal("grace@navy.example", _dialogs.Find("[data-testid=lead-person-email]").TextContent.Trim());
        Assert.StartsWith("Badge scanned", _dialogs.Find("[data-testid=lead-consent]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(["Scan", "Meeting"], _dialogs.FindAll("[data-testid=lead-source]").Select(c => c.TextContent.Trim()));
        Assert.NotEmpty(_dialogs.FindAll("[data-testid=lead-rating-hot]"));
        Assert.NotEmpty(_dialogs.FindAll("[data-testid=lead-followup]"));
        Assert.NotEmpty(_dialogs.FindAll("textarea[data-testid=lead-notes]"));
        Assert.NotEmpty(_dialogs.FindAll("[data-testid=lead-owner]"));
        Assert.Equal(3, _dialogs.FindAll("[data-testid=lead-answer]").Count);
        Assert.NotEmpty(_dialogs.FindAll("[data-testid=lead-answer-yes]"));
    }

    [Fact]
    public async Task EmailIsHiddenWithoutConsent()
    {
        await ArrangeAsync();
        var leadId = await AddLeadAsync(consent: false);

        await OpenDialogAsync(leadId);

        Assert.Empty(_dialogs.FindAll("[data-testid=lead-person-email]"));
        Assert.DoesNotContain("grace@navy.example", _dialogs.Markup, StringComparison.Ordinal);
        Assert.Equal("No consent: contact details hidden", _dialogs.Find("[data-testid=lead-consent]").TextContent.Trim());
    }

    [Fact]
    public async Task SavingQualifiesTheLeadWithTypedNotesTagsAndRating()
    {
        await ArrangeAsync();
        var leadId = await AddLeadAsync(consent: true);
        var reference = await OpenDialogAsync(leadId);

        _dialogs.Find("[data-testid=lead-rating-warm]").Click();
        _dialogs.Find("textarea[data-testid=lead-notes]").Input("Wants pricing");
        _dialogs.Find("input[data-testid=lead-tag-input]").Input("Paris");
        _dialogs.Find("[data-testid=lead-tag-add]").Click();
        _dialogs.WaitForAssertion(() => Assert.Equal(["Paris"], _dialogs.FindAll("[data-testid=lead-tag]").Select(t => t.TextContent.Trim())));
        _dialogs.Find("[data-testid=lead-qualification-save]").Click();

        var result = await reference.Result;
        var card = Assert.IsType<LeadCard>(result!.Data);
        Assert.Equal(LeadRating.Warm, card.Qualification.Rating);
        Assert.Equal("Wants pricing", card.Qualification.Notes);
        Assert.Equal(["Paris"], card.Qualification.Tags);
    }

    [Fact]
    public async Task ErrorsShowAtTheirFieldsAndWhatWasTypedStays()
    {
        await ArrangeAsync();
        var leadId = await AddLeadAsync(consent: true);
        await OpenDialogAsync(leadId);
        var tooLong = new string('n', Lead.NotesMaxLength + 1);

        // The textarea's maxlength stops typing; a paste or another client is what the server refuses.
        _dialogs.Find("textarea[data-testid=lead-notes]").Input(tooLong);
        _dialogs.Find("[data-testid=lead-qualification-save]").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal("true", _dialogs.Find("textarea[data-testid=lead-notes]").GetAttribute("aria-invalid")));
        Assert.Contains("Notes may have at most 4,000 characters.", _dialogs.Markup, StringComparison.Ordinal);
        Assert.Equal("Some fields need fixing: see below.", _dialogs.Find("[data-testid=lead-qualification-error]").TextContent.Trim());
        Assert.Equal(tooLong, _dialogs.Find("textarea[data-testid=lead-notes]").TextContent);
        Assert.Null(await _db.QueryAsync(db => db.Leads.Where(l => l.Id == leadId).Select(l => l.Notes).SingleAsync()));
    }

    [Fact]
    public async Task AConcurrentChangeShowsReloadAndKeepsWhatWasTyped()
    {
        await ArrangeAsync();
        var leadId = await AddLeadAsync(consent: true);
        await OpenDialogAsync(leadId);
        await Qualification.QualifyAsync(_partnerId, leadId, LeadQualification.Empty with { Notes = "From the scanner", Version = 0 }, "sam");

        _dialogs.Find("textarea[data-testid=lead-notes]").Input("From the list");
        _dialogs.Find("[data-testid=lead-qualification-save]").Click();

        _dialogs.WaitForElement("[data-testid=lead-qualification-conflict]");
        Assert.Equal("From the list", _dialogs.Find("textarea[data-testid=lead-notes]").TextContent);
        _dialogs.Find("[data-testid=lead-qualification-reload]").Click();
        _dialogs.WaitForAssertion(() => Assert.Equal("From the scanner", _dialogs.Find("textarea[data-testid=lead-notes]").TextContent));
        Assert.Empty(_dialogs.FindAll("[data-testid=lead-qualification-conflict]"));
    }

    [Fact]
    public async Task QuestionsPanelListsAddsAndDeletesWithConfirmation()
    {
        await ArrangeAsync();
        await Questions.AddAsync(_partnerId, new LeadQuestionDraft("Budget?", LeadQuestionKind.Choice, ["Small", "Large"]));
        var cut = Render<LeadQuestionsPanel>(p => p.Add(x => x.PartnerId, _partnerId));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=lead-question-row]")));
        Assert.Equal("Choice: Small · Large", cut.Find("[data-testid=lead-question-kind-text]").TextContent.Trim());

        cut.Find("[data-testid=lead-question-add]").Click();
        _dialogs.WaitForElement("input[data-testid=lead-question-label]");
        _dialogs.Find("[data-testid=lead-question-save]").Click();
        _dialogs.WaitForAssertion(() => Assert.Equal("true", _dialogs.Find("input[data-testid=lead-question-label]").GetAttribute("aria-invalid")));
        _dialogs.Find("input[data-testid=lead-question-label]").Input("Timeline?");
        _dialogs.Find("[data-testid=lead-question-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal(["Budget?", "Timeline?"], cut.FindAll("[data-testid=lead-question-text]").Select(t => t.TextContent.Trim())));

        cut.FindAll("[data-testid=lead-question-delete]")[0].Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("the answers your team gave to it will be dropped from every lead", _dialogs.Markup, StringComparison.Ordinal));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();
        cut.WaitForAssertion(() => Assert.Equal(["Timeline?"], cut.FindAll("[data-testid=lead-question-text]").Select(t => t.TextContent.Trim())));
    }

    [Fact]
    public async Task QuestionsPanelShowsAnEmptyState()
    {
        await ArrangeAsync();

        var cut = Render<LeadQuestionsPanel>(p => p.Add(x => x.PartnerId, _partnerId));

        cut.WaitForAssertion(() => Assert.Equal("No questions yet", cut.Find("[data-testid=empty-title]").TextContent));
    }

    [Fact]
    public async Task ANewDeviceKeyIsShownOnceThenOnlyItsHint()
    {
        await ArrangeAsync();
        var cut = Render<DeviceKeysPanel>(p => p.Add(x => x.PartnerId, _partnerId));
        cut.WaitForAssertion(() => Assert.Equal("No device keys yet", cut.Find("[data-testid=empty-title]").TextContent));

        cut.Find("[data-testid=device-key-new]").Click();
        _dialogs.WaitForElement("input[data-testid=device-key-name]");
        _dialogs.Find("[data-testid=device-key-create]").Click();
        _dialogs.WaitForAssertion(() => Assert.Equal("true", _dialogs.Find("input[data-testid=device-key-name]").GetAttribute("aria-invalid")));
        _dialogs.Find("input[data-testid=device-key-name]").Input("Stand phone");
        _dialogs.Find("[data-testid=device-key-create]").Click();

        var token = _dialogs.WaitForElement("input[data-testid=device-key-token]").GetAttribute("value")!;
        Assert.StartsWith(DeviceKey.TokenPrefix, token, StringComparison.Ordinal);
        Assert.EndsWith($"/scan#key={Uri.EscapeDataString(token)}", _dialogs.Find("[data-testid=device-key-link]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotEmpty(_dialogs.FindAll("[data-testid=device-key-qr] path"));
        Assert.Contains("it will not be shown again", _dialogs.Find("[data-testid=device-key-once]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Key created", _dialogs.Find(".mud-dialog-title").TextContent, StringComparison.Ordinal);
        _dialogs.Find("[data-testid=device-key-done]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Stand phone", cut.Find("[data-testid=device-key-name-cell]").TextContent.Trim()));
        Assert.Equal("…" + token[^4..], cut.Find("[data-testid=device-key-hint]").TextContent.Trim());
        Assert.Equal("Never", cut.Find("[data-testid=device-key-last-used]").TextContent.Trim());
        Assert.DoesNotContain(token, cut.Markup + _dialogs.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokingAKeyAsksFirstAndStopsIt()
    {
        await ArrangeAsync();
        var issued = (await _db.DeviceKeys.IssueAsync(_partnerId, "Tablet")).Value!;
        var cut = Render<DeviceKeysPanel>(p => p.Add(x => x.PartnerId, _partnerId));
        cut.WaitForElement("[data-testid=device-key-revoke]").Click();

        _dialogs.WaitForAssertion(() => Assert.Contains("will stop sending scans at once", _dialogs.Markup, StringComparison.Ordinal));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Revoked", cut.Find("[data-testid=device-key-status]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=device-key-revoke]"));
        Assert.Null(await _db.DeviceKeys.AuthenticateAsync(issued.Token));
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task KeysUsedOrRevokedElsewhereShowLive()
    {
        await ArrangeAsync();
        var issued = (await _db.DeviceKeys.IssueAsync(_partnerId, "Tablet")).Value!;
        var cut = Render<DeviceKeysPanel>(p => p.Add(x => x.PartnerId, _partnerId));
        cut.WaitForAssertion(() => Assert.Equal("Never", cut.Find("[data-testid=device-key-last-used]").TextContent.Trim()));

        Assert.NotNull(await _db.DeviceKeys.AuthenticateAsync(issued.Token));
        cut.WaitForAssertion(() => Assert.NotEqual("Never", cut.Find("[data-testid=device-key-last-used]").TextContent.Trim()));

        await _db.DeviceKeys.RevokeAsync(_partnerId, issued.Key.Id);
        cut.WaitForAssertion(() => Assert.StartsWith("Revoked", cut.Find("[data-testid=device-key-status]").TextContent.Trim(), StringComparison.Ordinal));
    }
}
