using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Team;

namespace PartnerSpace.Tests.Components;

/// <summary>A partner's team in the organizer's back office, on a real database (S-2.3, S-4.1).</summary>
[Trait("Spec", "S-2.3")]
[Trait("Spec", "S-4.1")]
public sealed class TeamEditorTests : ComponentTestBase
{
    private readonly TestDatabase _db = new();
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private IRenderedComponent<MudSnackbarProvider> _snackbars = null!;
    private Guid _eventId;
    private Guid _partnerId;
    private Viewer _organizer = null!;

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    /// <summary>An event with an organizer and a partner whose only administrator is Ada Lovelace.</summary>
    private async Task ArrangeTeamAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        var organizer = await _db.AddOrganizerAsync(_eventId, "org@show.example");
        _organizer = new Viewer(ViewerKind.Organizer, organizer.Id);
        _partnerId = (await _db.AddPartnerAsync(_eventId)).Id;
        await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.Administrator, "ada@acme.example");
        Services.AddSingleton(_db.Spaces);
        Services.AddSingleton(new MemberService(_db.Factory, _db.Access, _db.Spaces, Forms, _db.Files, _db.Time, _db.SecurityLog));
        Services.AddSingleton(new MemberImportService(_db.Factory, _db.Access, _db.Spaces, _db.Time, _db.SecurityLog));
        Services.AddSingleton(new PartnerSpace.Domain.Access.SessionRevocation(_db.Factory, _db.Access, _db.SecurityLog, _db.Time));
        Services.AddSingleton(new BadgeService(_db.Factory, _db.Access, Options));
        Services.AddSingleton(new PartnerProfileService(_db.Factory, _db.Access, Forms, _db.Files, _db.Live, _db.Time));
    }

    private PartnerSpace.Domain.Forms.FormService Forms => new(_db.Factory, _db.Live, _db.Time);

    private PartnerSpace.Domain.Events.EventOptionsService Options => new(_db.Factory, _db.Live, _db.Time);

    private async Task AddMemberAsync(string email, string first, string last, MemberRole role)
    {
        var person = await _db.AddPersonAsync(_eventId, email, first, last);
        await _db.SaveAsync(new PartnerMember(_partnerId, person.Id, role, _db.Time.GetUtcNow()));
    }

    private IRenderedComponent<TeamEditor> RenderEditor()
    {
        // The role menus, the removal dialog and the messages are drawn by the layout's providers.
        _popovers = Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        var cut = Render<TeamEditor>(p => p.Add(x => x.PartnerId, _partnerId).Add(x => x.Viewer, _organizer));
        cut.WaitForElement("[data-testid=team-table]");
        return cut;
    }

    private static List<string> Column(IRenderedComponent<TeamEditor> cut, string selector) =>
        [.. cut.FindAll(selector).Select(e => e.TextContent.Trim())];

    private void ChooseRole(IRenderedComponent<TeamEditor> cut, string role)
    {
        cut.Find("[data-testid=member-role]").Closest(".mud-input-control")!.MouseDown();
        _popovers.WaitForElements(".mud-list-item").Single(i => i.TextContent.Trim() == role).Click();
    }

    private Task<List<(string Email, MemberRole Role)>> StoredTeamAsync() =>
        _db.QueryAsync(db => db.PartnerMembers.Where(m => m.PartnerId == _partnerId)
            .OrderBy(m => m.Person!.Email)
            .Select(m => new ValueTuple<string, MemberRole>(m.Person!.Email, m.Role))
            .ToListAsync());

    [Fact]
    public async Task MembersAreListedWithTheirRoleAndWhetherTheyHaveABadge()
    {
        await ArrangeTeamAsync();
        await AddMemberAsync("sam@acme.example", "Sam", "Seller", MemberRole.SalesContact);
        await _db.AddAttendeeAsync(_eventId, "B-1", "bea@acme.example", "Bea", "Badge");
        var bea = await _db.QueryAsync(db => db.People.SingleAsync(p => p.Email == "bea@acme.example"));
        await _db.SaveAsync(new PartnerMember(_partnerId, bea.Id, MemberRole.RegisteredAttendee, _db.Time.GetUtcNow()));

        var cut = RenderEditor();

        var rows = cut.FindAll("[data-testid=team-table] tbody tr").Select(r => (
            Name: r.QuerySelector("[data-testid=member-name]")!.TextContent.Trim(),
            Role: r.QuerySelector("[data-testid=member-row-role]")!.TextContent.Trim(),
            Badge: r.QuerySelector("td[data-label=Badge]")!.TextContent.Trim())).ToList();
        Assert.Equal(("Ada Lovelace", "Administrator", "Not registered"), rows[0]);
        Assert.Equal(
            [("Bea Badge", "Registered attendee", "Registered"), ("Sam Seller", "Sales contact", "Not registered")],
            rows.Skip(1).OrderBy(r => r.Name, StringComparer.Ordinal));
    }

    [Fact]
    public async Task BadInputShowsEachFieldsErrorKeepsWhatWasTypedAndAddsNobody()
    {
        await ArrangeTeamAsync();
        var cut = RenderEditor();

        cut.Find("input[data-testid=member-email]").Change("not-an-email");
        cut.Find("input[data-testid=member-first]").Change("Grace");
        cut.Find("[data-testid=member-add]").Click();

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("input[data-testid=member-email]").GetAttribute("aria-invalid")));
        Assert.Contains("Enter a valid e-mail address.", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("A last name is 1 to", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("false", cut.Find("input[data-testid=member-first]").GetAttribute("aria-invalid"));
        Assert.Equal("true", cut.Find("input[data-testid=member-last]").GetAttribute("aria-invalid"));
        Assert.Equal("not-an-email", cut.Find("input[data-testid=member-email]").GetAttribute("value"));
        Assert.Equal("Grace", cut.Find("input[data-testid=member-first]").GetAttribute("value"));
        Assert.Equal([("ada@acme.example", MemberRole.Administrator)], await StoredTeamAsync());
    }

    [Fact]
    public async Task ASalesContactIsAddedWithTheNoteThatTheyAreNotRegistered()
    {
        await ArrangeTeamAsync();
        var cut = RenderEditor();
        Assert.Empty(cut.FindAll("[data-testid=sales-contact-note]"));

        ChooseRole(cut, "Sales contact");
        cut.WaitForElement("[data-testid=sales-contact-note]");
        cut.Find("input[data-testid=member-email]").Change("Sam@Acme.example");
        cut.Find("input[data-testid=member-first]").Change("Sam");
        cut.Find("input[data-testid=member-last]").Change("Seller");
        cut.Find("[data-testid=member-add]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Ada Lovelace", "Sam Seller"], Column(cut, "[data-testid=member-name]")));
        Assert.Equal(
            "Adding a sales contact does not register them to the event: to reach the attendee space they also need to be registered.",
            cut.Find("[data-testid=sales-contact-note]").TextContent.Trim());
        Assert.Equal(["Administrator", "Sales contact"], Column(cut, "[data-testid=member-row-role]"));
        Assert.Equal("Not registered", Column(cut, "td[data-label=Badge]")[1]);
        Assert.Null(cut.Find("input[data-testid=member-email]").GetAttribute("value"));
        Assert.Contains("Sam Seller was added as a sales contact. They are not yet registered to the event", _snackbars.Markup, StringComparison.Ordinal);
        Assert.Equal([("ada@acme.example", MemberRole.Administrator), ("sam@acme.example", MemberRole.SalesContact)], await StoredTeamAsync());
    }

    [Fact]
    public async Task RemovingTheLastAdministratorIsRefusedWithTheReason()
    {
        await ArrangeTeamAsync();
        await AddMemberAsync("sam@acme.example", "Sam", "Seller", MemberRole.SalesContact);
        var cut = RenderEditor();

        cut.Find("[aria-label='Remove Ada Lovelace from the team']").Click();
        _dialogs.WaitForElements(".mud-message-box button").Single(b => b.TextContent.Trim() == "Remove").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains("A partner keeps at least one administrator: name another one first.", _snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(["Ada Lovelace", "Sam Seller"], Column(cut, "[data-testid=member-name]"));
        Assert.Equal(2, (await StoredTeamAsync()).Count);
    }

    [Fact]
    public async Task AnotherMemberIsRemovedOnceConfirmed()
    {
        await ArrangeTeamAsync();
        await AddMemberAsync("sam@acme.example", "Sam", "Seller", MemberRole.SalesContact);
        var cut = RenderEditor();

        cut.Find("[aria-label='Remove Sam Seller from the team']").Click();
        _dialogs.WaitForElements(".mud-message-box button").Single(b => b.TextContent.Trim() == "Remove").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Ada Lovelace"], Column(cut, "[data-testid=member-name]")));
        Assert.Equal([("ada@acme.example", MemberRole.Administrator)], await StoredTeamAsync());
    }

    [Fact]
    public async Task DemotingTheLastAdministratorIsRefusedAndTheRoleStays()
    {
        await ArrangeTeamAsync();
        var cut = RenderEditor();

        cut.Find("[data-testid=member-row-role]").Closest(".mud-input-control")!.MouseDown();
        _popovers.WaitForElements(".mud-list-item").Single(i => i.TextContent.Trim() == "Sales contact").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains("A partner keeps at least one administrator: name another one first.", _snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(["Administrator"], Column(cut, "[data-testid=member-row-role]"));
        Assert.Equal([("ada@acme.example", MemberRole.Administrator)], await StoredTeamAsync());
    }

    [Fact]
    public async Task AnImportedFileIsPreviewedThenAddedToTheList()
    {
        await ArrangeTeamAsync();
        var cut = RenderEditor();

        cut.FindComponents<InputFile>()[^1].UploadFiles(InputFileContent.CreateFromText(
            "email,first_name,last_name,role\nbo@acme.example,Bo,Chen,attendee\nada@acme.example,Ada,Lovelace,\n", "team.csv"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=import-row-status]").Count));
        Assert.Equal(["New", "already in the team"], Column(cut, "[data-testid=import-row-status]"));
        Assert.True(cut.Find("[data-testid=import-confirm]").HasAttribute("disabled"));

        cut.FindComponents<InputFile>()[^1].UploadFiles(InputFileContent.CreateFromText(
            "email,first_name,last_name,role\nbo@acme.example,Bo,Chen,attendee\n", "team.csv"));
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=import-confirm]").HasAttribute("disabled")));
        cut.Find("[data-testid=import-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal("1 people added to the team.", cut.Find("[data-testid=import-result]").TextContent.Trim()));
        Assert.Equal(["Ada Lovelace", "Bo Chen"], Column(cut, "[data-testid=member-name]"));
        Assert.Equal(["Administrator", "Registered attendee"], Column(cut, "[data-testid=member-row-role]"));
    }

    [Fact]
    [Trait("Spec", "S-1.5")]
    public async Task TheTeamFormIsFilledWhenAddingAndARequiredAnswerIsAskedFor()
    {
        await ArrangeTeamAsync();
        var form = await Forms.GetAsync(_eventId, PartnerSpace.Domain.Forms.FormKind.Team);
        var jobTitle = form.Fields[0] with { Required = true };
        await Forms.SaveAsync(_eventId, form with { Fields = [jobTitle, form.Fields[1]] }, new PartnerSpace.Domain.Audit.Actor(Guid.NewGuid(), "Nadia"));
        var cut = RenderEditor();
        var field = cut.Find($"[data-testid=member-form-fields] [data-field-id='{jobTitle.Id}']");
        Assert.Equal("true", field.GetAttribute("data-required"));

        cut.Find("input[data-testid=member-email]").Change("sam@acme.example");
        cut.Find("input[data-testid=member-first]").Change("Sam");
        cut.Find("input[data-testid=member-last]").Change("Seller");
        cut.Find("[data-testid=member-add]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Job title is required.", cut.Markup, StringComparison.Ordinal));
        Assert.Equal("Sam", cut.Find("input[data-testid=member-first]").GetAttribute("value"));

        cut.Find($"[data-field-id='{jobTitle.Id}'] input").Input("Key account manager");
        cut.Find("[data-testid=member-add]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Ada Lovelace", "Sam SellerKey account manager"], Column(cut, "[data-testid=member-name]")));
        Assert.Equal("Key account manager", cut.Find("[data-testid=member-answers]").TextContent.Trim());
    }

    [Fact]
    public async Task EveryRoleIsExplainedInPlainWords()
    {
        await ArrangeTeamAsync();
        var cut = RenderEditor();
        Assert.Empty(cut.FindAll("[data-testid=roles-explained]"));

        cut.Find("[data-testid=roles-toggle]").Click();

        var terms = cut.FindAll("[data-testid=roles-explained] dt").Select(d => d.TextContent).ToList();
        Assert.Equal(["Administrator", "Sales contact", "Registered attendee"], terms);
        Assert.Contains("No access to the partner space", cut.Find("[data-testid=roles-explained]").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("[data-testid=roles-toggle]").GetAttribute("aria-expanded"));
    }

    [Fact]
    [Trait("Spec", "S-1.5")]
    public async Task WithBadgesOnRegisteredMembersBadgesDownload()
    {
        await ArrangeTeamAsync();
        await _db.AddAttendeeAsync(_eventId, "B-1", "bea@acme.example", "Bea", "Badge");
        var bea = await _db.QueryAsync(db => db.People.SingleAsync(p => p.Email == "bea@acme.example"));
        await _db.SaveAsync(new PartnerMember(_partnerId, bea.Id, MemberRole.RegisteredAttendee, _db.Time.GetUtcNow()));
        var state = await Options.GetAsync(_eventId);
        await Options.SaveAsync(_eventId, state with { Values = state.Values with { TeamShowBadges = true } }, new PartnerSpace.Domain.Audit.Actor(Guid.NewGuid(), "Nadia"));

        var cut = RenderEditor();

        Assert.Contains("Badges of registered members: 1", cut.Find("[data-testid=badges-bar]").TextContent, StringComparison.Ordinal);
        Assert.Equal($"/partner/{_partnerId}/badges.zip", cut.Find("[data-testid=badges-download-all]").GetAttribute("href"));
        var download = Assert.Single(cut.FindAll("[data-testid=member-badge-download]"));
        Assert.EndsWith(".svg", download.GetAttribute("href"), StringComparison.Ordinal);
    }
}
