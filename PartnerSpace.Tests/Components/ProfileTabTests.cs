using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Files;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Features.Profile;
using FieldType = PartnerSpace.Domain.Forms.FieldType;

namespace PartnerSpace.Tests.Components;

/// <summary>The partner's profile tab as its administrator fills it, on a real database (S-2.2, the form of S-1.4).</summary>
[Trait("Spec", "S-2.2")]
[Trait("Spec", "S-1.4")]
public sealed class ProfileTabTests : ComponentTestBase
{
    private readonly TestDatabase _db = new();
    private IRenderedComponent<MudSnackbarProvider> _snackbars = null!;
    private Guid _partnerId;
    private Viewer _ada = null!;
    private PartnerProfileService _profiles = null!;
    private FormField _description = null!;
    private FormField _website = null!;

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    /// <summary>The organizer's profile form asks for a description and a website, both required; Ada, an administrator, is signed in.</summary>
    /// <param name="tabLive">What the tab listens to; another instance than the services' is a tab that missed their events.</param>
    private async Task<IRenderedComponent<ProfileTab>> RenderTabAsync(ILiveEvents? tabLive = null)
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        _partnerId = (await _db.AddPartnerAsync(ev.Id)).Id;
        var ada = await _db.AddMemberAsync(ev.Id, _partnerId, MemberRole.Administrator, "ada@acme.example");
        _ada = new Viewer(ViewerKind.Person, ada.Id);
        var forms = new FormService(_db.Factory, _db.Live, _db.Time);
        _description = FormField.New(FieldType.LongText, "Description", "Description", required: true);
        _website = FormField.New(FieldType.Url, "Site web", "Website", required: true);
        await forms.SaveAsync(ev.Id, new FormDocument(FormKind.Profile, 0, [_description, _website]), new Actor(Guid.NewGuid(), "Organizer"));

