using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Offers;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Domain.Public;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Offers;

namespace PartnerSpace.Tests.Components;

/// <summary>The partner's Offers tab on a real database, its administrator signed in (S-2.4).</summary>
[Trait("Spec", "S-2.4")]
public sealed class OffersTabTests : ComponentTestBase
{
    private readonly TestDatabase _db = new();
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private IRenderedComponent<MudSnackbarProvider> _snackbars = null!;
    private Guid _partnerId;
    private Viewer _ada = null!;
    private OfferService _offers = null!;

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    private async Task<IRenderedComponent<OffersTab>> RenderTabAsync(params (string Title, bool Visible)[] offers)
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        _partnerId = (await _db.AddPartnerAsync(ev.Id)).Id;
        _ada = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(ev.Id, _partnerId, MemberRole.Administrator, "ada@acme.example")).Id);
        _offers = new OfferService(_db.Factory, _db.Access, _db.Live, _db.Time);
        foreach (var (title, visible) in offers)
        {
            await _offers.CreateAsync(_ada, _partnerId, new OfferDraft(title, $"About {title}", null, visible));
        }

        Services.AddSingleton<TimeProvider>(_db.Time);
        Services.AddSingleton<ILiveEvents>(_db.Live);
        Services.AddSingleton(_offers);
        Services.AddSingleton(new DirectoryService(_db.Factory, new FormService(_db.Factory, _db.Live, _db.Time)));
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        var cut = Render<OffersTab>(p => p.Add(x => x.PartnerId, _partnerId).Add(x => x.Viewer, _ada));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=offers-tab]").GetAttribute("data-ready")));
        return cut;
    }

    private static IReadOnlyList<string> Titles(IRenderedComponent<OffersTab> cut) =>
        [.. cut.FindAll("[data-testid=offer-title]").Select(t => t.TextContent.Trim())];

    private async Task<IReadOnlyList<string>> StoredTitlesAsync() =>
        [.. (await _offers.ListAsync(_ada, _partnerId)).Value!.Select(o => o.Title)];

    private void FillDialog(string? title = null, string? link = null)
    {
        var dialog = _dialogs.WaitForElement("[data-testid=offer-dialog]");
        if (title is not null)
        {
            _dialogs.Find("input[data-testid=offer-title-input]").Input(title);
        }

        if (link is not null)
        {
            _dialogs.Find("input[data-testid=offer-link-input]").Input(link);
        }

        Assert.NotNull(dialog);
    }

    [Fact]
    public async Task WithoutOffersTheTabSaysSoAndOffersToAddOne()
    {
        var cut = await RenderTabAsync();

        Assert.Equal("No offers yet", cut.Find("[data-testid=empty-title]").TextContent.Trim());
        cut.Find("[data-testid=add-first-offer]").Click();
        _dialogs.WaitForElement("[data-testid=offer-dialog]");
    }

    [Fact]
    public async Task AnOfferAddedInTheDialogIsStoredAndListed()
    {
        var cut = await RenderTabAsync();
        cut.Find("[data-testid=add-offer]").Click();
        FillDialog("Show discount", "https://acme.example/discount");

        _dialogs.Find("[data-testid=offer-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Show discount"], Titles(cut)));
        Assert.Empty(_dialogs.FindAll("[data-testid=offer-dialog]"));
        Assert.Contains("Offer added.", _snackbars.Markup, StringComparison.Ordinal);
        var stored = Assert.Single((await _offers.ListAsync(_ada, _partnerId)).Value!);
        Assert.Equal(("Show discount", "https://acme.example/discount", true), (stored.Title, stored.Link, stored.IsVisible));
    }

    [Fact]
    public async Task ABadLinkIsNamedUnderItsFieldAndWhatWasTypedStays()
    {
        var cut = await RenderTabAsync();
        cut.Find("[data-testid=add-offer]").Click();
        FillDialog("Show discount", "acme.example");

        _dialogs.Find("[data-testid=offer-save]").Click();

        _dialogs.WaitForAssertion(() => Assert.Contains("Enter a web address starting with https://", _dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal("Show discount", _dialogs.Find("input[data-testid=offer-title-input]").GetAttribute("value"));
        Assert.Equal("acme.example", _dialogs.Find("input[data-testid=offer-link-input]").GetAttribute("value"));
        Assert.Empty(await StoredTitlesAsync());
        Assert.Empty(Titles(cut));
    }

    [Fact]
    public async Task AnOfferWithoutATitleIsRefused()
    {
        var cut = await RenderTabAsync();
        cut.Find("[data-testid=add-offer]").Click();
        FillDialog("   ");

        _dialogs.Find("[data-testid=offer-save]").Click();

        _dialogs.WaitForAssertion(() => Assert.Contains("An offer needs a title.", _dialogs.Markup, StringComparison.Ordinal));
        Assert.Single(_dialogs.FindAll("[data-testid=offer-dialog]"));
        Assert.Empty(await StoredTitlesAsync());
    }

    [Fact]
    public async Task EditingAnOfferChangesItsTexts()
    {
        var cut = await RenderTabAsync(("Demo", true));
        cut.Find("[data-testid=offer-edit]").Click();
        Assert.Equal("Demo", _dialogs.WaitForElement("input[data-testid=offer-title-input]").GetAttribute("value"));
        FillDialog("Live demo every hour");

        _dialogs.Find("[data-testid=offer-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Live demo every hour"], Titles(cut)));
        Assert.Equal(["Live demo every hour"], await StoredTitlesAsync());
    }

    [Fact]
    public async Task TheSwitchHidesAnOfferFromThePublicPage()
    {
        var cut = await RenderTabAsync(("Discount", true), ("Audit", true));
        Assert.Contains("2 offers, 2 shown on your public page", cut.Markup, StringComparison.Ordinal);

        cut.FindAll("input[data-testid=offer-visible]")[1].Change(false);

        cut.WaitForAssertion(() => Assert.Equal("false", cut.FindAll("[data-testid=offer-row]")[1].GetAttribute("data-visible")));
        Assert.Contains("Hidden from your public page", cut.FindAll("[data-testid=offer-row]")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("2 offers, 1 shown on your public page", cut.Markup, StringComparison.Ordinal);
        Assert.False((await _offers.ListAsync(_ada, _partnerId)).Value![1].IsVisible);
    }

    [Fact]
    public async Task TheArrowsMoveAnOfferAndTheOrderIsSaved()
    {
        var cut = await RenderTabAsync(("A", true), ("B", true), ("C", true));

        cut.FindAll("[data-testid=move-down]")[0].Click();

        cut.WaitForAssertion(() => Assert.Equal(["B", "A", "C"], Titles(cut)));
        Assert.Equal(["B", "A", "C"], await StoredTitlesAsync());
        Assert.Equal("A moved to position 2 of 3.", cut.Find("[data-testid=reorder-announcement]").TextContent.Trim());
    }

    [Fact]
    public async Task DeletingAsksFirstAndCancellingKeepsTheOffer()
    {
        var cut = await RenderTabAsync(("Keep", true), ("Drop", true));

        cut.FindAll("[data-testid=offer-delete]")[1].Click();
        _dialogs.WaitForElements(".mud-message-box button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        Assert.Equal(["Keep", "Drop"], await StoredTitlesAsync());

        cut.FindAll("[data-testid=offer-delete]")[1].Click();
        Assert.Contains("\"Drop\" will be deleted", _dialogs.WaitForElement(".mud-message-box").TextContent, StringComparison.Ordinal);
        _dialogs.WaitForElements(".mud-message-box button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Keep"], Titles(cut)));
        Assert.Equal(["Keep"], await StoredTitlesAsync());
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task AColleaguesNewOfferAppearsWithoutAReload()
    {
        var cut = await RenderTabAsync(("Mine", true));

        await _offers.CreateAsync(_ada, _partnerId, new OfferDraft("A colleague's", null, null, false));

        cut.WaitForAssertion(() => Assert.Equal(["Mine", "A colleague's"], Titles(cut)));
    }

    [Fact]
    public async Task AnEditOverAColleaguesChangeIsRefusedAndSaysSo()
    {
        var cut = await RenderTabAsync(("Demo", true));
        cut.Find("[data-testid=offer-edit]").Click();
        FillDialog("My title");
        var stored = (await _offers.ListAsync(_ada, _partnerId)).Value![0];
        await _offers.EditAsync(_ada, _partnerId, stored.Id, stored.Version, new OfferDraft("Their title", null, null, true));

        _dialogs.Find("[data-testid=offer-save]").Click();

        _dialogs.WaitForElement("[data-testid=offer-dialog-error]");
        Assert.Equal("My title", _dialogs.Find("input[data-testid=offer-title-input]").GetAttribute("value"));
        Assert.Equal(["Their title"], await StoredTitlesAsync());
    }
}
