using PartnerSpace.Web.Shared;

namespace PartnerSpace.Tests.Components;

[Trait("Spec", "S-1.2")]
[Trait("Spec", "S-1.4")]
public sealed class ReorderableListTests
{
    private static ReorderableList<string> Rows(params string[] rows)
    {
        var list = new ReorderableList<string>((row, at, of) => $"{row} moved to position {at} of {of}.");
        list.Reset(rows);
        return list;
    }

    [Fact]
    public void KeyboardMoveSwapsWithTheNeighbourAndSaysWhere()
    {
        var list = Rows("Home", "Team", "Leads");
        var version = list.Version;

        Assert.True(list.Move("Leads", -1));

        Assert.Equal(["Home", "Leads", "Team"], list);
        Assert.Equal("Leads moved to position 2 of 3.", list.Announcement);
        Assert.NotEqual(version, list.Version);
    }

    [Fact]
    public void OnlyTheRowJustMovedByKeyboardGetsTheFocusBack()
    {
        var list = Rows("Home", "Team", "Leads");

        list.Move("Team", +1);

        Assert.Equal(1, list.MovedByKeyboard("Team"));
        Assert.Equal(0, list.MovedByKeyboard("Leads"));
        list.Drop(new MudBlazor.MudItemDropInfo<string>("Home", "rows", 1));
        Assert.Equal(0, list.MovedByKeyboard("Team"));
    }

    [Fact]
    public void MovesPastTheEndsDoNothing()
    {
        var list = Rows("Home", "Team");
        var version = list.Version;

        Assert.False(list.Move("Home", -1));
        Assert.False(list.MoveTo("Team", 7));

        Assert.Equal(["Home", "Team"], list);
        Assert.Null(list.Announcement);
        Assert.Equal(version, list.Version);
    }

    [Fact]
    public void ADropPutsTheRowAtTheZoneIndex()
    {
        var list = Rows("Home", "Team", "Offers", "Leads");

        Assert.True(list.Drop(new MudBlazor.MudItemDropInfo<string>("Home", "rows", 2)));

        Assert.Equal(["Team", "Offers", "Home", "Leads"], list);
        Assert.True(list.IsLast("Leads"));
        Assert.Equal("Home moved to position 3 of 4.", list.Announcement);
    }

    [Fact]
    public void SaveErrorsFollowTheirRowNotThePosition()
    {
        var list = Rows("Home", "Team", "Leads");
        var errors = new Dictionary<string, string[]>
        {
            ["tabs[2].label"] = ["A tab needs a label."],
            ["tabs[2].icon"] = ["Choose an icon."],
            ["fields[0].label"] = ["Not this list."],
            ["appearance.color"] = ["Not a row."],
        };

        var byRow = RowErrors.ByRow(errors, "tabs", list, r => r);

        var leads = Assert.Single(byRow);
        Assert.Equal("Leads", leads.Key);
        Assert.Equal("A tab needs a label.", leads.Value["label"]);
        Assert.Equal("Choose an icon.", leads.Value["icon"]);
    }
}
