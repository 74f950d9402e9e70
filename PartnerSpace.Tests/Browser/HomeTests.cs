using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>The partner's Home (S-2.1), the organizer's Home editor, the readiness board and the badges (S-1.5), live (S-5).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class HomeTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    /// <summary>S-5: within a second of the API's answer or the organizer's save (as LiveLeadsTests measures).</summary>
    private static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(1);

    private async Task<Viewer> AcmeAdminAsync(Guid acme) => new(ViewerKind.Person, await Portal.QueryAsync(db =>
        db.PartnerMembers.Where(m => m.PartnerId == acme && m.Person!.Email == DemoData.AcmeAdminEmail).Select(m => m.PersonId).SingleAsync()));

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.1")]
    [Trait("Spec", "S-5")]
    public async Task HomeShowsTheLogoTheContactsAndALeadsCounterThatGrowsWhenAScanArrives()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var admin = await AcmeAdminAsync(acme);
        var profiles = Portal.Services.GetRequiredService<PartnerProfileService>();
        var profile = (await profiles.GetAsync(admin, acme)).Value!;
        var logoField = profile.Form.Visible.First(f => f.Type == FieldType.Image);
        var logo = await profiles.UploadAsync(admin, acme, logoField.Id, "logo.png", SampleImages.PngOf(1600, 800));
        await profiles.SaveAsync(admin, acme, profile.Version, new Dictionary<Guid, string?>(profile.Answers) { [profile.Form.Visible[0].Id] = "Everything, on time.", [logoField.Id] = logo.Value.ToString() });

        // A badge that is not yet one of Acme's leads: its scan makes a new lead.
        var badge = await Portal.QueryAsync(db => db.Attendees
            .Where(a => a.BadgeCode.StartsWith("DEMO-") && !db.Leads.Any(l => l.PartnerId == acme && l.PersonId == a.PersonId))
            .OrderBy(a => a.BadgeCode).Select(a => a.BadgeCode).FirstAsync());
        await SignInAsDemoAsync("partner-admin");
        var home = new PartnerHomePage(Page);
        await home.OpenAsync(acme);

        await Expect(home.Logo).ToHaveAttributeAsync("src", $"/files/{logo.Value}?display=1");
        Assert.True(await home.Logo.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 400"), "the display copy, 400 pixels wide, is shown");
        await Expect(home.ContactNames).ToHaveTextAsync(["Nadia Organizer", "Marc Lefort", "Sophie Tran"]);
        await Expect(Page.GetByTestId("home-contact-email").First).ToHaveAttributeAsync("href", $"mailto:{DemoData.OrganizerEmail}");
        var before = await home.ReadCounterAsync("LeadsCounter");
        using var scanner = AcmeScanner();

        await scanner.ScanAsync(badge, DemoData.AcmeAdminEmail, DateTimeOffset.UtcNow.AddSeconds(-1));

        var deadline = LiveDeadline.Start(LiveWithin);
        await Expect(home.Counter("LeadsCounter")).ToHaveTextAsync($"{before + 1}", new() { Timeout = deadline.RemainingMilliseconds });
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.1")]
    [Trait("Spec", "S-5")]
    public async Task AContactTheOrganizerAddsAppearsOnAnOpenPartnerHome()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var partnerContext = await NewContextAsync();
        await SignInAsDemoAsync("partner-admin", partnerContext);
        var home = new PartnerHomePage(await partnerContext.NewPageAsync());
        await home.OpenAsync(acme);
        var contactsBefore = await home.ContactNames.CountAsync();

        await SignInAsDemoAsync("organizer");
        var editor = new HomeEditorScreen(Page);
        await editor.OpenAsync();
        await editor.AddContact.ClickAsync();
        await Expect(editor.ContactRows).ToHaveCountAsync(contactsBefore + 1);
        await editor.ContactField(contactsBefore, "name").FillAsync("Zoé Accueil");
        await editor.Save.ClickAsync();
        await Expect(editor.ContactRows.Nth(contactsBefore).GetByText("Give an e-mail address or a phone number.")).ToBeVisibleAsync();
        await Expect(editor.ContactField(contactsBefore, "name")).ToHaveValueAsync("Zoé Accueil");
        await editor.ContactField(contactsBefore, "phone").FillAsync("+33 4 72 00 10 30");
        await editor.Save.ClickAsync();

        await Expect(home.ContactNames.Last).ToHaveTextAsync("Zoé Accueil", new() { Timeout = (float)LiveWithin.TotalMilliseconds * 3 });
        await Expect(home.Page.GetByTestId("home-contact-phone").Last).ToHaveAttributeAsync("href", "tel:+33472001030");
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.2")]
    public async Task TheReadinessBoardFiltersThePartnersWhoAreBehind()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var admin = await AcmeAdminAsync(acme);
        var profiles = Portal.Services.GetRequiredService<PartnerProfileService>();
        var profile = (await profiles.GetAsync(admin, acme)).Value!;
        await profiles.SaveAsync(admin, acme, profile.Version, new Dictionary<Guid, string?>(profile.Answers) { [profile.Form.Visible[0].Id] = "Everything, on time." });

        // Nordlys has not filled its profile in (the demo fills every partner's).
        var nordlys = await Portal.PartnerIdAsync("Nordlys Énergie");
        await Portal.QueryAsync(db => db.PartnerProfiles.Where(p => p.PartnerId == nordlys).ExecuteDeleteAsync());
        await SignInAsDemoAsync("organizer");
        var board = new ReadinessScreen(Page);
        await board.OpenAsync();
        await Expect(board.PartnerNames.Filter(new() { HasText = "Nordlys Énergie" })).ToHaveCountAsync(1);
        await Expect(board.PartnerNames.Filter(new() { HasText = DemoData.AcmeName })).ToHaveCountAsync(1);
        await Expect(board.PartnerNames.Filter(new() { HasText = DemoData.TestPartnerName })).ToHaveCountAsync(0);

        await board.ChooseAreaAsync("Profile");
        await board.BehindOnly.ClickAsync();

        await Expect(board.PartnerNames.Filter(new() { HasText = DemoData.AcmeName })).ToHaveCountAsync(0);
        await Expect(board.PartnerNames.Filter(new() { HasText = "Nordlys Énergie" })).ToHaveCountAsync(1);
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-1.5")]
    [Trait("Spec", "S-2.3")]
    public async Task TheBadgesPageShowsAQrCodePerRegisteredMemberAndDownloadsThemAll()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var eventId = await Portal.QueryAsync(db => db.Partners.Where(p => p.Id == acme).Select(p => p.EventId).SingleAsync());
        var options = Portal.Services.GetRequiredService<EventOptionsService>();
        var state = await options.GetAsync(eventId);
        await options.SaveAsync(eventId, state with { Values = state.Values with { TeamShowBadges = true } }, new Actor(Guid.NewGuid(), "Tests"));
        var registered = await Portal.QueryAsync(db => db.PartnerMembers.Where(m => m.PartnerId == acme && db.Attendees.Any(a => a.PersonId == m.PersonId))
            .Join(db.Attendees, m => m.PersonId, a => a.PersonId, (m, a) => a.BadgeCode).ToListAsync());
        await SignInAsDemoAsync("partner-admin");
        var badges = new BadgesScreen(Page);

        await badges.OpenAsync(acme);

        await Expect(badges.Badges).ToHaveCountAsync(registered.Count);
        foreach (var code in registered)
        {
            await Expect(Page.Locator($"[data-testid=badge][data-badge-code='{code}'] svg path")).ToHaveCountAsync(1);
        }

        var download = await Page.RunAndWaitForDownloadAsync(() => badges.DownloadAll.ClickAsync());
        Assert.EndsWith(".zip", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        Assert.True(new FileInfo(path).Length > 0);
    }
}
