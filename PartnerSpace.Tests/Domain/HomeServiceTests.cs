using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Home;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>The partner's Home page and the readiness board, with the counters and sources this feature brings (S-2.1, issue 5).</summary>
[Trait("Spec", "S-2.1")]
public sealed class HomeServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _organizerId;
    private Guid _acme;
    private Guid _nordlys;
    private Viewer _admin = null!;

    private FormService Forms => new(_db.Factory, _db.Live, _db.Time);

    private PartnerProfileService Profiles => new(_db.Factory, _db.Access, Forms, _db.Files, _db.Live, _db.Time);

    private HomeDashboardService Dashboards => new(_db.Factory, _db.Live);

    private IReadinessSource[] Sources => [new TeamReadiness(_db.Factory), new ProfileReadiness(Profiles, Forms)];

    private HomeService Home(params IHomeCounter[] counters) => new(_db.Factory, _db.Access, Profiles, Dashboards, counters, Sources);

    private ReadinessService Readiness => new(_db.Factory, Sources);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _organizerId = (await _db.AddOrganizerAsync(_eventId, "nadia@show.example")).Id;
        _acme = (await _db.AddPartnerAsync(_eventId, "Acme")).Id;
        _nordlys = (await _db.AddPartnerAsync(_eventId, "Nordlys")).Id;
        _admin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _acme, MemberRole.Administrator, "admin@acme.example")).Id);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task ScanAsync(Guid partnerId, string badgeCode)
    {
        await _db.AddAttendeeAsync(_eventId, badgeCode, $"{badgeCode.ToLowerInvariant()}@visitor.example");
        var at = _db.Time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await _db.Scans.RecordAsync(new ScanSource(_eventId, partnerId, null), [new ScanInput(Guid.CreateVersion7().ToString(), badgeCode, at, "admin@acme.example", null)]);
    }

    [Fact]
    public async Task TheLeadsCounterCountsThePartnersLeadsOnly()
    {
        await ScanAsync(_acme, "B-1");
        await ScanAsync(_acme, "B-2");
        await ScanAsync(_nordlys, "B-3");

        Assert.Equal(2, await new LeadsCounter(_db.Factory).CountAsync(_acme));
    }

    [Fact]
    public async Task CountersWithoutAFeatureAreNeitherOfferedNorShown()
    {
        var home = Home(new LeadsCounter(_db.Factory));

        var page = (await home.GetAsync(_admin, _acme)).Value!;

        Assert.Equal([HomeElement.LeadsCounter, HomeElement.ReadinessChecklist], home.AvailableElements);
        Assert.Equal([HomeElement.LeadsCounter, HomeElement.ReadinessChecklist], page.Elements);
        Assert.Equal(0, page.Counts[HomeElement.LeadsCounter]);
        Assert.Equal([ReadinessArea.Profile, ReadinessArea.Team], page.Checklist.Select(i => i.Area));
    }

    [Fact]
    public async Task TheHomeShowsTheTitleLogoContactsAndChosenElementsInOrder()
    {
        await Dashboards.SaveAsync(_organizerId, _eventId, new HomeDashboardState([HomeElement.ReadinessChecklist, HomeElement.LeadsCounter], [new HomeContact("Nadia", "Partner manager", "nadia@show.example", null)], 0));
        var form = await Forms.GetAsync(_eventId, FormKind.Profile);
        var logoField = form.Visible.First(f => f.Type == FieldType.Image);
        var logo = await Profiles.UploadAsync(_admin, _acme, logoField.Id, "logo.png", SampleImages.PngOf(800, 400));
        await Profiles.SaveAsync(_admin, _acme, 0, new Dictionary<Guid, string?> { [form.Visible[0].Id] = "We make everything.", [logoField.Id] = logo.Value.ToString() });

        var page = (await Home(new LeadsCounter(_db.Factory)).GetAsync(_admin, _acme)).Value!;

        Assert.Equal("Acme", page.Title);
        Assert.Equal(logo.Value, page.LogoId);
        Assert.Equal("Nadia", Assert.Single(page.Contacts).Name);
        Assert.Equal([HomeElement.ReadinessChecklist, HomeElement.LeadsCounter], page.Elements);
    }

    [Fact]
    public async Task OthersCannotSeeAPartnersHome()
    {
        var outsider = await _db.AddPersonAsync(_eventId, "someone@else.example");

        var result = await Home().GetAsync(new Viewer(ViewerKind.Person, outsider.Id), _acme);

        Assert.Equal(ErrorKind.Forbidden, result.Error!.Kind);
    }

    [Fact]
    [Trait("Spec", "S-2.2")]
    public async Task ProfileReadinessCountsTheRequiredFieldsFilled()
    {
        var form = await Forms.GetAsync(_eventId, FormKind.Profile);
        await Profiles.SaveAsync(_admin, _acme, 0, new Dictionary<Guid, string?> { [form.Visible[0].Id] = "We make everything." });

        var items = await new ProfileReadiness(Profiles, Forms).GetAsync(_eventId);

        Assert.Equal(new ReadinessItem(ReadinessArea.Profile, 1, 1), items[_acme]);
        Assert.Equal(new ReadinessItem(ReadinessArea.Profile, 0, 1), items[_nordlys]);
        Assert.Equal([_acme], (await new ProfileReadiness(Profiles, Forms).GetAsync(_eventId, _acme)).Keys);
    }

    [Fact]
    [Trait("Spec", "S-2.3")]
    public async Task TeamReadinessNeedsAnAdministratorWhoOpenedTheSpaceAndASalesContact()
    {
        var team = new TeamReadiness(_db.Factory);
        Assert.Equal(0, (await team.GetAsync(_eventId))[_acme].Done);

        await new PartnerService(_db.Factory).RecordOpenedAsync(_admin.Id, _acme, _db.Time.GetUtcNow());
        Assert.Equal(1, (await team.GetAsync(_eventId))[_acme].Done);

        await _db.AddMemberAsync(_eventId, _acme, MemberRole.SalesContact, "sales@acme.example");
        var item = (await team.GetAsync(_eventId))[_acme];
        Assert.True(item.IsComplete);
        Assert.Equal(new ReadinessItem(ReadinessArea.Team, 0, 2), (await team.GetAsync(_eventId))[_nordlys]);
    }

    [Fact]
    public async Task TheBoardListsTheMostBehindFirstForOrganizersOnly()
    {
        await new PartnerService(_db.Factory).RecordOpenedAsync(_admin.Id, _acme, _db.Time.GetUtcNow());
        await _db.AddMemberAsync(_eventId, _acme, MemberRole.SalesContact, "sales@acme.example");
        var form = await Forms.GetAsync(_eventId, FormKind.Profile);
        await Profiles.SaveAsync(_admin, _acme, 0, new Dictionary<Guid, string?> { [form.Visible[0].Id] = "We make everything." });

        var board = (await Readiness.GetBoardAsync(_organizerId, _eventId)).Value!;
        var stranger = (await _db.AddOrganizerAsync((await _db.AddEventAsync()).Id, "other@show.example")).Id;

        Assert.Equal([ReadinessArea.Profile, ReadinessArea.Team], board.Areas);
        Assert.Equal(["Nordlys", "Acme"], board.Rows.Select(r => r.Name));
        Assert.Equal((2, false), (board.Rows[0].AreasBehind, board.Rows[1].IsBehind));
        Assert.Equal(1d, board.Rows[1].Progress);
        Assert.Equal(ErrorKind.Forbidden, (await Readiness.GetBoardAsync(stranger, _eventId)).Error!.Kind);
    }
}
