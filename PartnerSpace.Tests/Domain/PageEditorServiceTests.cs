using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-1.3")]
public sealed class PageEditorServiceTests : IAsyncLifetime
{
    private static readonly Actor Nadia = new(Guid.NewGuid(), "Nadia");
    private readonly TestDatabase _db = new();
    private Guid _eventId;

    private PageEditorService Editor => new(_db.Factory, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        await _db.AddDefaultMenuAsync(_eventId);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task<PageTexts> TeamAsync() => (await Editor.GetAllAsync(_eventId)).Single(p => p.Kind == PageKind.Team);

    [Fact]
    public async Task SavedTextsReachThePortalLiveAndTheHistory()
    {
        var published = 0;
        using var _ = _db.Live.Subscribe(Topics.Event(_eventId), e =>
        {
            published++;
            return Task.CompletedTask;
        });
        var team = await TeamAsync();

        var result = await Editor.SaveAsync(_eventId, team with { Introduction = new LocalizedText(" Ajoutez vos collègues. ", "Add your colleagues.") }, Nadia);

        Assert.Equal(MenuSaveStatus.Saved, result.Status);
        Assert.Equal("Ajoutez vos collègues.", (await _db.Menu.GetPageAsync(_eventId, "team"))!.Introduction.Fr);
        Assert.Equal(1, published);
        Assert.Single(await new HistoryService(_db.Factory).GetAsync(_eventId, PageEditorService.HistoryArea));
    }

    [Fact]
    public async Task StaleSaveIsRefusedWithTheNewerTexts()
    {
        var loaded = await TeamAsync();
        await Editor.SaveAsync(_eventId, loaded with { Title = new LocalizedText("Équipe", "Crew") }, Nadia);

        var stale = await Editor.SaveAsync(_eventId, loaded with { Title = new LocalizedText("Équipe", "People") }, Nadia);

        Assert.Equal(MenuSaveStatus.Conflict, stale.Status);
        Assert.Equal("Crew", stale.Current!.Title.En);
        Assert.Equal("Crew", (await TeamAsync()).Title.En);
    }

    [Fact]
    public async Task TitleIsRequiredAndLengthsAreBounded()
    {
        var team = await TeamAsync();

        var result = await Editor.SaveAsync(_eventId, team with { Title = new LocalizedText(" ", ""), Introduction = new LocalizedText(new string('x', 4001), "") }, Nadia);

        Assert.Equal(MenuSaveStatus.Invalid, result.Status);
        Assert.Equal(["introduction", "title"], result.Errors!.Keys.Order());
        Assert.Equal(team, await TeamAsync());
    }

    [Fact]
    public async Task AnEditCanBeUndone()
    {
        var team = await TeamAsync();
        await Editor.SaveAsync(_eventId, team with { Title = new LocalizedText("Staff", "Staff") }, Nadia);
        var change = (await new HistoryService(_db.Factory).GetAsync(_eventId)).Single();

        var undone = await Editor.UndoAsync(_eventId, change, Nadia);

        Assert.Equal(MenuSaveStatus.Saved, undone.Status);
        Assert.Equal(team.Title, (await TeamAsync()).Title);
    }

    [Fact]
    [Trait("Spec", "S-1.2")]
    public async Task CustomPagesGetAUniqueReadableAddress()
    {
        var first = await Editor.CreateCustomAsync(_eventId, new LocalizedText("Plan du salon", "Floor plan & access"), Nadia);
        var second = await Editor.CreateCustomAsync(_eventId, new LocalizedText("", "Floor plan & access"), Nadia);
        var clash = await Editor.CreateCustomAsync(_eventId, new LocalizedText("Équipe", ""), Nadia);
        var empty = await Editor.CreateCustomAsync(_eventId, new LocalizedText(" ", " "), Nadia);

        Assert.Equal("floor-plan-access", first.Value!.Slug);
        Assert.Equal("floor-plan-access-2", second.Value!.Slug);
        Assert.Equal("equipe", clash.Value!.Slug);
        Assert.Equal(PageKind.Custom, first.Value.Kind);
        Assert.Equal(["title"], empty.Error!.Fields!.Keys);
        Assert.NotNull(await _db.Menu.GetPageAsync(_eventId, "floor-plan-access-2"));
    }

    private async Task<PageTexts> CustomAsync()
    {
        var created = await Editor.CreateCustomAsync(_eventId, new LocalizedText("Plan du salon", "Floor plan"), Nadia);
        return created.Value!;
    }

    [Fact]
    public async Task CustomPageBodyIsSavedAndReachesThePortal()
    {
        var page = await CustomAsync();

        var result = await Editor.SaveAsync(_eventId, page with { Body = new LocalizedText("# Plan\n\n- Hall A  \n", "# Map\n\n    indented code") }, Nadia);

        Assert.Equal(MenuSaveStatus.Saved, result.Status);
        var shown = await _db.Menu.GetPageAsync(_eventId, page.Slug);
        Assert.Equal("# Plan\n\n- Hall A", shown!.Body.Fr);
        Assert.Equal("# Map\n\n    indented code", shown.Body.En);
        Assert.Equal(result.Current!.Body, (await Editor.GetAllAsync(_eventId)).Single(p => p.PageId == page.PageId).Body);
    }

    [Fact]
    public async Task TooLongBodyIsRefusedAndNothingChanges()
    {
        var page = await CustomAsync();

        var result = await Editor.SaveAsync(_eventId, page with { Body = new LocalizedText("ok", new string('x', PartnerSpace.Domain.Menu.Page.BodyMaxLength + 1)) }, Nadia);

        Assert.Equal(MenuSaveStatus.Invalid, result.Status);
        Assert.Equal("A page body is at most 50000 characters in each language.", Assert.Single(result.Errors!["body"]));
        Assert.Equal(LocalizedText.Empty, (await _db.Menu.GetPageAsync(_eventId, page.Slug))!.Body);
    }

    [Fact]
    public async Task DefaultTabsHaveNoBody()
    {
        var team = await TeamAsync();

        var result = await Editor.SaveAsync(_eventId, team with { Body = new LocalizedText("Texte", "") }, Nadia);

        Assert.Equal(MenuSaveStatus.Invalid, result.Status);
        Assert.Equal(["body"], result.Errors!.Keys);
    }

    [Fact]
    public async Task StaleBodySaveIsRefusedAndKeepsTheNewerBody()
    {
        var loaded = await CustomAsync();
        await Editor.SaveAsync(_eventId, loaded with { Body = new LocalizedText("Version de Nadia", "") }, Nadia);

        var stale = await Editor.SaveAsync(_eventId, loaded with { Body = new LocalizedText("Version d'Omar", "") }, new Actor(Guid.NewGuid(), "Omar"));

        Assert.Equal(MenuSaveStatus.Conflict, stale.Status);
        Assert.Equal("Version de Nadia", stale.Current!.Body.Fr);
        Assert.Equal("Version de Nadia", (await _db.Menu.GetPageAsync(_eventId, loaded.Slug))!.Body.Fr);
    }

    [Fact]
    public async Task BodyEditIsRecordedAndCanBeUndone()
    {
        var page = await CustomAsync();
        await Editor.SaveAsync(_eventId, page with { Body = new LocalizedText("Premier jet", "First draft") }, Nadia);
        var second = (await Editor.GetAllAsync(_eventId)).Single(p => p.PageId == page.PageId);
        await Editor.SaveAsync(_eventId, second with { Body = new LocalizedText("Version finale", "Final") }, Nadia);
        var change = (await new HistoryService(_db.Factory).GetAsync(_eventId, PageEditorService.HistoryArea))[0];
        Assert.Contains("Premier jet", change.Before, StringComparison.Ordinal);
        Assert.Contains("Version finale", change.After, StringComparison.Ordinal);

        var undone = await Editor.UndoAsync(_eventId, change, Nadia);

        Assert.Equal(MenuSaveStatus.Saved, undone.Status);
        Assert.Equal(new LocalizedText("Premier jet", "First draft"), (await _db.Menu.GetPageAsync(_eventId, page.Slug))!.Body);
    }

    [Fact]
    public async Task UndoingAChangeRecordedBeforeBodiesExistedKeepsTheBody()
    {
        var page = await CustomAsync();
        var saved = await Editor.SaveAsync(_eventId, page with { Body = new LocalizedText("Corps", "Body") }, Nadia);
        var oldSnapshot = $$"""{"pageId":"{{page.PageId}}","kind":100,"slug":"{{page.Slug}}","title":{"fr":"Ancien","en":"Old"},"introduction":{"fr":"","en":""},"version":0}""";
        var change = new HistoryEntry(Guid.NewGuid(), PageEditorService.HistoryArea, "old", "Nadia", _db.Time.GetUtcNow(), oldSnapshot, "{}");

        var undone = await Editor.UndoAsync(_eventId, change, Nadia);

        Assert.Equal(MenuSaveStatus.Saved, undone.Status);
        var shown = await _db.Menu.GetPageAsync(_eventId, page.Slug);
        Assert.Equal("Old", shown!.Title.En);
        Assert.Equal(saved.Current!.Body, shown.Body);
    }

    [Fact]
    public async Task AHelpTextIsSavedTooLongIsRefusedAndAnOlderSnapshotsUndoKeepsIt()
    {
        var team = await TeamAsync();

        var tooLong = await Editor.SaveAsync(_eventId, team with { Help = new LocalizedText(new string('a', Page.HelpMaxLength + 1), "") }, Nadia);
        var saved = await Editor.SaveAsync(_eventId, team with { Help = new LocalizedText(" Besoin d’aide ? ", "Need help? Ask Nadia.") }, Nadia);

        Assert.Equal(["help"], tooLong.Errors!.Keys);
        Assert.Equal(MenuSaveStatus.Saved, saved.Status);
        Assert.Equal("Besoin d’aide ?", (await _db.Menu.GetPageAsync(_eventId, "team"))!.Help.Fr);
        Assert.Equal(saved.Current!.Help, (await TeamAsync()).Help);

        // A change recorded before pages had help says nothing about it: undoing it keeps today's.
        var old = new HistoryEntry(Guid.NewGuid(), PageEditorService.HistoryArea, "old", "Nadia", _db.Time.GetUtcNow(),
            $$$"""{"pageId":"{{{team.PageId}}}","kind":3,"slug":"team","title":{"fr":"Équipe","en":"Team"},"introduction":{"fr":"Ancienne","en":"Old"},"version":0,"body":{"fr":"","en":""}}""", "{}");
        var undone = await Editor.UndoAsync(_eventId, old, Nadia);

        Assert.Equal(MenuSaveStatus.Saved, undone.Status);
        var page = (await _db.Menu.GetPageAsync(_eventId, "team"))!;
        Assert.Equal(("Old", "Need help? Ask Nadia."), (page.Introduction.En, page.Help.En));
    }
}
