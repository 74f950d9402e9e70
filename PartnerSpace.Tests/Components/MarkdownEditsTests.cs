using PartnerSpace.Web.Features.PageEditor;

namespace PartnerSpace.Tests.Components;

/// <summary>The body editor's toolbar edits at the caret (S-1.3).</summary>
[Trait("Spec", "S-1.3")]
public sealed class MarkdownEditsTests
{
    [Fact]
    public void WrapSurroundsTheSelectionAndKeepsItSelected()
    {
        var edit = MarkdownEdits.Wrap("Doors open at 8", 6, 10, "**", "bold");

        Assert.Equal(new TextEdit("Doors **open** at 8", 8, 12), edit);
    }

    [Fact]
    public void WrapWithoutSelectionInsertsASelectedPlaceholder()
    {
        var edit = MarkdownEdits.Wrap("ab", 1, 1, "*", "italic");

        Assert.Equal(new TextEdit("a*italic*b", 2, 8), edit);
    }

    [Fact]
    public void PrefixLinesTurnsSelectedLinesIntoAList()
    {
        var edit = MarkdownEdits.PrefixLines("Intro\nHall A\n\nHall B\nEnd", 8, 19, "- ", "item");

        Assert.Equal("Intro\n- Hall A\n\n- Hall B\nEnd", edit.Text);
    }

    [Fact]
    public void HeadingOnAnEmptyLineGetsAPlaceholder()
    {
        var edit = MarkdownEdits.PrefixLines("Text\n", 5, 5, "## ", "Heading");

        Assert.Equal(new TextEdit("Text\n## Heading", 8, 15), edit);
    }

    [Fact]
    public void LinkSelectsTheAddressToType()
    {
        var edit = MarkdownEdits.Link("See map", 4, 7, "link");

        Assert.Equal("See [map](https://)", edit.Text);
        Assert.Equal("https://", edit.Text[edit.SelectionStart..edit.SelectionEnd]);
    }

    [Fact]
    public void BlockGoesOnItsOwnLineAtTheCaret()
    {
        var edit = MarkdownEdits.InsertBlock("Before after", 7, "![x](/files/1)");

        Assert.Equal("Before \n![x](/files/1)\nafter", edit.Text);
        Assert.Equal(edit.Text.IndexOf("after", StringComparison.Ordinal), edit.SelectionStart);
    }

    [Fact]
    public void BlockAtTheEndLeavesTheCaretOnANewLine() =>
        Assert.Equal(new TextEdit("Plan:\n![x](/files/1)\n", 21, 21), MarkdownEdits.InsertBlock("Plan:", 5, "![x](/files/1)"));

    [Fact]
    public void OutOfRangeSelectionIsClamped() =>
        Assert.Equal("ab**bold**", MarkdownEdits.Wrap("ab", 10, 3, "**", "bold").Text);
}
