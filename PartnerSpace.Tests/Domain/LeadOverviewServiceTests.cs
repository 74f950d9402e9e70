using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-1.7")]
public sealed class LeadOverviewServiceTests : IAsyncLifetime
{
    private static readonly Uri BaseUri = new("https://portal.example/");
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _organizerId;
    private Partner _acme = null!;
    private Partner _nordlys = null!;

    private LeadOverviewService Service => new(_db.Factory, new MenuEditorService(_db.Factory, _db.Live, _db.Time), _db.Live, _db.Time);

    private Actor Actor => new(_organizerId, "Nadia");

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        _eventId = ev.Id;
        await _db.AddDefaultMenuAsync(ev.Id);
        _organizerId = (await _db.AddOrganizerAsync(ev.Id, "nadia@organizer.example")).Id;
        _acme = await _db.AddPartnerAsync(ev.Id, "Acme");
        _nordlys = await _db.AddPartnerAsync(ev.Id, "Nordlys");
        await _db.AddMemberAsync(ev.Id, _acme.Id, MemberRole.Administrator, "claire@acme.example");
        await _db.AddMemberAsync(ev.Id, _acme.Id, MemberRole.SalesContact, "hugo@acme.example");
        await _db.AddMemberAsync(ev.Id, _nordlys.Id, MemberRole.Administrator, "ingrid@nordlys.example");
        await _db.AddAttendeeAsync(ev.Id, "B-1", "grace@navy.example");
        await _db.AddAttendeeAsync(ev.Id, "B-2", "alan@bletchley.example", "Alan", "Turing");
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private ScanInput Scan(string badge) =>
        new(Guid.CreateVersion7().ToString(), badge, _db.Time.GetUtcNow().AddMinutes(-1).ToString("O"), "claire@acme.example", null);

    [Fact]
    [Trait("Spec", "S-2.12")]
    [Trait("Spec", "S-5")]
    public async Task CountsLeadsAndScansPerPartnerAndTellsTheOverviewLive()
    {
        var told = 0;
        using var _ = _db.Live.Subscribe(Topics.EventLeads(_eventId), _ => { Interlocked.Increment(ref told); return Task.CompletedTask; });

        await _db.Scans.RecordAsync(new ScanSource(_eventId, _acme.Id, null), [Scan("B-1"), Scan("B-2"), Scan("B-1"), Scan("UNKNOWN")]);

        var rows = (await Service.GetCountsAsync(_organizerId, _eventId)).Value!;
        var acme = rows.Single(r => r.PartnerId == _acme.Id);
        Assert.Equal((2, 2, 3), (acme.Leads, acme.ScannedPeople, acme.Scans));
        Assert.NotNull(acme.LastScanAt);
        var nordlys = rows.Single(r => r.PartnerId == _nordlys.Id);
        Assert.Equal((0, 0, null), (nordlys.Leads, nordlys.Scans, nordlys.LastScanAt));
        Assert.Equal(_acme.Id, rows[0].PartnerId);
        Assert.Equal(1, told);
    }

    [Fact]
    public async Task OnlyTheEventsOrganizersSeeIt()
    {
        var stranger = await _db.AddOrganizerAsync((await _db.AddEventAsync()).Id, "other@organizer.example");

        Assert.Equal(ErrorKind.Forbidden, (await Service.GetCountsAsync(stranger.Id, _eventId)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Service.GetMailingAsync(stranger.Id, _eventId)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Service.SendScanMailingAsync(stranger.Id, _eventId, BaseUri, Actor)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Service.SetLeadsTabAsync(stranger.Id, _eventId, true, Actor)).Error!.Kind);
    }

    [Fact]
    public async Task ScanMailingGoesToEveryAdministratorInTheirLanguageAndOpensTheLeadsTab()
    {
        var before = (await Service.GetMailingAsync(_organizerId, _eventId)).Value!;
        Assert.False(before.LeadsTabOn);
        Assert.True(before.MaySendNow);
        Assert.Equal(2, before.Administrators);

        var sent = await Service.SendScanMailingAsync(_organizerId, _eventId, BaseUri, Actor);

        Assert.True(sent.IsSuccess, sent.Error?.Message);
        Assert.Equal(2, sent.Value);
        var mails = await _db.QueryAsync(db => db.Outbox.OrderBy(m => m.To).ToListAsync());
        Assert.Equal(["claire@acme.example", "ingrid@nordlys.example"], mails.Select(m => m.To));
        Assert.StartsWith("Scan des leads pour Salon", mails[0].Subject, StringComparison.Ordinal);
        Assert.Contains($"https://portal.example/partner/{_acme.Id}/leads/settings", mails[0].TextBody, StringComparison.Ordinal);
        var after = (await Service.GetMailingAsync(_organizerId, _eventId)).Value!;
        Assert.True(after.LeadsTabOn);
        Assert.Equal(_db.Time.GetUtcNow(), after.SentAt);
        Assert.Contains((await new MenuService(_db.Factory).GetMenuAsync(_eventId)), e => e.Slug == "leads");
    }

    [Fact]
    public async Task ScanMailingGoesOutOnce()
    {
        await Service.SendScanMailingAsync(_organizerId, _eventId, BaseUri, Actor);

        var again = await Service.SendScanMailingAsync(_organizerId, _eventId, BaseUri, Actor);

        Assert.Equal("scan-mailing-sent", again.Error!.Code);
        Assert.Equal(2, await _db.QueryAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task ScanMailingWaitsUntilFifteenDaysBeforeTheEvent()
    {
        var later = new Event("later-show", new LocalizedText("Plus tard", "Later"), _db.Time.GetUtcNow().AddDays(20), _db.Time.GetUtcNow().AddDays(22), "Europe/Paris");
        await _db.SaveAsync(later);
        await _db.AddDefaultMenuAsync(later.Id);
        await _db.SaveAsync(new EventOrganizer(later.Id, _organizerId));

        var status = (await Service.GetMailingAsync(_organizerId, later.Id)).Value!;
        var early = await Service.SendScanMailingAsync(_organizerId, later.Id, BaseUri, Actor);

        Assert.False(status.MaySendNow);
        Assert.Equal(later.StartsAt.AddDays(-15), status.OpensAt);
        Assert.Equal("scan-mailing-too-early", early.Error!.Code);
        Assert.False((await Service.GetMailingAsync(_organizerId, later.Id)).Value!.LeadsTabOn);

        _db.Time.Advance(TimeSpan.FromDays(6));
        Assert.True((await Service.SendScanMailingAsync(_organizerId, later.Id, BaseUri, Actor)).IsSuccess);
    }

    [Fact]
    public async Task TheLeadsTabSwitchGoesThroughTheMenuHistory()
    {
        var on = await Service.SetLeadsTabAsync(_organizerId, _eventId, true, Actor);
        var off = await Service.SetLeadsTabAsync(_organizerId, _eventId, false, Actor);

        Assert.True(on.IsSuccess && off.IsSuccess);
        Assert.False((await Service.GetMailingAsync(_organizerId, _eventId)).Value!.LeadsTabOn);
        Assert.Equal(2, await _db.QueryAsync(db => db.History.CountAsync()));
    }
}