        Services.AddSingleton<TimeProvider>(_db.Time);
        Services.AddSingleton(tabLive ?? _db.Live);
        _profiles = new PartnerProfileService(_db.Factory, _db.Access, forms, _db.Files, _db.Live, _db.Time);
        Services.AddSingleton(_profiles);
        Services.AddSingleton(new PartnerSpace.Domain.Public.DirectoryService(_db.Factory, forms));
        SignIn(ViewerExtensions.PersonPrincipal(new SignedInPerson(ada.Id, ev.Id, ada.Email, "Ada Lovelace", "en"), "Test"));
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _snackbars = Render<MudSnackbarProvider>();
        var cut = Render<ProfileTab>(p => p.Add(x => x.PartnerId, _partnerId).Add(x => x.EventId, ev.Id).Add(x => x.TimeZoneId, ev.TimeZoneId));
        cut.WaitForElement("[data-testid=profile-form]");
        return cut;
    }

    private static IElement Field(IRenderedComponent<ProfileTab> cut, FormField field) =>
        cut.Find($"[data-testid=form-field][data-field-id='{field.Id}']");

    private static void Type(IRenderedComponent<ProfileTab> cut, FormField field, string text) =>
        Field(cut, field).QuerySelector("textarea, input")!.Input(text);

    private static string Completion(IRenderedComponent<ProfileTab> cut) => cut.Find("[data-testid=profile-completion]").TextContent.Trim();

    private Task<int> StoredProfilesAsync() => _db.QueryAsync(db => db.PartnerProfiles.CountAsync(p => p.PartnerId == _partnerId));

    [Fact]
    public async Task ARequiredFieldLeftEmptyIsNamedAndNothingIsSaved()
    {
        var cut = await RenderTabAsync();
        Assert.Equal("0% complete", Completion(cut));

        Type(cut, _website, "https://acme.example");
        cut.Find("[data-testid=save-profile]").Click();

        cut.WaitForElement("[data-testid=profile-errors]");
        Assert.Equal("Some answers need fixing: see the messages under the fields.", cut.Find("[data-testid=profile-errors]").TextContent.Trim());
        Assert.Contains("Description is required.", Field(cut, _description).TextContent, StringComparison.Ordinal);
        Assert.Equal("true", Field(cut, _description).QuerySelector("textarea")!.GetAttribute("aria-invalid"));
        Assert.DoesNotContain("required", Field(cut, _website).TextContent, StringComparison.Ordinal);
        Assert.Equal("https://acme.example", Field(cut, _website).QuerySelector("input")!.GetAttribute("value"));
        Assert.Equal("50% complete", Completion(cut));
        Assert.Equal(0, await StoredProfilesAsync());
    }

    [Fact]
    public async Task AnAnswerThatIsNotAWebAddressIsRefusedWithItsReason()
    {
        var cut = await RenderTabAsync();

        Type(cut, _description, "Analytical engines since 1843.");
        Type(cut, _website, "acme.example");
        cut.Find("[data-testid=save-profile]").Click();

        cut.WaitForElement("[data-testid=profile-errors]");
        Assert.Contains("Website: enter a web address starting with https://.", Field(cut, _website).TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await StoredProfilesAsync());
    }

    [Fact]
    public async Task AValidProfileIsSavedAndShowsItselfComplete()
    {
        var cut = await RenderTabAsync();

        Type(cut, _description, "Analytical engines since 1843.");
        Type(cut, _website, "https://acme.example");
        cut.Find("[data-testid=save-profile]").Click();

        cut.WaitForElement("[data-testid=profile-saved-at]");
        Assert.Equal("100% complete", Completion(cut));
        Assert.Empty(cut.FindAll("[data-testid=profile-errors]"));
        Assert.True(cut.Find("[data-testid=save-profile]").HasAttribute("disabled"));
        Assert.Contains("Profile saved.", _snackbars.Markup, StringComparison.Ordinal);
        var saved = (await _profiles.GetAsync(_ada, _partnerId)).Value!;
        Assert.Equal("Analytical engines since 1843.", saved.Answers[_description.Id]);
        Assert.Equal("https://acme.example", saved.Answers[_website.Id]);
        Assert.True(saved.Completion.IsComplete);
    }

    [Fact]
    public async Task FixingTheFieldClearsItsError()
    {
        var cut = await RenderTabAsync();
        Type(cut, _website, "https://acme.example");
        cut.Find("[data-testid=save-profile]").Click();
        cut.WaitForElement("[data-testid=profile-errors]");

        Type(cut, _description, "Analytical engines since 1843.");

        Assert.DoesNotContain("Description is required.", Field(cut, _description).TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=profile-errors]"));
        Assert.Equal("100% complete", Completion(cut));
    }

    [Fact]
    public async Task AfterAColleaguesSaveTheConflictIsShownAndSavingAgainKeepsTheseAnswers()
    {
        var cut = await RenderTabAsync();
        Type(cut, _description, "Mine.");
        Type(cut, _website, "https://mine.example");

        await _profiles.SaveAsync(_ada, _partnerId, 0, new Dictionary<Guid, string?> { [_description.Id] = "Theirs.", [_website.Id] = "https://theirs.example" });
        cut.WaitForElement("[data-testid=profile-conflict]");
        Assert.Equal("Mine.", Field(cut, _description).QuerySelector("textarea")!.TextContent);

        cut.Find("[data-testid=save-profile]").Click();

        cut.WaitForElement("[data-testid=profile-saved-at]");
        Assert.Empty(cut.FindAll("[data-testid=profile-conflict]"));
        var saved = (await _profiles.GetAsync(_ada, _partnerId)).Value!;
        Assert.Equal("Mine.", saved.Answers[_description.Id]);
        Assert.Equal(2, saved.Version);
    }

    [Fact]
    public async Task AStaleSaveShowsTheConflictSavesNothingAndSavingAgainKeepsTheseAnswers()
    {
        var cut = await RenderTabAsync(tabLive: new InMemoryLiveEvents(NullLogger<InMemoryLiveEvents>.Instance));
        Type(cut, _description, "Mine.");
        Type(cut, _website, "https://mine.example");
        await _profiles.SaveAsync(_ada, _partnerId, 0, new Dictionary<Guid, string?> { [_description.Id] = "Theirs.", [_website.Id] = "https://theirs.example" });

        cut.Find("[data-testid=save-profile]").Click();

        cut.WaitForElement("[data-testid=profile-conflict]");
        Assert.Equal("Mine.", Field(cut, _description).QuerySelector("textarea")!.TextContent);
        Assert.Equal("Theirs.", (await _profiles.GetAsync(_ada, _partnerId)).Value!.Answers[_description.Id]);

        cut.Find("[data-testid=save-profile]").Click();

        cut.WaitForElement("[data-testid=profile-saved-at]");
        Assert.Empty(cut.FindAll("[data-testid=profile-conflict]"));
        Assert.Equal("Mine.", (await _profiles.GetAsync(_ada, _partnerId)).Value!.Answers[_description.Id]);
    }
}
