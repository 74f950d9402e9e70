using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.12")]
public sealed class LeadBookTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private ScanSource _source = null!;
    private Guid _partnerId;
    private Guid _eventId;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        _eventId = ev.Id;
        var partner = await _db.AddPartnerAsync(ev.Id);
        _partnerId = partner.Id;
        _source = new ScanSource(ev.Id, partner.Id, null);
        for (var i = 1; i <= 5; i++)
        {
            await _db.AddAttendeeAsync(ev.Id, $"B-00{i}", $"person{i}@example.com", $"First{i}", $"Last{i}");
        }
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private ScanInput Scan(string badge, int minutesAgo = 1) =>
        new(Guid.CreateVersion7().ToString(), badge, _db.Time.GetUtcNow().AddMinutes(-minutesAgo).ToString("O"), "staff@acme.example", null);

    [Fact]
    public async Task LeadsAreNumberedOnePerPersonInTheOrderTheyAreRecorded()
    {
        await _db.Scans.RecordAsync(_source, [Scan("B-002"), Scan("B-001"), Scan("B-002")]);
        await _db.Scans.RecordAsync(_source, [Scan("B-003")]);
        await _db.Scans.RecordAsync(_source, [Scan("B-001")]);

        var leads = await _db.QueryAsync(db => db.Leads.Include(l => l.Person).OrderBy(l => l.Sequence).ToListAsync());
        Assert.Equal([1L, 2L, 3L], leads.Select(l => l.Sequence));
        Assert.Equal("B-003", (await _db.QueryAsync(db => db.Attendees.SingleAsync(a => a.PersonId == leads[2].PersonId))).BadgeCode);
        Assert.Equal(3, await _db.QueryAsync(db => db.PartnerLeadSequences.Where(s => s.PartnerId == _partnerId).Select(s => s.Last).SingleAsync()));
        Assert.All(leads, l => Assert.Equal(LeadSources.Scan, l.Sources));
    }

    [Fact]
    public async Task EachPartnerHasItsOwnSequence()
    {
        var other = await _db.AddPartnerAsync(_eventId, "Other");
        await _db.Scans.RecordAsync(_source, [Scan("B-001"), Scan("B-002")]);
        await _db.Scans.RecordAsync(_source with { PartnerId = other.Id }, [Scan("B-003")]);

        var otherLead = await _db.QueryAsync(db => db.Leads.SingleAsync(l => l.PartnerId == other.Id));
        Assert.Equal(1, otherLead.Sequence);
    }

    [Fact]
    public async Task NumberingOutsideATransactionIsRefused()
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        var person = await db.People.FirstAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            LeadBook.CaptureAsync(db, _partnerId, person.Id, LeadSources.Meeting, _db.Time.GetUtcNow()));
    }

    [Fact]
    public async Task ScannedBadgeIsConsentWithItsTime()
    {
        await _db.Scans.RecordAsync(_source, [Scan("B-001", minutesAgo: 5)]);

        var lead = await _db.QueryAsync(db => db.Leads.SingleAsync());
        Assert.Equal(LeadConsent.ScannedBadge, lead.Consent);
        Assert.Equal(_db.Time.GetUtcNow().AddMinutes(-5), lead.ConsentAt);
    }

    [Fact]
    public async Task WithdrawalHidesDetailsUntilTheBadgeIsScannedAgain()
    {
        await _db.Scans.RecordAsync(_source, [Scan("B-001", minutesAgo: 10)]);
        var personId = await _db.QueryAsync(db => db.Leads.Select(l => l.PersonId).SingleAsync());
        await WithTransactionAsync(db => LeadBook.WithdrawConsentAsync(db, _partnerId, personId, _db.Time.GetUtcNow().AddMinutes(-5)));

        var withdrawn = await _db.QueryAsync(db => db.Leads.SingleAsync());
        Assert.Equal(LeadConsent.None, withdrawn.Consent);
        Assert.NotNull(withdrawn.ConsentWithdrawnAt);

        // A scan made before the withdrawal, arriving late from an offline device, does not renew it.
        await _db.Scans.RecordAsync(_source, [Scan("B-001", minutesAgo: 7)]);
        Assert.Equal(LeadConsent.None, (await _db.QueryAsync(db => db.Leads.SingleAsync())).Consent);

        await _db.Scans.RecordAsync(_source, [Scan("B-001", minutesAgo: 1)]);
        var renewed = await _db.QueryAsync(db => db.Leads.SingleAsync());
        Assert.Equal(LeadConsent.ScannedBadge, renewed.Consent);
        Assert.Equal(3, renewed.ScanCount);
    }

    [Fact]
    public async Task AnotherCategoryAddsItsSourceToTheSameLead()
    {
        await _db.Scans.RecordAsync(_source, [Scan("B-001")]);
        var personId = await _db.QueryAsync(db => db.Leads.Select(l => l.PersonId).SingleAsync());

        await WithTransactionAsync(async db =>
        {
            var lead = await LeadBook.CaptureAsync(db, _partnerId, personId, LeadSources.Meeting, _db.Time.GetUtcNow());
            LeadBook.Consent(lead, LeadConsent.SharedContact, _db.Time.GetUtcNow());
        });

        var lead = await _db.QueryAsync(db => db.Leads.SingleAsync());
        Assert.Equal(LeadSources.Scan | LeadSources.Meeting, lead.Sources);
        Assert.Equal(1, lead.Sequence);
        Assert.Equal(LeadConsent.SharedContact, lead.Consent);
    }

    [Fact]
    public async Task LateBadgeMatchingNumbersTheNewLeads()
    {
        await _db.Scans.RecordAsync(_source, [Scan("B-001"), Scan("NEW-1")]);
        var person = await _db.AddPersonAsync(_eventId, "late@example.com", "Late", "Comer");
        var attendees = new AttendeeService(_db.Factory, _db.Live, _db.Time);
        var registered = await attendees.RegisterAsync(person.Id, "NEW-1", null);

        Assert.True(registered.IsSuccess, registered.Error?.Message);
        var late = await _db.QueryAsync(db => db.Leads.SingleAsync(l => l.PersonId == person.Id));
        Assert.Equal(2, late.Sequence);
        Assert.Equal(1, late.ScanCount);
    }

    private async Task WithTransactionAsync(Func<PartnerSpace.Domain.Data.PartnerSpaceDbContext, Task> work)
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        await work(db);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }
}
