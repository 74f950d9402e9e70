using Bunit;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.FormBuilder;

namespace PartnerSpace.Tests.Components;

[Trait("Spec", "S-1.4")]
public sealed class FormBuilderComponentsTests : ComponentTestBase
{
    private static FieldDraft Draft(FieldType type, string label = "Logo") =>
        FieldDraft.From(FormField.New(type, label, label));

    [Theory]
    [InlineData(FieldType.Image, true)]
    [InlineData(FieldType.File, true)]
    [InlineData(FieldType.Text, false)]
    [InlineData(FieldType.SingleChoice, false)]
    public void FileRulesShowForImageAndFileFieldsOnly(FieldType type, bool shown)
    {
        var cut = Render<FieldRow>(p => p.Add(x => x.Field, Draft(type)));

        Assert.Equal(shown, cut.FindAll("[data-testid=file-rules]").Count == 1);
    }

    [Fact]
    public void AnImageFieldOffersImageKindsWithTheDefaultsTicked()
    {
        var cut = Render<FieldRow>(p => p.Add(x => x.Field, Draft(FieldType.Image)));

        var kinds = cut.FindAll("[data-testid=file-kind]").Select(k => k.GetAttribute("data-kind")).ToList();
        Assert.Equal(["Png", "Jpeg", "WebP", "Gif"], kinds);
        Assert.Equal("2", cut.Find("[data-testid=file-max-size] input, input[data-testid=file-max-size]").GetAttribute("value"));
    }

    [Fact]
    public void ASizeOutsideTheBoundsShowsAnErrorAtOnce()
    {
        var field = Draft(FieldType.Image);
        var changes = 0;
        var cut = Render<FieldRow>(p => p.Add(x => x.Field, field).Add(x => x.OnChanged, () => changes++));

        cut.Find("[data-testid=file-max-size] input, input[data-testid=file-max-size]").Input("30");

        Assert.Equal(30, field.Rules!.MaxSizeMb);
        Assert.True(changes > 0);
        Assert.Contains("Between 1 and 25 MB.", cut.Find("[data-testid=file-rules]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void UntickingEveryKindShowsAnError()
    {
        var field = Draft(FieldType.Image);
        field.Rules = new FileRules([FileKind.Png], 2);
        var cut = Render<FieldRow>(p => p.Add(x => x.Field, field));

        cut.Find("input[data-kind=Png]").Change(false);

        Assert.Empty(field.Rules!.Accept);
        Assert.Equal("Choose at least one kind of file.", cut.Find("[data-testid=file-kind-error]").TextContent.Trim());
    }

    [Fact]
    public void SaveErrorsShowOnTheirPart()
    {
        var cut = Render<FieldRow>(p => p
            .Add(x => x.Field, Draft(FieldType.File))
            .Add(x => x.Errors, new Dictionary<string, string> { ["accept"] = "Choose at least one kind of file.", ["label"] = "A field needs a label in French or in English." }));

        Assert.Contains("A field needs a label in French or in English.", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("Choose at least one kind of file.", cut.Find("[data-testid=file-kind-error]").TextContent.Trim());
    }

    [Fact]
    public void ChangingTheTypeStartsAgainFromThatTypesDefaults()
    {
        var field = Draft(FieldType.File);
        field.Rules = new FileRules([FileKind.Pdf], 20);

        field.Type = FieldType.Image;

        Assert.Null(field.Rules);
        Assert.Null(field.ToField().Rules);
        Assert.Equal(FileRules.DefaultImage, FileRules.For(field.ToField()));
    }

    [Fact]
    public void MoveButtonsNameTheirFieldAndTheEndsCannotMoveFurther()
    {
        var moved = 0;
        var cut = Render<FieldRow>(p => p.Add(x => x.Field, Draft(FieldType.Text, "Sector")).Add(x => x.IsFirst, true).Add(x => x.OnMoveDown, () => moved++));

        Assert.True(cut.Find("[data-testid=move-up]").HasAttribute("disabled"));
        var down = cut.Find("[data-testid=move-down]");
        Assert.Equal("Move Sector down", down.GetAttribute("aria-label"));
        down.Click();
        Assert.Equal(1, moved);
    }

    [Fact]
    public void PreviewShowsTheLimitsOfImageAndFileFields()
    {
        IReadOnlyList<FormField> fields =
        [
            FormField.New(FieldType.Image, "Logo", "Logo"),
            FormField.New(FieldType.File, "Brochure", "Brochure") with { Rules = new([FileKind.Pdf, FileKind.Zip], 5) },
            FormField.New(FieldType.Text, "Nom", "Name"),
        ];

        var cut = Render<FormPreview>(p => p.Add(x => x.Fields, fields));

        var limits = cut.FindAll("[data-testid=preview-file-rules]").Select(l => l.TextContent.Trim()).ToList();
        Assert.Equal(["PNG, JPEG or WebP, up to 2 MB", "PDF or ZIP, up to 5 MB"], limits);
    }
}

[Trait("Spec", "S-1.4")]
public sealed class FormBuilderFrenchComponentsTests() : ComponentTestBase("fr")
{
    [Fact]
    public void PreviewSaysTheLimitsInFrench()
    {
        var cut = Render<FormPreview>(p => p.Add(x => x.Fields, [FormField.New(FieldType.Image, "Logo", "Logo")]));

        Assert.Equal("PNG, JPEG ou WebP, jusqu'à 2 Mo", cut.Find("[data-testid=preview-file-rules]").TextContent.Trim());
    }
}
