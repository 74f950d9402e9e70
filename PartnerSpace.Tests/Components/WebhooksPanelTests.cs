using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Leads.Settings;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Tests.Components;

/// <summary>The CRM webhooks panel on a real database, posting to a real local receiver (S-2.12).</summary>
[Trait("Spec", "S-2.12")]
public sealed class WebhooksPanelTests : ComponentTestBase
{
    private readonly TestDatabase _db = new();
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private IRenderedComponent<MudSnackbarProvider> _snackbar = null!;
    private Guid _eventId;
    private Guid _partnerId;

    public WebhooksPanelTests()
        : this("en")
    {
    }

    private WebhooksPanelTests(string culture)
        : base(culture)
    {
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    private async Task ArrangeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _partnerId = (await _db.AddPartnerAsync(_eventId)).Id;
        Services.AddSingleton<ILiveEvents>(_db.Live);
        Services.AddSingleton(new CircuitEvents());
        Services.AddSingleton(_db.Webhooks);
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        _snackbar = Render<MudSnackbarProvider>();
    }

    private async Task AddLeadsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var person = await _db.AddPersonAsync(_eventId, $"lead{Guid.NewGuid():N}@example.com");
            await using var db = await _db.Factory.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await LeadBook.CaptureAsync(db, _partnerId, person.Id, LeadSources.Scan, _db.Time.GetUtcNow());
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
    }

    private IRenderedComponent<WebhooksPanel> RenderPanel() => Render<WebhooksPanel>(p => p.Add(x => x.PartnerId, _partnerId));

    [Fact]
    public async Task AddingChecksTheFieldsKeepsWhatWasTypedThenShowsTheSecretOnceWithHowToVerify()
    {
        await ArrangeAsync();
        await AddLeadsAsync(2);
        var cut = RenderPanel();
        cut.WaitForAssertion(() => Assert.Equal("No webhooks yet", cut.Find("[data-testid=empty-title]").TextContent));

        cut.Find("[data-testid=webhook-add]").Click();
        _dialogs.WaitForElement("input[data-testid=webhook-name]");
        Assert.Contains("Also send the 2 leads already collected", _dialogs.Markup, StringComparison.Ordinal);
        _dialogs.Find("input[data-testid=webhook-url]").Input("http://crm.example.com/hooks");
        _dialogs.Find("[data-testid=webhook-create]").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal("true", _dialogs.Find("input[data-testid=webhook-name]").GetAttribute("aria-invalid")));
        Assert.Equal("true", _dialogs.Find("input[data-testid=webhook-url]").GetAttribute("aria-invalid"));
        Assert.Contains("http:// only for localhost", _dialogs.Markup, StringComparison.Ordinal);
        Assert.Equal("http://crm.example.com/hooks", _dialogs.Find("input[data-testid=webhook-url]").GetAttribute("value"));

        _dialogs.Find("input[data-testid=webhook-name]").Input("Salesforce");
        _dialogs.Find("input[data-testid=webhook-url]").Input("https://crm.example.com/hooks");
        _dialogs.Find("input[data-testid=webhook-include-existing]").Change(true);
        _dialogs.Find("[data-testid=webhook-create]").Click();

        var secret = _dialogs.WaitForElement("input[data-testid=webhook-secret]").GetAttribute("value")!;
        Assert.StartsWith(WebhookService.SecretPrefix, secret, StringComparison.Ordinal);
        Assert.Contains("it will not be shown again", _dialogs.Find("[data-testid=webhook-once]").TextContent, StringComparison.Ordinal);
        var verify = _dialogs.Find("[data-testid=webhook-verify]").TextContent;
        Assert.Contains(WebhookSignature.SignatureHeader, verify, StringComparison.Ordinal);
        Assert.Contains("HMAC-SHA256", verify, StringComparison.Ordinal);
        Assert.Contains("Webhook added", _dialogs.Find(".mud-dialog-title").TextContent, StringComparison.Ordinal);
        _dialogs.Find("[data-testid=webhook-done]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Salesforce", cut.Find("[data-testid=webhook-name-text]").TextContent.Trim()));
        Assert.Equal("Active", cut.Find("[data-testid=webhook-status]").TextContent.Trim());
        Assert.Contains("2 leads waiting", cut.Find("[data-testid=webhook-progress]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Nothing delivered yet", cut.Find("[data-testid=webhook-progress]").TextContent, StringComparison.Ordinal);
        Assert.Equal("1 of 10 at most", cut.Find("[data-testid=webhook-count]").TextContent.Trim());
        Assert.DoesNotContain(secret, cut.Markup + _dialogs.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendTestSaysWhatTheEndpointAnsweredAndOpensTheLog()
    {
        await ArrangeAsync();
        using var ok = new WebhookReceiver(failFirst: 0);
        using var failing = new WebhookReceiver(failFirst: int.MaxValue);
        await _db.Webhooks.CreateAsync(_partnerId, new WebhookDraft("CRM", ok.Url));
        await _db.Webhooks.CreateAsync(_partnerId, new WebhookDraft("Broken", failing.Url));
        var cut = RenderPanel();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=webhook-row]").Count));

        cut.FindAll("[data-testid=webhook-test]")[0].Click();
        _snackbar.WaitForAssertion(() => Assert.Contains("Test delivered: 200", _snackbar.Markup, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal("200", cut.Find("[data-testid=webhook-log-result]").TextContent.Trim()));
        Assert.Equal("Test", cut.Find("[data-testid=webhook-log-leads]").TextContent.Trim());
        Assert.Contains("\"test\":true", ok.Requests.Single().Body, StringComparison.Ordinal);

        cut.FindAll("[data-testid=webhook-test]")[1].Click();
        _snackbar.WaitForAssertion(() => Assert.Contains("Test failed: 500", _snackbar.Markup, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=webhook-log-result]").Count));
        Assert.Equal("500", cut.FindAll("[data-testid=webhook-log-result]")[1].TextContent.Trim());
    }

    [Fact]
    public async Task APausedWebhookResumesAndARetryingOneSaysWhenItTriesAgain()
    {
        await ArrangeAsync();
        using var failing = new WebhookReceiver(failFirst: int.MaxValue);
        await _db.Webhooks.CreateAsync(_partnerId, new WebhookDraft("CRM", failing.Url, IncludeExisting: true));
        await AddLeadsAsync(1);
        var cut = RenderPanel();
        cut.WaitForAssertion(() => Assert.Equal("Active", cut.Find("[data-testid=webhook-status]").TextContent.Trim()));

        // A delivery fails elsewhere (the dispatcher): the panel follows live.
        var dispatcher = new WebhookDispatcher(_db.Factory, new LeadFeedService(_db.Factory), _db.WebhookClient, _db.Live, _db.Time, NullLogger<WebhookDispatcher>.Instance);
        await dispatcher.RunOnceAsync();
        cut.WaitForAssertion(() => Assert.Equal("Retrying", cut.Find("[data-testid=webhook-status]").TextContent.Trim()));
        Assert.Contains("1 failed attempts in a row; next attempt", cut.Find("[data-testid=webhook-retry]").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 leads waiting", cut.Find("[data-testid=webhook-progress]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=webhook-toggle]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Paused", cut.Find("[data-testid=webhook-status]").TextContent.Trim()));
        Assert.Equal("Resume", cut.Find("[data-testid=webhook-toggle]").TextContent.Trim());
        Assert.False((await _db.Webhooks.ListAsync(_partnerId)).Webhooks.Single().IsActive);

        cut.Find("[data-testid=webhook-toggle]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Active", cut.Find("[data-testid=webhook-status]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=webhook-retry]"));
    }

    [Fact]
    public async Task DeletingAsksFirstAndCancelKeepsTheWebhook()
    {
        await ArrangeAsync();
        await _db.Webhooks.CreateAsync(_partnerId, new WebhookDraft("CRM", "https://crm.example.com/a"));
        var cut = RenderPanel();

        cut.WaitForElement("[data-testid=webhook-delete]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("will receive no more leads", _dialogs.Markup, StringComparison.Ordinal));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("will receive no more leads", _dialogs.Markup, StringComparison.Ordinal));
        Assert.Single((await _db.Webhooks.ListAsync(_partnerId)).Webhooks);

        cut.Find("[data-testid=webhook-delete]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("will receive no more leads", _dialogs.Markup, StringComparison.Ordinal));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Equal("No webhooks yet", cut.Find("[data-testid=empty-title]").TextContent));
        Assert.Empty((await _db.Webhooks.ListAsync(_partnerId)).Webhooks);
    }

    [Fact]
    public async Task AWebhookAddedElsewhereShowsLiveAndTheTenthDisablesAdding()
    {
        await ArrangeAsync();
        var cut = RenderPanel();
        cut.WaitForElement("[data-testid=empty-title]");

        for (var i = 0; i < WebhookService.MaxPerPartner; i++)
        {
            await _db.Webhooks.CreateAsync(_partnerId, new WebhookDraft($"CRM {i}", $"https://crm.example.com/{i}"));
        }

        cut.WaitForAssertion(() => Assert.Equal(WebhookService.MaxPerPartner, cut.FindAll("[data-testid=webhook-row]").Count));
        Assert.True(cut.Find("[data-testid=webhook-add]").HasAttribute("disabled"));
        Assert.Contains("the most allowed", cut.Find("[data-testid=webhook-full]").TextContent, StringComparison.Ordinal);
    }

    /// <summary>The same panel in French.</summary>
    [Trait("Spec", "S-2.12")]
    public sealed class InFrench() : ComponentTestBase("fr")
    {
        [Fact]
        public async Task ThePanelAndItsStatesSpeakFrench()
        {
            await using var db = new TestDatabase();
            await db.InitializeAsync();
            var partnerId = (await db.AddPartnerAsync((await db.AddEventAsync()).Id)).Id;
            Services.AddSingleton<ILiveEvents>(db.Live);
            Services.AddSingleton(new CircuitEvents());
            Services.AddSingleton(db.Webhooks);
            Render<MudPopoverProvider>();
            Render<MudDialogProvider>();
            var cut = Render<WebhooksPanel>(p => p.Add(x => x.PartnerId, partnerId));
            cut.WaitForAssertion(() => Assert.Equal("Aucun webhook pour l\u2019instant", cut.Find("[data-testid=empty-title]").TextContent));

            var hook = (await db.Webhooks.CreateAsync(partnerId, new WebhookDraft("CRM", "https://crm.example.com/a"))).Value!.Webhook;
            await db.Webhooks.SetActiveAsync(partnerId, hook.Id, false);

            cut.WaitForAssertion(() => Assert.Equal("En pause", cut.Find("[data-testid=webhook-status]").TextContent.Trim()));
            Assert.Equal("Reprendre", cut.Find("[data-testid=webhook-toggle]").TextContent.Trim());
            Assert.Contains("À jour", cut.Find("[data-testid=webhook-progress]").TextContent, StringComparison.Ordinal);
        }
    }
}
