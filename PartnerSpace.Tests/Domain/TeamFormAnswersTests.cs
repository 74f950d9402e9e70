using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>Team members fill the organizer's team form (S-1.5) when they are added or edited (S-2.3).</summary>
[Trait("Spec", "S-1.5")]
[Trait("Spec", "S-2.3")]
public sealed class TeamFormAnswersTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _partnerId;
    private Viewer _admin = null!;
    private FormField _jobTitle = null!;
    private FormField _phone = null!;

    private FormService Forms => new(_db.Factory, _db.Live, _db.Time);

    private MemberService Members => new(_db.Factory, _db.Access, _db.Spaces, Forms, _db.Files, _db.Time, _db.SecurityLog);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _partnerId = (await _db.AddPartnerAsync(_eventId)).Id;
        _admin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.Administrator, "admin@acme.example")).Id);

        // The organizer makes the job title required.
        var form = await Forms.GetAsync(_eventId, FormKind.Team);
        _jobTitle = form.Fields[0] with { Required = true };
        _phone = form.Fields[1];
        var saved = await Forms.SaveAsync(_eventId, form with { Fields = [_jobTitle, _phone] }, new Actor(Guid.NewGuid(), "Nadia"));
        Assert.Equal(PartnerSpace.Domain.Menu.MenuSaveStatus.Saved, saved.Status);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task AMissingRequiredAnswerOrABadPhoneIsRefusedByField()
    {
        var result = await Members.AddAsync(_admin, _partnerId, new MemberDraft("sam@acme.example", "Sam", "Seller", MemberRole.SalesContact, new Dictionary<Guid, string?> { [_phone.Id] = "call me" }));

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Equal(new[] { _jobTitle.Id.ToString(), _phone.Id.ToString() }.Order(StringComparer.Ordinal), result.Error.Fields!.Keys.Order(StringComparer.Ordinal));
        Assert.Single((await Members.ListAsync(_admin, _partnerId)).Value!);
    }

    [Fact]
    public async Task AnswersAreStoredWithTheMemberAndListed()
    {
        var added = await Members.AddAsync(_admin, _partnerId, new MemberDraft("sam@acme.example", "Sam", "Seller", MemberRole.SalesContact, new Dictionary<Guid, string?> { [_jobTitle.Id] = "  Key account manager ", [_phone.Id] = "+33 6 12 34 56 78" }));

        var sam = (await Members.ListAsync(_admin, _partnerId)).Value!.Single(m => m.MemberId == added.Value);
        Assert.Equal("Key account manager", sam.Answers[_jobTitle.Id]);
        Assert.Equal("+33 6 12 34 56 78", sam.Answers[_phone.Id]);
    }

    [Fact]
    public async Task EditingReplacesVisibleAnswersAndKeepsThoseOfRemovedFields()
    {
        var added = await Members.AddAsync(_admin, _partnerId, new MemberDraft("sam@acme.example", "Sam", "Seller", MemberRole.SalesContact, new Dictionary<Guid, string?> { [_jobTitle.Id] = "Sales", [_phone.Id] = "+33 1 23 45 67 89" }));
        var form = await Forms.GetAsync(_eventId, FormKind.Team);
        await Forms.SaveAsync(_eventId, form with { Fields = [_jobTitle] }, new Actor(Guid.NewGuid(), "Nadia"));

        var edited = await Members.EditAsync(_admin, _partnerId, added.Value, "Samuel", "Seller", new Dictionary<Guid, string?> { [_jobTitle.Id] = "Head of sales" });

        Assert.True(edited.IsSuccess);
        var sam = (await Members.ListAsync(_admin, _partnerId)).Value!.Single(m => m.MemberId == added.Value);
        Assert.Equal("Samuel", sam.FirstName);
        Assert.Equal("Head of sales", sam.Answers[_jobTitle.Id]);
        Assert.Equal("+33 1 23 45 67 89", sam.Answers[_phone.Id]);
    }

    [Fact]
    public async Task ARenameAloneKeepsTheAnswersAndAnInvalidEditChangesNothing()
    {
        var added = await Members.AddAsync(_admin, _partnerId, new MemberDraft("sam@acme.example", "Sam", "Seller", MemberRole.SalesContact, new Dictionary<Guid, string?> { [_jobTitle.Id] = "Sales" }));

        await Members.RenameAsync(_admin, _partnerId, added.Value, "Sammy", "Seller");
        var refused = await Members.EditAsync(_admin, _partnerId, added.Value, "Sam", "Seller", new Dictionary<Guid, string?> { [_jobTitle.Id] = " " });

        Assert.Equal([_jobTitle.Id.ToString()], refused.Error!.Fields!.Keys);
        var sam = (await Members.ListAsync(_admin, _partnerId)).Value!.Single(m => m.MemberId == added.Value);
        Assert.Equal(("Sammy", "Sales"), (sam.FirstName, sam.Answers[_jobTitle.Id]));
    }

    [Fact]
    [Trait("Spec", "S-4.4")]
    public async Task AnOrganizerJoiningATeamIsNotAskedTheTeamForm()
    {
        var organizer = await _db.AddOrganizerAsync(_eventId, "nadia@show.example");

        var joined = await Members.AddOrganizerAsync(new Viewer(ViewerKind.Organizer, organizer.Id), _partnerId);

        Assert.True(joined.IsSuccess);
    }

    [Fact]
    public async Task ATeamFormFileIsCheckedByContentAndKeptPrivate()
    {
        var form = await Forms.GetAsync(_eventId, FormKind.Team);
        var photo = FormField.New(FieldType.Image, "Photo", "Photo");
        await Forms.SaveAsync(_eventId, form with { Fields = [.. form.Visible, photo] }, new Actor(Guid.NewGuid(), "Nadia"));

        var refused = await Members.UploadAsync(_admin, _partnerId, photo.Id, "photo.png", "<svg/>"u8.ToArray());
        var stored = await Members.UploadAsync(_admin, _partnerId, photo.Id, "photo.png", SampleImages.Png);

        Assert.Equal(ErrorKind.Validation, refused.Error!.Kind);
        var file = await _db.Files.GetAsync(stored.Value);
        Assert.False(file!.IsPublic);
        Assert.Equal(_partnerId, file.PartnerId);
    }
}
