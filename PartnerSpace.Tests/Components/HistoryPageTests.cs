using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.History;

namespace PartnerSpace.Tests.Components;

/// <summary>
/// The configuration history, signed in as an organizer, on a real database: who changed what and
/// when, and undo (menu S-1.2, options S-1.6; ADR 0006).
/// </summary>
[Trait("Spec", "S-1.2")]
public sealed class HistoryPageTests : ComponentTestBase
{
    private static readonly Actor Nadia = new(Guid.NewGuid(), "Nadia Organizer");
    private static readonly Actor Omar = new(Guid.NewGuid(), "Omar Organizer");

    private readonly TestDatabase _db = new();
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private IRenderedComponent<MudSnackbarProvider> _snackbars = null!;
    private Guid _eventId;

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    private MenuEditorService Menu => new(_db.Factory, _db.Live, _db.Time);

    private EventOptionsService Options => new(_db.Factory, _db.Live, _db.Time);

    /// <summary>An event with its default menu and an organizer, signed in (named by their e-mail).</summary>
    private async Task ArrangeEventAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        await _db.AddDefaultMenuAsync(_eventId);
        var organizer = await _db.AddOrganizerAsync(_eventId, "org@show.example");
        Services.AddSingleton<TimeProvider>(_db.Time);
        Services.AddSingleton<ILiveEvents>(_db.Live);
        Services.AddSingleton(new HistoryService(_db.Factory));
        Services.AddSingleton(Menu);
        Services.AddSingleton(new PageEditorService(_db.Factory, _db.Live, _db.Time));
        Services.AddSingleton(Options);
        Services.AddSingleton(new FormService(_db.Factory, _db.Live, _db.Time));
        Services.AddSingleton(new PartnerService(_db.Factory));
        SignInAs(organizer);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private IRenderedComponent<HistoryPage> RenderPage()
    {
        _dialogs = Render<MudDialogProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        var cut = Render<HistoryPage>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }

    /// <summary>The Team tab renamed and switched off, by Nadia.</summary>
    private async Task<MenuDocument> HideTheTeamTabAsync()
    {
        var menu = await Menu.GetAsync(_eventId);
        var draft = menu with
        {
            Tabs = [.. menu.Tabs.Select(t => t.Kind == PageKind.Team ? t with { Label = new LocalizedText("Nos gens", "Our people"), IsEnabled = false } : t)],
        };
        Assert.Equal(MenuSaveStatus.Saved, (await Menu.SaveAsync(_eventId, draft, Nadia)).Status);
        return menu;
    }

    /// <summary>Each change as "when | who | what" (recent ICU puts a narrow no-break space before "AM").</summary>
    private static List<string> Rows(IRenderedComponent<HistoryPage> cut) =>
        [.. cut.FindAll("[data-testid=history-table] tbody tr.mud-table-row")
            .Select(r => string.Join(" | ", r.QuerySelectorAll("td").Take(3).Select(td => td.TextContent.Trim().Replace('\u202F', ' '))))];

    private void Confirm(string button) =>
        _dialogs.WaitForElements(".mud-message-box button").Single(b => b.TextContent.Trim() == button).Click();

    [Fact]
    public async Task WithNothingRecordedThePageSaysSo()
    {
        await ArrangeEventAsync();

        var cut = RenderPage();

        Assert.Equal("No change yet", cut.Find("[data-testid=empty-title]").TextContent.Trim());
    }

    [Fact]
    [Trait("Spec", "S-1.6")]
    public async Task RecordedChangesAreListedNewestFirstWithWhoWhenAndWhat()
    {
        await ArrangeEventAsync();
        await HideTheTeamTabAsync();
        _db.Time.Advance(TimeSpan.FromHours(26));
        await Options.SaveAsync(_eventId, new EventOptionsState(EventOptionValues.Default with { SessionsShowRegistrants = true }, 0), Omar);

        var cut = RenderPage();

        // Times are the event's (Paris): the older change is a day ago, so it shows its date.
        Assert.Equal(
            ["12:00 PM | Omar Organizer | Options", "23 Nov 10:00 | Nadia Organizer | Burger menu"],
            Rows(cut));
        Assert.Equal(["SessionsShowRegistrants on", "tabs edited"], cut.FindAll("[data-testid=history-summary]").Select(s => s.TextContent.Trim()));
        Assert.Equal(2, cut.FindAll("[data-testid=undo]").Count);
    }

