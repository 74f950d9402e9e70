using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Attendees;

namespace PartnerSpace.Tests.Components;

/// <summary>The attendee import's preview as the organizer sees it, on a real database (S-1.1, S-3.1).</summary>
[Trait("Spec", "S-1.1")]
[Trait("Spec", "S-3.1")]
public sealed class AttendeeImportTests : ComponentTestBase
{
    private const string Header = "email,first_name,last_name,company,badge_code,ticket,language\n";

    private readonly TestDatabase _db = new();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    private async Task<IRenderedComponent<AttendeeImport>> RenderImportAsync(Action<ImportResult>? imported = null)
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        var organizer = await _db.AddOrganizerAsync(ev.Id, "org@show.example");
        var partner = await _db.AddPartnerAsync(ev.Id);
        await _db.AddMemberAsync(ev.Id, partner.Id, MemberRole.SalesContact, "sam@acme.example");
        await _db.AddAttendeeAsync(ev.Id, "B-3", "grace@example.org");
        Services.AddSingleton(new AttendeeImportService(_db.Factory, new AttendeeService(_db.Factory, _db.Live, _db.Time), _db.Time));
        return Render<AttendeeImport>(p => p
            .Add(x => x.OrganizerId, organizer.Id)
            .Add(x => x.EventId, ev.Id)
            .Add(x => x.OnImported, r => imported?.Invoke(r)));
    }

    // MudFileUpload keeps a spare input beside the active one: the active one is the last.
    private static void Choose(IRenderedComponent<AttendeeImport> cut, string csv) =>
        cut.FindComponents<InputFile>()[^1].UploadFiles(InputFileContent.CreateFromText(csv, "attendees.csv"));

    private static List<string> Statuses(IRenderedComponent<AttendeeImport> cut) =>
        [.. cut.FindAll("[data-testid=import-row-status]").Select(c => c.TextContent.Trim())];

    [Fact]
    public async Task PreviewShowsEachRowsStatusOrErrorsAndImportWaitsUntilAllAreRight()
    {
        var cut = await RenderImportAsync();

        Choose(cut, Header
            + "ana@example.org,Ana,Lopez,Globex,B-1,VIP,en\n"
            + "sam@acme.example,Sam,Seller,Acme,B-2,,\n"
            + "grace@example.org,Grace,Hopper,,B-3,,\n"
            + "broken,Bo,,,B-1,,de\n");

        cut.WaitForAssertion(() => Assert.Equal(4, Statuses(cut).Count));
        Assert.Equal(
            ["New", "Known person: gets a badge", "Already registered: skipped", "invalid e-mail address; last_name is missing; same badge_code as row 2; language must be fr or en"],
            Statuses(cut));
        Assert.True(cut.Find("[data-testid=import-confirm]").HasAttribute("disabled"));
        Assert.Contains("Fix the rows in error", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AValidFileIsImportedAndTheSummarySaysWhatHappened()
    {
        ImportResult? imported = null;
        var cut = await RenderImportAsync(r => imported = r);

        Choose(cut, Header + "ana@example.org,Ana,Lopez,Globex,B-1,VIP,en\n" + "grace@example.org,Grace,Hopper,,B-3,,\n");
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=import-confirm]").HasAttribute("disabled")));
        cut.Find("[data-testid=import-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal(
            "Imported: 1 new attendees, 0 known people given a badge, 1 already registered left as they were.",
            cut.Find("[data-testid=import-result]").TextContent.Trim()));
        Assert.Equal(new ImportResult(1, 0, 1), imported);
        Assert.Empty(cut.FindAll("[data-testid=import-preview]"));
    }

    [Fact]
    public async Task AFileThatCannotBeReadSaysWhyInFrench()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr");
        var cut = await RenderImportAsync();

        Choose(cut, "nom,téléphone\nAna,123\n");

        cut.WaitForAssertion(() => Assert.StartsWith(
            "La ligne d'en-tête doit avoir les colonnes email, first_name, last_name, badge_code (facultatives : company, ticket, language). Manquantes :",
            cut.Find("[data-testid=import-error]").TextContent.Trim(),
            StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=import-confirm]"));
    }
}
