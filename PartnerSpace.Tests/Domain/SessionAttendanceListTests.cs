using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Sessions;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>The organizer pastes a session's attendance list: attendees become the hosts' Sessions leads (S-2.7, S-2.12).</summary>
[Trait("Spec", "S-2.12")]
[Trait("Spec", "S-2.7")]
public sealed class SessionAttendanceListTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Guid _organizerId;
    private Guid _partnerId;
    private Session _session = null!;

    private SessionAttendanceService Service => new(_db.Factory, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        _organizerId = (await _db.AddOrganizerAsync(ev.Id, "nadia@organizer.example")).Id;
        _partnerId = (await _db.AddPartnerAsync(ev.Id)).Id;
        _session = new Session(ev.Id, "Cobots 101", _db.Time.GetUtcNow().AddHours(2), _db.Time.GetUtcNow().AddHours(3), "Room A", "Talk", _db.Time.GetUtcNow());
        await _db.SaveAsync(_session);
        await _db.SaveAsync(new SessionHost(_session.Id, _partnerId));
        await _db.AddAttendeeAsync(ev.Id, "B-001", "grace@navy.example");
        await _db.AddAttendeeAsync(ev.Id, "B-002", "alan@bletchley.example", "Alan", "Turing");
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task BadgeCodesAndEmailsAreRecordedAndUnknownLinesReturned()
    {
        var result = await Service.RecordManyAsync(_organizerId, _session.Id, ["B-001", " ALAN@bletchley.example ", "nobody@example.com", "", "B-001"], present: true);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(2, result.Value!.Recorded);
        Assert.Equal(["nobody@example.com"], result.Value.Unknown);
        var rows = await _db.QueryAsync(db => db.SessionAttendances.ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.NotNull(r.PresentAt));
        var leads = await _db.QueryAsync(db => db.Leads.Where(l => l.PartnerId == _partnerId).ToListAsync());
        Assert.Equal(2, leads.Count);
        Assert.All(leads, l => Assert.Equal(LeadSources.Session, l.Sources));
        Assert.All(leads, l => Assert.Equal(LeadConsent.None, l.Consent));
    }

    [Fact]
    public async Task RegisteredThenPresentKeepsTheFirstRegistrationTime()
    {
        await Service.RecordManyAsync(_organizerId, _session.Id, ["B-001"], present: false);
        var registeredAt = _db.Time.GetUtcNow();
        _db.Time.Advance(TimeSpan.FromHours(2));

        await Service.RecordManyAsync(_organizerId, _session.Id, ["B-001"], present: true);

        var row = await _db.QueryAsync(db => db.SessionAttendances.SingleAsync());
        Assert.Equal(registeredAt, row.RegisteredAt);
        Assert.Equal(_db.Time.GetUtcNow(), row.PresentAt);
        Assert.Equal(1, await _db.QueryAsync(db => db.Leads.CountAsync()));
    }

    [Fact]
    [Trait("Spec", "S-1.6")]
    public async Task TheSessionsCountsFollowTheAttendanceListAndTypedFiguresStandOnlyWhenLarger()
    {
        await Service.RecordManyAsync(_organizerId, _session.Id, ["B-001", "B-002"], present: false);
        await Service.RecordManyAsync(_organizerId, _session.Id, ["B-001"], present: true);
        var counts = await _db.QueryAsync(db => db.Sessions.Where(s => s.Id == _session.Id).Select(s => new { s.RegistrantCount, s.PresentCount }).SingleAsync());
        Assert.Equal((2, 1), (counts.RegistrantCount, counts.PresentCount));

        // An outside ticketing tool knows more registrants; fewer present than the list is not believed.
        var sessions = new SessionService(_db.Factory, _db.Access, new EventOptionsService(_db.Factory, _db.Live, _db.Time), _db.Live, _db.Time);
        Assert.True((await sessions.SetCountsAsync(_organizerId, _session.Id, 120, 0)).IsSuccess);
        counts = await _db.QueryAsync(db => db.Sessions.Where(s => s.Id == _session.Id).Select(s => new { s.RegistrantCount, s.PresentCount }).SingleAsync());
        Assert.Equal((120, 1), (counts.RegistrantCount, counts.PresentCount));
    }

    [Fact]
    public async Task EmptyListOrAStrangerIsRefusedAndNothingIsStored()
    {
        var empty = await Service.RecordManyAsync(_organizerId, _session.Id, ["", "  "], present: false);
        var stranger = await Service.RecordManyAsync(Guid.NewGuid(), _session.Id, ["B-001"], present: false);
        var gone = await Service.RecordManyAsync(_organizerId, Guid.NewGuid(), ["B-001"], present: false);

        Assert.Equal(ErrorKind.Validation, empty.Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, stranger.Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, gone.Error!.Kind);
        Assert.Equal(0, await _db.QueryAsync(db => db.SessionAttendances.CountAsync()));
        Assert.Equal(0, await _db.QueryAsync(db => db.Leads.CountAsync()));
    }
}