    [Fact]
    public async Task DetailsShowTheStateBeforeAndAfterTheChange()
    {
        await ArrangeEventAsync();
        await HideTheTeamTabAsync();
        var cut = RenderPage();

        cut.FindAll("[data-testid=history-table] button").Single(b => b.TextContent.Trim() == "Details").Click();

        var snapshots = cut.FindAll("[data-testid=history-table] pre").Select(p => p.TextContent).ToList();
        Assert.Equal(2, snapshots.Count);
        Assert.Contains("\"Team\"", snapshots[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Our people", snapshots[0], StringComparison.Ordinal);
        Assert.Contains("\"Our people\"", snapshots[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoingAMenuChangePutsTheMenuBackAndIsRecordedToo()
    {
        await ArrangeEventAsync();
        var before = await HideTheTeamTabAsync();
        var cut = RenderPage();

        cut.Find("[data-testid=undo]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("“Burger menu” goes back to how it was before “tabs edited” by Nadia Organizer.", _dialogs.Markup, StringComparison.Ordinal));
        Confirm("Undo");

        _snackbars.WaitForAssertion(() => Assert.Contains("Change undone.", _snackbars.Markup, StringComparison.Ordinal));
        var team = (await Menu.GetAsync(_eventId)).Tabs.Single(t => t.Kind == PageKind.Team);
        Assert.Equal(before.Tabs.Single(t => t.Kind == PageKind.Team), team);
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        Assert.EndsWith(" | org@show.example | Burger menu", Rows(cut)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingTheUndoChangesNothing()
    {
        await ArrangeEventAsync();
        await HideTheTeamTabAsync();
        var cut = RenderPage();

        cut.Find("[data-testid=undo]").Click();
        Confirm("Cancel");

        Assert.False((await Menu.GetAsync(_eventId)).Tabs.Single(t => t.Kind == PageKind.Team).IsEnabled);
        Assert.Single(Rows(cut));
    }

    [Fact]
    [Trait("Spec", "S-1.6")]
    [Trait("Spec", "S-1.8")]
    public async Task UndoingAnOptionsChangePutsTheOptionsBack()
    {
        await ArrangeEventAsync();
        var chosen = EventOptionValues.Default with { SessionsShowAttendeesPresent = true, SalesContactsChooseSlots = true };
        await Options.SaveAsync(_eventId, new EventOptionsState(chosen, 0), Omar);
        // A minute later: two changes of the same instant would be ordered by their ids' random bits.
        _db.Time.Advance(TimeSpan.FromMinutes(1));
        await Options.SaveAsync(_eventId, new EventOptionsState(chosen with { SalesContactTab = false }, 1), Nadia);
        var cut = RenderPage();

        cut.Find("[data-testid=undo]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("“Options” goes back to how it was before “SalesContactTab off, SalesContactsChooseSlots off” by Nadia Organizer.", _dialogs.Markup, StringComparison.Ordinal));
        Confirm("Undo");

        _snackbars.WaitForAssertion(() => Assert.Contains("Change undone.", _snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(new EventOptionsState(chosen, 3), await Options.GetAsync(_eventId));
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task AChangeMadeMeanwhileAppearsWithoutReloading()
    {
        await ArrangeEventAsync();
        var cut = RenderPage();

        await HideTheTeamTabAsync();

        cut.WaitForAssertion(() => Assert.Equal(["10:00 AM | Nadia Organizer | Burger menu"], Rows(cut)), TimeSpan.FromSeconds(5));
    }
}
