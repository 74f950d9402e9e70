using Bunit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.MenuEditor;

namespace PartnerSpace.Tests.Components;

[Trait("Spec", "S-1.2")]
public sealed class MenuEditorComponentsTests : ComponentTestBase
{
    private static TabDraft Tab(PageKind kind = PageKind.Team, bool enabled = true) =>
        TabDraft.From(new MenuTab(Guid.NewGuid(), Guid.NewGuid(), kind, kind.ToString().ToLowerInvariant(), new LocalizedText("Équipe", "Team"), "team", enabled));

    [Fact]
    public void TypingALabelChangesTheDraftAndTellsTheEditor()
    {
        var tab = Tab();
        var changes = 0;
        var cut = Render<MenuTabRow>(p => p.Add(x => x.Tab, tab).Add(x => x.OnChanged, () => changes++));

        cut.Find("input[data-testid=label-en], [data-testid=label-en] input").Input("Our team");

        Assert.Equal("Our team", tab.LabelEn);
        Assert.Equal(1, changes);
    }

    [Fact]
    public void FirstAndLastRowsCannotMoveFurther()
    {
        var first = Render<MenuTabRow>(p => p.Add(x => x.Tab, Tab()).Add(x => x.IsFirst, true));
        var last = Render<MenuTabRow>(p => p.Add(x => x.Tab, Tab()).Add(x => x.IsLast, true));

        Assert.True(first.Find("[data-testid=move-up]").HasAttribute("disabled"));
        Assert.False(first.Find("[data-testid=move-down]").HasAttribute("disabled"));
        Assert.True(last.Find("[data-testid=move-down]").HasAttribute("disabled"));
    }

    [Fact]
    public void MoveButtonsNameTheirTabForScreenReaders()
    {
        var moved = 0;
        var cut = Render<MenuTabRow>(p => p.Add(x => x.Tab, Tab()).Add(x => x.OnMoveDown, () => moved++));

        var down = cut.Find("[data-testid=move-down]");
        Assert.Equal("Move Team down", down.GetAttribute("aria-label"));
        down.Click();
        Assert.Equal(1, moved);
    }

    [Fact]
    public void ErrorsAndWarningsShowOnTheirRow()
    {
        var cut = Render<MenuTabRow>(p => p
            .Add(x => x.Tab, Tab(PageKind.Leads))
            .Add(x => x.Errors, new Dictionary<string, string> { ["label"] = "A tab needs a label." })
            .Add(x => x.Warning, "Too early for leads."));

        Assert.Contains("A tab needs a label.", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("Too early for leads.", cut.Find("[data-testid=tab-warning]").TextContent.Trim());
    }

    [Fact]
    [Trait("Spec", "S-1.3")]
    public void PreviewShowsTheDraftAsPartnersWillSeeIt()
    {
        IReadOnlyList<MenuEntry> entries = [Tab(PageKind.Home).ToEntry(0), Tab(PageKind.Team, enabled: false).ToEntry(1), Tab(PageKind.Leads).ToEntry(2)];

        var cut = Render<MenuPreview>(p => p
            .Add(x => x.Entries, entries)
            .Add(x => x.Appearance, new MenuAppearance("#0E7490", Compact: true))
            .Add(x => x.PartnerName, "Acme"));

        Assert.Equal(2, cut.FindAll("[data-testid=menu-item]").Count);
        Assert.Contains("Acme", cut.Find(".ps-preview-bar").TextContent, StringComparison.Ordinal);
        Assert.Contains("#0E7490", cut.Find(".ps-preview-bar").GetAttribute("style"), StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-testid=menu-item] .ps-visually-hidden"));
    }
}
