using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.2")]
public sealed class PartnerProfileServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _partnerId;
    private Viewer _admin = null!;

    private FormService Forms => new(_db.Factory, _db.Live, _db.Time);

    private PartnerProfileService Profiles => new(_db.Factory, _db.Access, Forms, _db.Files, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _partnerId = (await _db.AddPartnerAsync(_eventId)).Id;
        _admin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.Administrator, "admin@acme.example")).Id);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    [Trait("Spec", "S-1.4")]
    public async Task ARequiredFieldLeftEmptyIsRefusedAndNothingIsSaved()
    {
        var profile = (await Profiles.GetAsync(_admin, _partnerId)).Value!;
        var description = profile.Form.Visible.Single(f => f.Required);
        var website = profile.Form.Visible.Single(f => f.Type == FieldType.Url);

        var result = await Profiles.SaveAsync(_admin, _partnerId, 0, new Dictionary<Guid, string?> { [website.Id] = "https://acme.example" });

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Contains(description.Id.ToString(), result.Error.Fields!.Keys);
        Assert.Empty((await Profiles.GetAsync(_admin, _partnerId)).Value!.Answers);
    }

    [Fact]
    public async Task SavedAnswersComeBackWithCompletionAndTellOpenScreens()
    {
        var profile = (await Profiles.GetAsync(_admin, _partnerId)).Value!;
        var description = profile.Form.Visible.Single(f => f.Required);
        var events = new List<LiveEvent>();
        using var _ = _db.Live.Subscribe(Topics.Partner(_partnerId), e => { events.Add(e); return Task.CompletedTask; });

        var saved = await Profiles.SaveAsync(_admin, _partnerId, 0, new Dictionary<Guid, string?> { [description.Id] = "  Rockets and anvils  " });

        Assert.True(saved.IsSuccess, saved.Error?.Message);
        Assert.Equal("Rockets and anvils", saved.Value!.Answers[description.Id]);
        Assert.Equal(1, saved.Value.Version);
        Assert.True(saved.Value.Completion.IsComplete);
        Assert.Equal(100 / profile.Form.Visible.Count, saved.Value.Completion.Percent);
        Assert.Contains(events, e => e is ProfileChanged);
        var completions = await Profiles.GetCompletionsAsync(_eventId);
        Assert.Equal(1, completions[_partnerId].Answered);
    }

    [Fact]
    public async Task AStaleSaveIsAConflictAndKeepsTheOtherSave()
    {
        var description = (await Profiles.GetAsync(_admin, _partnerId)).Value!.Form.Visible.Single(f => f.Required);
        await Profiles.SaveAsync(_admin, _partnerId, 0, new Dictionary<Guid, string?> { [description.Id] = "First" });

        var stale = await Profiles.SaveAsync(_admin, _partnerId, 0, new Dictionary<Guid, string?> { [description.Id] = "Second" });

        Assert.Equal(ErrorKind.Conflict, stale.Error!.Kind);
        Assert.Equal("First", (await Profiles.GetAsync(_admin, _partnerId)).Value!.Answers[description.Id]);
    }

    [Fact]
    [Trait("Spec", "S-1.4")]
    public async Task AnswersOfARemovedFieldAreHiddenNotLostAndComeBackWithIt()
    {
        var form = await Forms.GetAsync(_eventId, FormKind.Profile);
        var description = form.Fields.Single(f => f.Required);
        var website = form.Fields.Single(f => f.Type == FieldType.Url);
        await Profiles.SaveAsync(_admin, _partnerId, 0, new Dictionary<Guid, string?> { [description.Id] = "Anvils", [website.Id] = "https://acme.example" });
        var actor = new Actor(Guid.NewGuid(), "Nadia");
        var withoutWebsite = await Forms.SaveAsync(_eventId, form with { Fields = [.. form.Fields.Where(f => f.Id != website.Id)] }, actor);

        // The partner saves again without seeing the website field: its answer must survive.
        await Profiles.SaveAsync(_admin, _partnerId, 1, new Dictionary<Guid, string?> { [description.Id] = "Anvils, rockets" });
        await Forms.SaveAsync(_eventId, withoutWebsite.Current with { Fields = [.. withoutWebsite.Current.Fields.Select(f => f with { Removed = false })] }, actor);

        var profile = (await Profiles.GetAsync(_admin, _partnerId)).Value!;
        Assert.Equal("https://acme.example", profile.Answers[website.Id]);
        Assert.Equal("Anvils, rockets", profile.Answers[description.Id]);
    }

    [Fact]
    [Trait("Spec", "S-4.1")]
    public async Task AnotherPartnersAdministratorCanNeitherReadNorWrite()
    {
        var other = (await _db.AddPartnerAsync(_eventId, "Globex")).Id;
        var stranger = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, other, MemberRole.Administrator, "boss@globex.example")).Id);

        Assert.Equal(ErrorKind.Forbidden, (await Profiles.GetAsync(stranger, _partnerId)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Profiles.SaveAsync(stranger, _partnerId, 0, new Dictionary<Guid, string?>())).Error!.Kind);
    }

    [Fact]
    public void CompletionCountsVisibleFieldsAndAnUncheckedBoxIsNotAnAnswer()
    {
        var box = FormField.New(FieldType.Checkbox, "Accord", "Consent", required: true);
        var text = FormField.New(FieldType.Text, "Slogan", "Tagline");
        var gone = FormField.New(FieldType.Text, "Ancien", "Old") with { Removed = true };
        var form = new FormDocument(FormKind.Profile, 1, [box, text, gone]);

        var completion = ProfileCompletion.Of(form, new Dictionary<Guid, string?> { [box.Id] = "false", [text.Id] = "Beep", [gone.Id] = "x" });

        Assert.Equal(new ProfileCompletion(1, 2, 1), completion);
        Assert.Equal(50, completion.Percent);
        Assert.False(completion.IsComplete);
    }

    [Fact]
    [Trait("Spec", "S-1.4")]
    public async Task ALogoIsCheckedByContentAndSizeThenStoredAsAPublicImage()
    {
        var logo = (await Profiles.GetAsync(_admin, _partnerId)).Value!.Form.Visible.Single(f => f.Type == FieldType.Image);
        var files = _db.Files;

        var stored = await Profiles.UploadAsync(_admin, _partnerId, logo.Id, "logo.png", SampleImages.Png);
        var disguised = await Profiles.UploadAsync(_admin, _partnerId, logo.Id, "logo.png", "<svg onload=alert(1)>"u8.ToArray());
        var huge = await Profiles.UploadAsync(_admin, _partnerId, logo.Id, "logo.png", [.. SampleImages.Png, .. new byte[3 * 1024 * 1024]]);

        Assert.True(stored.IsSuccess, stored.Error?.Message);
        var file = await files.GetAsync(stored.Value);
        Assert.Equal(("image/png", true, _partnerId), (file!.ContentType, file.IsPublic, file.PartnerId!.Value));
        Assert.Equal(["Logo: logo.png is not a real PNG file."], disguised.Error!.Fields![logo.Id.ToString()]);
        Assert.Equal(["Logo: the file is 3.1 MB; the limit is 2 MB."], huge.Error!.Fields![logo.Id.ToString()]);
    }

    [Fact]
    [Trait("Spec", "S-4.1")]
    public async Task NoOneElseUploadsToAProfile()
    {
        var logo = (await Profiles.GetAsync(_admin, _partnerId)).Value!.Form.Visible.Single(f => f.Type == FieldType.Image);
        var other = (await _db.AddPartnerAsync(_eventId, "Globex")).Id;
        var stranger = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, other, MemberRole.Administrator, "boss@globex.example")).Id);

        var result = await Profiles.UploadAsync(stranger, _partnerId, logo.Id, "logo.png", SampleImages.Png);

        Assert.Equal(ErrorKind.Forbidden, result.Error!.Kind);
    }
}
