using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-1.2")]
public sealed class MenuEditorServiceTests : IAsyncLifetime
{
    private static readonly Actor Nadia = new(Guid.NewGuid(), "Nadia");
    private static readonly Actor Omar = new(Guid.NewGuid(), "Omar");
    private readonly TestDatabase _db = new();
    private Guid _eventId;

    private MenuEditorService Editor => new(_db.Factory, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        await _db.AddDefaultMenuAsync(_eventId);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task ReorderedMenuIsSavedAndWhatPartnersSeeFollows()
    {
        var menu = await Editor.GetAsync(_eventId);
        var leads = menu.Tabs.Single(t => t.Kind == PageKind.Leads);
        var draft = menu with { Tabs = [leads with { IsEnabled = true }, .. menu.Tabs.Where(t => t != leads)] };

        var result = await Editor.SaveAsync(_eventId, draft, Nadia);

        Assert.Equal(MenuSaveStatus.Saved, result.Status);
        Assert.Equal(menu.Version + 1, result.Current.Version);
        var visible = MenuService.Visible(await _db.Menu.GetMenuAsync(_eventId));
        Assert.Equal(PageKind.Leads, visible[0].Kind);
        Assert.Equal(menu.Tabs.Count, visible.Count);
    }

    [Fact]
    public async Task TabsAreAddedRenamedDisabledAndRemoved()
    {
        var menu = await Editor.GetAsync(_eventId);
        var pages = await Editor.GetPagesAsync(_eventId);
        var discount = pages.Single(p => p.Kind == PageKind.DiscountCodes);
        var tabs = menu.Tabs.Where(t => t.Kind != PageKind.Offers)
            .Select(t => t.Kind == PageKind.Team ? t with { Label = new LocalizedText("Mon équipe", "My team"), IsEnabled = false } : t)
            .Append(new MenuTab(null, discount.Id, discount.Kind, discount.Slug, discount.Title, "discount", true))
            .ToList();

        var result = await Editor.SaveAsync(_eventId, menu with { Tabs = tabs }, Nadia);

        Assert.Equal(MenuSaveStatus.Saved, result.Status);
        var saved = result.Current.Tabs;
        Assert.DoesNotContain(saved, t => t.Kind == PageKind.Offers);
        Assert.Equal(PageKind.DiscountCodes, saved[^1].Kind);
        Assert.NotNull(saved[^1].Id);
        var team = saved.Single(t => t.Kind == PageKind.Team);
        Assert.Equal("My team", team.Label.En);
        Assert.False(team.IsEnabled);
    }

    [Fact]
    public async Task StaleSaveIsAConflictAndChangesNothing()
    {
        var nadiasDraft = await Editor.GetAsync(_eventId);
        var omarsDraft = await Editor.GetAsync(_eventId);
        await Editor.SaveAsync(_eventId, omarsDraft with { Tabs = [.. omarsDraft.Tabs.Reverse()] }, Omar);

        var result = await Editor.SaveAsync(_eventId, nadiasDraft with { Tabs = nadiasDraft.Tabs.Skip(1).ToList() }, Nadia);

        Assert.Equal(MenuSaveStatus.Conflict, result.Status);
        Assert.Equal(omarsDraft.Tabs.Reverse().Select(t => t.PageId), result.Current.Tabs.Select(t => t.PageId));
        Assert.Equal(omarsDraft.Tabs.Count, (await Editor.GetAsync(_eventId)).Tabs.Count);
    }

    [Fact]
    public async Task InvalidDraftGetsFieldErrorsAndChangesNothing()
    {
        var menu = await Editor.GetAsync(_eventId);
        var tabs = menu.Tabs.ToList();
        tabs[1] = tabs[1] with { Label = new LocalizedText(" ", "") };
        tabs[2] = tabs[2] with { PageId = tabs[0].PageId };
        tabs[3] = tabs[3] with { PageId = Guid.NewGuid() };

        var result = await Editor.SaveAsync(_eventId, menu with { Appearance = new MenuAppearance("red", false), Tabs = tabs }, Nadia);

        Assert.Equal(MenuSaveStatus.Invalid, result.Status);
        Assert.Equal(["appearance.color", "tabs[1].label", "tabs[2].page", "tabs[3].page"], result.Errors!.Keys.Order());
        var after = await Editor.GetAsync(_eventId);
        Assert.Equal(menu.Version, after.Version);
        Assert.Equal(menu.Appearance, after.Appearance);
        Assert.Equal(menu.Tabs, after.Tabs);
        Assert.Equal(0, await _db.QueryAsync(db => db.History.CountAsync()));
    }

    [Fact]
    [Trait("Spec", "S-1.3")]
    public async Task SavePublishesToOpenPortalsAndIsRecordedInHistory()
    {
        var published = new List<LiveEvent>();
        using var _ = _db.Live.Subscribe(Topics.Event(_eventId), e =>
        {
            published.Add(e);
            return Task.CompletedTask;
        });
        var menu = await Editor.GetAsync(_eventId);

        await Editor.SaveAsync(_eventId, menu with { Appearance = new MenuAppearance("#0e7490", true, MenuPosition.Top) }, Nadia);

        Assert.IsType<MenuChanged>(Assert.Single(published));
        Assert.Equal(new MenuAppearance("#0E7490", true, MenuPosition.Top), await _db.Menu.GetAppearanceAsync(_eventId));
        var record = await _db.QueryAsync(db => db.History.SingleAsync());
        Assert.Equal("Nadia", record.ActorName);
        Assert.Equal("appearance changed", record.Summary);
        Assert.Contains("#0E7490", record.After, StringComparison.Ordinal);
        Assert.Contains("#4338CA", record.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangeCanBeUndoneFromTheHistory()
    {
        var original = await Editor.GetAsync(_eventId);
        await Editor.SaveAsync(_eventId, original with { Tabs = original.Tabs.Skip(2).ToList(), Appearance = new MenuAppearance("#000000", true) }, Nadia);
        var history = new HistoryService(_db.Factory);
        var change = (await history.GetAsync(_eventId, MenuEditorService.HistoryArea)).Single();
        Assert.Equal("2 tab(s) removed, appearance changed", change.Summary);

        var undone = await Editor.UndoAsync(_eventId, change, Omar);

        Assert.Equal(MenuSaveStatus.Saved, undone.Status);
        Assert.Equal(original.Tabs.Select(t => (t.PageId, t.Label, t.IsEnabled)), undone.Current.Tabs.Select(t => (t.PageId, t.Label, t.IsEnabled)));
        Assert.Equal(original.Appearance, undone.Current.Appearance);
        var entries = await history.GetAsync(_eventId);
        Assert.Equal(2, entries.Count);
        Assert.Equal("Omar", entries[0].ActorName);
    }
}
