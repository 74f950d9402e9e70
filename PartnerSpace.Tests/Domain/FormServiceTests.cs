using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-1.4")]
public sealed class FormServiceTests : IAsyncLifetime
{
    private static readonly Actor Nadia = new(Guid.NewGuid(), "Nadia");
    private readonly TestDatabase _db = new();
    private Guid _eventId;

    private FormService Forms => new(_db.Factory, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task NewEventStartsWithDefaultFields()
    {
        var form = await Forms.GetAsync(_eventId, FormKind.Profile);

        Assert.Equal(0, form.Version);
        Assert.Contains(form.Fields, f => f.Type == FieldType.Url);
        Assert.Contains(form.Fields, f => f.Required);
        Assert.Equal(form.Fields.Select(f => f.Id), (await Forms.GetAsync(_eventId, FormKind.Profile)).Fields.Select(f => f.Id));
    }

    [Fact]
    public async Task ReorderingAndRenamingKeepFieldIdsAndRemovedFieldsStayHidden()
    {
        var form = await Forms.GetAsync(_eventId, FormKind.Profile);
        var website = form.Fields.Single(f => f.Type == FieldType.Url);
        var sector = FormField.New(FieldType.SingleChoice, "Secteur", "Sector", required: true) with { Choices = [new("Énergie", "Energy"), new("Santé", "Health")] };
        var fields = form.Fields.Where(f => f.Type != FieldType.Country).Reverse()
            .Select(f => f.Id == website.Id ? f with { Label = new LocalizedText("Site internet", "Web site") } : f)
            .Append(sector).ToList();

        var saved = await Forms.SaveAsync(_eventId, form with { Fields = fields }, Nadia);

        Assert.Equal(MenuSaveStatus.Saved, saved.Status);
        var now = await Forms.GetAsync(_eventId, FormKind.Profile);
        Assert.Equal(1, now.Version);
        Assert.Equal(fields.Select(f => f.Id), now.Visible.Select(f => f.Id));
        Assert.Equal("Web site", now.Fields.Single(f => f.Id == website.Id).Label.En);
        var country = Assert.Single(now.Fields, f => f.Type == FieldType.Country);
        Assert.True(country.Removed);
        Assert.Equal("1 field(s) added, 1 field(s) removed", (await new HistoryService(_db.Factory).GetAsync(_eventId)).Single().Summary);
    }

    [Fact]
    public async Task InvalidFieldsGetErrorsAndStaleSavesAreRefused()
    {
        var form = await Forms.GetAsync(_eventId, FormKind.Team);
        var bad = await Forms.SaveAsync(_eventId, form with { Fields = [FormField.New(FieldType.MultipleChoice, "", ""), form.Fields[0], form.Fields[0]] }, Nadia);

        Assert.Equal(MenuSaveStatus.Invalid, bad.Status);
        Assert.Equal(["fields[0].choices", "fields[0].label", "fields[2].id"], bad.Errors!.Keys.Order());

        await Forms.SaveAsync(_eventId, form, Nadia);
        var stale = await Forms.SaveAsync(_eventId, form, Nadia);
        Assert.Equal(MenuSaveStatus.Conflict, stale.Status);
    }

    [Fact]
    public void AnswersAreCheckedAgainstTheForm()
    {
        var required = FormField.New(FieldType.Text, "Nom", "Name", required: true);
        var site = FormField.New(FieldType.Url, "Site", "Site");
        var mail = FormField.New(FieldType.Email, "E-mail", "E-mail");
        var when = FormField.New(FieldType.Date, "Date", "Date");
        var choice = FormField.New(FieldType.SingleChoice, "Choix", "Choice") with { Choices = [new("Oui", "Yes")] };
        var gone = FormField.New(FieldType.Text, "Ancien", "Old", required: true) with { Removed = true };
        var form = new FormDocument(FormKind.Profile, 1, [required, site, mail, when, choice, gone]);

        var errors = FormAnswers.Validate(form, new Dictionary<Guid, string?>
        {
            [site.Id] = "javascript:alert(1)",
            [mail.Id] = "nope",
            [when.Id] = "31/12/2026",
            [choice.Id] = "Maybe",
        });
        var fine = FormAnswers.Validate(form, new Dictionary<Guid, string?>
        {
            [required.Id] = "Acme",
            [site.Id] = "https://acme.example",
            [when.Id] = "2026-12-31",
            [choice.Id] = "Yes",
        });

        Assert.Equal(new[] { required.Id, site.Id, mail.Id, when.Id, choice.Id }.Select(i => i.ToString()).Order(), errors.Keys.Order());
        Assert.Empty(fine);
    }

    [Fact]
    public async Task AFormChangeCanBeUndoneWithoutLosingFieldIds()
    {
        var form = await Forms.GetAsync(_eventId, FormKind.Profile);
        await Forms.SaveAsync(_eventId, form with { Fields = form.Fields.Skip(1).ToList() }, Nadia);
        var change = (await new HistoryService(_db.Factory).GetAsync(_eventId)).Single();

        var undone = await Forms.UndoAsync(_eventId, change, Nadia);

        Assert.Equal(MenuSaveStatus.Saved, undone.Status);
        Assert.Equal(form.Fields.Select(f => f.Id), undone.Current.Visible.Select(f => f.Id));
    }
}
