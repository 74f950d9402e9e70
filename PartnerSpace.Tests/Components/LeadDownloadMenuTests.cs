using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Leads.Export;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Api;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Features.Leads.Export;

namespace PartnerSpace.Tests.Components;

/// <summary>The Download menu of the Leads page (S-2.12): plain download links, "only new" once there is a last download.</summary>
[Trait("Spec", "S-2.12")]
public sealed class LeadDownloadMenuTests : ComponentTestBase
{
    private const string Email = "admin@acme.example";
    private readonly TestDatabase _db = new();

    public LeadDownloadMenuTests()
        : base("fr")
    {
    }

    private async Task<(IRenderedComponent<MudPopoverProvider> Menu, Guid PartnerId)> RenderAsync(bool downloaded)
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        var partner = await _db.AddPartnerAsync(ev.Id);
        var admin = await _db.AddMemberAsync(ev.Id, partner.Id, MemberRole.Administrator, Email);
        if (downloaded)
        {
            await _db.SaveAsync(new LeadDownload(partner.Id, Email, 0, "xlsx", false, _db.Time.GetUtcNow()));
        }

        Services.AddSingleton(new LeadExportService(_db.Factory, _db.Time, _db.SecurityLog));
        SignIn(ViewerExtensions.PersonPrincipal(new SignedInPerson(admin.Id, ev.Id, Email, "Ada Lovelace", "fr"), "Test"));
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var popovers = Render<MudPopoverProvider>();
        var menu = Render<LeadDownloadMenu>(p => p.Add(x => x.PartnerId, partner.Id));
        await menu.Find("button").ClickAsync(new());
        return (popovers, partner.Id);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task ExcelAndEveryCategorysCsvArePlainDownloadLinks()
    {
        var (menu, partnerId) = await RenderAsync(downloaded: false);

        menu.WaitForAssertion(() => Assert.NotNull(menu.Find("[data-testid=lead-download-xlsx]")));
        var excel = menu.Find("a[data-testid=lead-download-xlsx]");
        Assert.Equal(LeadExportEndpoints.XlsxPath(partnerId), excel.GetAttribute("href"));
        Assert.True(excel.HasAttribute("download"));
        Assert.Contains("Excel : tous les leads", excel.TextContent, StringComparison.Ordinal);
        foreach (var category in LeadExportService.Categories)
        {
            var csv = menu.Find($"a[data-testid=lead-download-csv-{LeadExportEndpoints.Slug(category)}]");
            Assert.Equal(LeadExportEndpoints.CsvPath(partnerId, category), csv.GetAttribute("href"));
        }

        // Never downloaded: "only since my last download" is there but disabled, not a link (its tooltip says why).
        Assert.Empty(menu.FindAll("a[data-testid=lead-download-xlsx-new]"));
        Assert.Contains("seulement depuis mon dernier téléchargement", menu.Find("[data-testid=lead-download-xlsx-new]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterADownloadOnlyNewLinksWithTheTimeOfTheLastOne()
    {
        var (menu, partnerId) = await RenderAsync(downloaded: true);

        menu.WaitForAssertion(() => Assert.NotNull(menu.Find("a[data-testid=lead-download-xlsx-new]")));
        var onlyNew = menu.Find("a[data-testid=lead-download-xlsx-new]");
        Assert.Equal(LeadExportEndpoints.XlsxPath(partnerId, onlyNew: true), onlyNew.GetAttribute("href"));

        // 09:00 UTC is 10:00 in the event's zone (Paris).
        Assert.Contains("10:00", onlyNew.TextContent, StringComparison.Ordinal);
    }
}
