using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Leads.Export;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using Xunit.Abstractions;

namespace PartnerSpace.Tests.Domain;

/// <summary>Issue 8, item 6: what is recorded, with whom and from where, and how organizers read it.</summary>
[Trait("Spec", "S-4")]
public sealed class SecurityLogTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly RequestOrigin Office = new("192.0.2.44", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0");
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _partnerId;
    private Viewer _organizer = null!;

    private MemberService Members => _db.Members;

    private SecurityLogService Log => new(_db.Factory, _db.SecurityLog);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _partnerId = (await _db.AddPartnerAsync(_eventId)).Id;
        var user = await _db.AddOrganizerAsync(_eventId, "nadia@organizer.example");
        await _db.QueryAsync(async db =>
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Nadia Organizer"));
            return 0;
        });
        _organizer = new Viewer(ViewerKind.Organizer, user.Id) { Origin = Office };
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    [Trait("Spec", "S-2.3")]
    public async Task ARoleChangeIsRecordedWithTheOrganizerTheMemberAndTheOriginAndTold()
    {
        await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.Administrator, "claire@acme.example");
        var hugo = await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.SalesContact, "hugo@acme.example");
        var memberId = await _db.QueryAsync(db => db.PartnerMembers.Where(m => m.PersonId == hugo.Id).Select(m => m.Id).SingleAsync());
        var told = new List<LiveEvent>();
        using var subscription = _db.Live.Subscribe(Topics.Event(_eventId), e => { told.Add(e); return Task.CompletedTask; });

        var changed = await Members.ChangeRoleAsync(_organizer, _partnerId, memberId, MemberRole.Administrator);

        Assert.True(changed.IsSuccess);
        var line = await _db.QueryAsync(db => db.SecurityEvents.SingleAsync());
        Assert.Equal(SecurityAction.RoleChanged, line.Action);
        Assert.Equal((SecurityActorKind.Organizer, _organizer.Id, "Nadia Organizer"), (line.ActorKind, line.ActorId!.Value, line.ActorName));
        Assert.Equal("hugo@acme.example", line.Target);
        Assert.Equal(_partnerId, line.PartnerId);
        Assert.Equal(_eventId, line.EventId);
        Assert.Equal("Sales contact → Administrator", line.Details);
        Assert.Equal((Office.IpAddress, Office.UserAgent), (line.IpAddress, line.UserAgent));
        Assert.Contains(told, e => e is SecurityLogChanged c && c.EventId == _eventId);
    }

    [Fact]
    [Trait("Spec", "S-2.3")]
    public async Task AddingAndRemovingAMemberAreRecordedButARefusedRemovalIsNot()
    {
        var admin = await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.Administrator, "claire@acme.example");
        var adminViewer = new Viewer(ViewerKind.Person, admin.Id) { Origin = Office };
        var adminMemberId = await _db.QueryAsync(db => db.PartnerMembers.Where(m => m.PersonId == admin.Id).Select(m => m.Id).SingleAsync());

        var added = await Members.AddAsync(adminViewer, _partnerId, new MemberDraft("sam@acme.example", "Sam", "Seller", MemberRole.SalesContact));
        var removed = await Members.RemoveAsync(adminViewer, _partnerId, added.Value);
        var refused = await Members.RemoveAsync(adminViewer, _partnerId, adminMemberId);

        Assert.True(removed.IsSuccess);
        Assert.False(refused.IsSuccess);
        var lines = await _db.QueryAsync(db => db.SecurityEvents.OrderBy(e => e.Action).ToListAsync());
        Assert.Equal([SecurityAction.MemberAdded, SecurityAction.MemberRemoved], lines.Select(l => l.Action).Order());
        Assert.All(lines, l => Assert.Equal(("Ada Lovelace", "sam@acme.example", "192.0.2.44", SecurityActorKind.Person), (l.ActorName, l.Target!, l.IpAddress!, l.ActorKind)));
        Assert.All(lines, l => Assert.Equal("Sales contact", l.Details));
    }

    [Fact]
    public async Task CreatingAndRevokingADeviceKeyAreRecordedWithItsLabelNeverItsToken()
    {
        var keys = _db.DeviceKeys;

        var issued = await keys.IssueAsync(_partnerId, "Stand tablet", _organizer);
        await keys.RevokeAsync(_partnerId, issued.Value!.Key.Id, _organizer);
        await keys.RevokeAsync(_partnerId, issued.Value.Key.Id, _organizer);

        var lines = await _db.QueryAsync(db => db.SecurityEvents.ToListAsync());
        Assert.Equal([SecurityAction.DeviceKeyCreated, SecurityAction.DeviceKeyRevoked], lines.Select(l => l.Action).Order());
        Assert.All(lines, l => Assert.Equal(("Stand tablet", _partnerId, "Nadia Organizer", "192.0.2.44"), (l.Target!, l.PartnerId!.Value, l.ActorName, l.IpAddress!)));
        Assert.All(lines, l => Assert.DoesNotContain(issued.Value.Token, l.Details ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddingAndDeletingAWebhookAreRecordedWithItsHostOnly()
    {
        var hooks = _db.Webhooks;

        var created = await hooks.CreateAsync(_partnerId, new WebhookDraft("CRM", "https://crm.example/hooks/s3cr3t-path?token=abc"), _organizer);
        var deleted = await hooks.DeleteAsync(_partnerId, created.Value!.Webhook.Id, _organizer);

        Assert.True(deleted);
        var lines = await _db.QueryAsync(db => db.SecurityEvents.ToListAsync());
        Assert.Equal([SecurityAction.WebhookCreated, SecurityAction.WebhookDeleted], lines.Select(l => l.Action).Order());
        Assert.All(lines, l => Assert.Equal(("CRM", "crm.example", "Nadia Organizer"), (l.Target!, l.Details!, l.ActorName)));
    }

    [Fact]
    [Trait("Spec", "S-2.12")]
    public async Task ALeadExportIsRecordedWithItsDownloadWithTheCountAndTheFormat()
    {
        await _db.AddAttendeeAsync(_eventId, "B-001", "grace@example.com");
        await _db.AddAttendeeAsync(_eventId, "B-002", "alan@example.com", "Alan", "Turing");
        var at = _db.Time.GetUtcNow().AddMinutes(-5);
        await _db.Scans.RecordAsync(new ScanSource(_eventId, _partnerId, null), [Scan("B-001", at), Scan("B-002", at)]);
        var exports = new LeadExportService(_db.Factory, _db.Time, _db.SecurityLog);
        var actor = new SecurityActor(SecurityActorKind.Person, Guid.NewGuid(), "Claire Dubois");

        var export = await exports.PrepareAsync(_partnerId, "claire@acme.example", onlyNew: true);
        await exports.WriteCsvAsync(export! with { Actor = actor, Origin = Office }, LeadCategory.Scans, Stream.Null, key => key);

        var line = await _db.QueryAsync(db => db.SecurityEvents.SingleAsync());
        Assert.Equal(SecurityAction.LeadsExported, line.Action);
        Assert.Equal(("Claire Dubois", "Acme", _partnerId, "192.0.2.44"), (line.ActorName, line.Target!, line.PartnerId!.Value, line.IpAddress!));
        Assert.Equal("2 leads, csv:scans, only new", line.Details);
    }

    [Fact]
    public async Task TheLogIsSearchedFilteredAndPagedNewestFirstForItsOrganizersOnly()
    {
        var other = await _db.AddEventAsync();
        var otherPartner = await _db.AddPartnerAsync(_eventId, "Globex");
        var log = _db.SecurityLog;
        var claire = new SecurityActor(SecurityActorKind.Person, Guid.NewGuid(), "Claire Dubois");
        for (var i = 0; i < 30; i++)
        {
            await log.RecordAsync(_eventId, SecurityAction.SignedIn, claire, new RequestOrigin($"10.0.0.{i}", null), "claire@acme.example", _partnerId);
            _db.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await log.RecordAsync(_eventId, SecurityAction.LeadsExported, claire, Office, "Globex", otherPartner.Id, "3 leads, xlsx");
        await log.RecordAsync(other.Id, SecurityAction.SignedIn, claire, Office, "secret@other.example");

        var first = (await Log.SearchAsync(_organizer, _eventId, new SecurityLogQuery(), 1, 10)).Value!;
        var third = (await Log.SearchAsync(_organizer, _eventId, new SecurityLogQuery(), 3, 10)).Value!;
        var byIp = (await Log.SearchAsync(_organizer, _eventId, new SecurityLogQuery("10.0.0.7"))).Value!;
        var byName = (await Log.SearchAsync(_organizer, _eventId, new SecurityLogQuery("claire dubois"))).Value!;
        var byAction = (await Log.SearchAsync(_organizer, _eventId, new SecurityLogQuery(Actions: [SecurityAction.LeadsExported]))).Value!;
        var byPartner = (await Log.SearchAsync(_organizer, _eventId, new SecurityLogQuery(PartnerId: otherPartner.Id))).Value!;
        var secret = (await Log.SearchAsync(_organizer, _eventId, new SecurityLogQuery("secret"))).Value!;
        var stranger = await Log.SearchAsync(new Viewer(ViewerKind.Organizer, Guid.NewGuid()), _eventId, new SecurityLogQuery());

        Assert.Equal(31, first.Rows.Total);
        Assert.Equal(10, first.Rows.Items.Count);
        Assert.Equal(SecurityAction.LeadsExported, first.Rows.Items[0].Action);
        Assert.True(first.Rows.Items.Zip(first.Rows.Items.Skip(1)).All(p => p.First.At >= p.Second.At));
        Assert.Equal(10, third.Rows.Items.Count);
        Assert.Equal(["10.0.0.7"], byIp.Rows.Items.Select(r => r.IpAddress));
        Assert.Equal(31, byName.Rows.Total);
        Assert.Equal("Globex", Assert.Single(byAction.Rows.Items).PartnerName);
        Assert.Equal(1, byPartner.Rows.Total);
        Assert.Equal(0, secret.Rows.Total);
        Assert.Equal("forbidden", stranger.Error!.Code);
        Assert.Equal("Europe/Paris", first.TimeZoneId);
    }

    [Fact]
    public async Task TheDateRangeIsReadInTheEventsTimeZone()
    {
        // 23:30 in Paris on 22 November is 22:30 UTC: a line of the 22nd there, though late.
        _db.Time.Advance(new DateTimeOffset(2026, 11, 22, 22, 30, 0, TimeSpan.Zero) - _db.Time.GetUtcNow());
        await _db.SecurityLog.RecordAsync(_eventId, SecurityAction.SignedIn, SecurityActor.System, Office, "late@acme.example");
        _db.Time.Advance(TimeSpan.FromHours(1));
        await _db.SecurityLog.RecordAsync(_eventId, SecurityAction.SignedIn, SecurityActor.System, Office, "after-midnight@acme.example");

        var day = new DateOnly(2026, 11, 22);
        var on22 = (await Log.SearchAsync(_organizer, _eventId, new SecurityLogQuery(From: day, To: day))).Value!;
        var from23 = (await Log.SearchAsync(_organizer, _eventId, new SecurityLogQuery(From: day.AddDays(1)))).Value!;

        Assert.Equal(["late@acme.example"], on22.Rows.Items.Select(r => r.Target));
        Assert.Equal(["after-midnight@acme.example"], from23.Rows.Items.Select(r => r.Target));
    }

    [Fact]
    public async Task AFailedSignInWithoutAnEventShowsOnlyWhenItConcernsOneOfTheEventsOrganizers()
    {
        var other = await _db.AddEventAsync();
        await _db.AddOrganizerAsync(other.Id, "someone@else.example");
        var log = _db.SecurityLog;
        await log.RecordAsync(null, SecurityAction.SignInFailed, SecurityActor.Anonymous, Office, "NADIA@organizer.example");
        await log.RecordAsync(null, SecurityAction.SignInFailed, SecurityActor.Anonymous, Office, "someone@else.example");
        await log.RecordAsync(null, SecurityAction.SignInFailed, SecurityActor.Anonymous, Office, "nobody@unknown.example");

        var page = (await Log.SearchAsync(_organizer, _eventId, new SecurityLogQuery())).Value!;

        Assert.Equal(["NADIA@organizer.example"], page.Rows.Items.Select(r => r.Target));
    }

    [Fact]
    public async Task TheExportHoldsTheFilteredLinesInTheReadersLanguageAndIsItselfRecorded()
    {
        var log = _db.SecurityLog;
        var claire = new SecurityActor(SecurityActorKind.Person, Guid.NewGuid(), "Claire Dubois");
        await log.RecordAsync(_eventId, SecurityAction.SignedIn, claire, Office, "claire@acme.example", _partnerId);
        await log.RecordAsync(_eventId, SecurityAction.RoleChanged, claire, Office, "=HYPERLINK(\"x\")", _partnerId, "Administrator → Sales contact");
        var french = new Dictionary<string, string> { ["SecurityLog.Action.RoleChanged"] = "Rôle modifié", ["SecurityLog.Column.Target"] = "Cible" };
        string Text(string key) => french.GetValueOrDefault(key, key);

        using var xlsx = new MemoryStream();
        var rows = await Log.ExportAsync(_organizer, _eventId, new SecurityLogQuery(Actions: [SecurityAction.RoleChanged]), excel: true, xlsx, Text);
        using var csv = new MemoryStream();
        await Log.ExportAsync(_organizer, _eventId, new SecurityLogQuery("claire"), excel: false, csv, Text);
        var refused = await Log.ExportAsync(new Viewer(ViewerKind.Organizer, Guid.NewGuid()), _eventId, new SecurityLogQuery(), excel: false, Stream.Null, Text);

        Assert.Equal(1, rows.Value);
        xlsx.Position = 0;
        var sheet = xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("Rôle modifié", Assert.Single(sheet)["SecurityLog.Column.Action"]);
        Assert.Equal("Administrator → Sales contact", sheet[0]["SecurityLog.Column.Details"]);
        var text = Encoding.UTF8.GetString(csv.ToArray());
        Assert.StartsWith("\uFEFF", text, StringComparison.Ordinal);
        Assert.Contains("Cible", text, StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", text, StringComparison.Ordinal);
        Assert.Equal("forbidden", refused.Error!.Code);
        var exported = await _db.QueryAsync(db => db.SecurityEvents.Where(e => e.Action == SecurityAction.SecurityLogExported).OrderBy(e => e.Details).ToListAsync());
        Assert.Equal(["1 lines, xlsx, actions RoleChanged", "2 lines, csv, search \"claire\""], exported.Select(e => e.Details!).Order());
        Assert.All(exported, e => Assert.Equal(("Nadia Organizer", "192.0.2.44"), (e.ActorName, e.IpAddress!)));
    }

    [Fact]
    public async Task AtOneHundredThousandLinesPagesFiltersAndSearchCountRight()
    {
        await _db.QueryAsync(db => _db.IsPostgres
            ? db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "SecurityEvents" ("Id", "EventId", "Action", "ActorKind", "ActorId", "ActorName", "Target", "PartnerId", "IpAddress", "UserAgent", "Details", "At")
                SELECT gen_random_uuid(), {0}, CASE i % 5 WHEN 0 THEN 'RoleChanged' ELSE 'SignedIn' END, 'Person', NULL, 'Person ' || i, 'person' || i || '@acme.example', {1},
                       '10.' || (i % 250) || '.' || (i % 200) || '.1', 'Mozilla/5.0', NULL, {2} + i::bigint * 10000000
                FROM generate_series(1, 100000) AS i
                """,
                _eventId, _partnerId, _db.Time.GetUtcNow().AddDays(-20).UtcTicks)
            : db.Database.ExecuteSqlRawAsync(
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
                INSERT INTO SecurityEvents (Id, EventId, Action, ActorKind, ActorId, ActorName, Target, PartnerId, IpAddress, UserAgent, Details, At)
                SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))),
                       {0}, CASE i % 5 WHEN 0 THEN 'RoleChanged' ELSE 'SignedIn' END, 'Person', NULL, 'Person ' || i, 'person' || i || '@acme.example', {1},
                       '10.' || (i % 250) || '.' || (i % 200) || '.1', 'Mozilla/5.0', NULL, {2} + i * 10000000
                FROM n
                """,
                _eventId.ToString().ToUpperInvariant(), _partnerId.ToString().ToUpperInvariant(), _db.Time.GetUtcNow().AddDays(-20).UtcTicks));

        async Task<(int Total, long Ms)> TimeAsync(SecurityLogQuery query, int page = 1)
        {
            var watch = Stopwatch.StartNew();
            var result = (await Log.SearchAsync(_organizer, _eventId, query, page, 25)).Value!;
            return (result.Rows.Total, watch.ElapsedMilliseconds);
        }

        await TimeAsync(new SecurityLogQuery());
        var all = await TimeAsync(new SecurityLogQuery());
        var deep = await TimeAsync(new SecurityLogQuery(), page: 3000);
        var action = await TimeAsync(new SecurityLogQuery(Actions: [SecurityAction.RoleChanged]));
        var search = await TimeAsync(new SecurityLogQuery("person4242@"));
        var day = await TimeAsync(new SecurityLogQuery(From: DateOnly.FromDateTime(_db.Time.GetUtcNow().AddDays(-19).UtcDateTime), To: DateOnly.FromDateTime(_db.Time.GetUtcNow().AddDays(-19).UtcDateTime)));
        output.WriteLine($"100,000 lines: first page {all.Ms} ms, page 3000 {deep.Ms} ms, one action {action.Ms} ms, search {search.Ms} ms, one day {day.Ms} ms");

        Assert.Equal(100_000, all.Total);
        Assert.Equal(20_000, action.Total);
        Assert.Equal(1, search.Total);
        Assert.True(day.Total > 0);
        // The times are printed for docs/BENCHMARKS.md, not bounded here: speed is measured, not unit-tested (DESIGN §9).
    }

    private static ScanInput Scan(string badge, DateTimeOffset at) =>
        new(Guid.CreateVersion7().ToString(), badge, at.ToString("O"), "staff@acme.example", null);
}
