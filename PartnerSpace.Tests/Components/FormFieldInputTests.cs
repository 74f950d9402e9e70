using Bunit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.FormBuilder;

namespace PartnerSpace.Tests.Components;

[Trait("Spec", "S-1.4")]
[Trait("Spec", "S-2.2")]
public sealed class FormFieldInputTests : ComponentTestBase
{
    private string? _value;

    private IRenderedComponent<FormFieldInput> RenderField(FormField field, string? value = null, string? error = null) =>
        Render<FormFieldInput>(p => p
            .Add(x => x.Field, field)
            .Add(x => x.Value, value)
            .Add(x => x.Error, error)
            .Add(x => x.ValueChanged, v => _value = v));

    [Fact]
    public void ChosenOptionsAreStoredInTheFormsOrderWhateverTheClickOrder()
    {
        var field = FormField.New(FieldType.MultipleChoice, "Secteurs", "Sectors") with
        {
            Choices = [new LocalizedText("Énergie", "Energy"), new LocalizedText("Santé", "Health"), new LocalizedText("Transport", "Transport")],
        };
        var cut = RenderField(field, "Transport");

        cut.FindAll("input[type=checkbox]")[0].Change(true);

        Assert.Equal("Energy\nTransport", _value);
    }

    [Fact]
    public void ACheckboxAnswersTrueOrFalse()
    {
        var cut = RenderField(FormField.New(FieldType.Checkbox, "J’accepte", "I agree", required: true));

        cut.Find("input[type=checkbox]").Change(true);

        Assert.Equal("true", _value);
        Assert.Contains("I agree *", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TypesGetTheirInputAndTheErrorIsShownWithTheField()
    {
        var cut = RenderField(FormField.New(FieldType.Email, "Courriel", "E-mail", required: true), "nope", "E-mail: enter a valid e-mail address.");

        Assert.Equal("email", cut.Find("input").GetAttribute("type"));
        Assert.Contains("E-mail: enter a valid e-mail address.", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("[data-testid=form-field]").GetAttribute("data-required"));
    }

    [Fact]
    public void ACountryIsAnsweredWithItsCodeAndShownByName()
    {
        var cut = RenderField(FormField.New(FieldType.Country, "Pays", "Country"), "DE");

        Assert.Equal("Germany", cut.Find("input").GetAttribute("value"));
    }
}
