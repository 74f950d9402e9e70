using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>S-2.8, S-2.9, S-3.3: the free slots and hosts the meeting screens offer, through <see cref="MeetingChoiceService"/>.</summary>
[Trait("Spec", "S-2.8")]
[Trait("Spec", "S-2.9")]
[Trait("Spec", "S-3.3")]
public sealed class MeetingChoiceServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Tomorrow = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _db = new();
    private Event _event = default!;
    private Partner _acme = default!;
    private Viewer _admin = default!;
    private Viewer _lea = default!;

    private MeetingChoiceService Choices => new(_db.Factory, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _event = await _db.AddEventAsync();
        _acme = await _db.AddPartnerAsync(_event.Id, "Acme");
        _admin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.Administrator, "admin@acme.example")).Id);
        _lea = new Viewer(ViewerKind.Person, (await _db.AddAttendeeAsync(_event.Id, "B-LEA", "lea@guest.example", "Léa", "Martin")).PersonId);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task FreeSlotsAreTheFutureOnesWithoutALiveMeetingSoonestFirst()
    {
        var past = await SlotAsync(_db.Time.GetUtcNow().AddHours(-1));
        var later = await SlotAsync(Tomorrow.AddHours(2));
        var taken = await SlotAsync(Tomorrow);
        var freed = await SlotAsync(Tomorrow.AddHours(1));
        var meetings = new MeetingService(_db.Factory, _db.Live, _db.Time);
        Assert.True((await meetings.RequestAsync(_lea, taken, null)).IsSuccess);
        var declined = (await meetings.RequestAsync(_lea, freed, null)).Value;
        Assert.True((await meetings.DeclineAsync(_admin, declined, 0)).IsSuccess);

        var free = (await Choices.FreeSlotsAsync(_admin, _acme.Id)).Value!;

        Assert.Equal([freed, later], free.Select(s => s.Id));
        Assert.DoesNotContain(past, free.Select(s => s.Id));
    }

    [Fact]
    public async Task ASalesContactWhoMayNotChooseSlotsStillReadsThemAndTheHosts()
    {
        var hugo = await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.SalesContact, "hugo@acme.example");
        await _db.RegisterAsync(_event.Id, hugo.Id, "B-HUGO");
        await _db.SetOptionsAsync(_event.Id, EventOptionValues.Default with { SalesContactsContactAttendees = true, SalesContactsChooseSlots = false });
        await SlotAsync(Tomorrow);
        var viewer = new Viewer(ViewerKind.Person, hugo.Id);

        Assert.Single((await Choices.FreeSlotsAsync(viewer, _acme.Id)).Value!);
        var hosts = (await Choices.HostsAsync(viewer, _acme.Id)).Value!;
        Assert.Equal([MemberRole.Administrator, MemberRole.SalesContact], hosts.Select(h => h.Role).Order());
    }

    [Fact]
    public async Task OthersMayNotReadThem()
    {
        var nordlys = await _db.AddPartnerAsync(_event.Id, "Nordlys");
        var stranger = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_event.Id, nordlys.Id, MemberRole.Administrator, "admin@nordlys.example")).Id);

        Assert.Equal(ErrorKind.Forbidden, (await Choices.FreeSlotsAsync(stranger, _acme.Id)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Choices.HostsAsync(_lea, _acme.Id)).Error!.Kind);
    }

    private async Task<Guid> SlotAsync(DateTimeOffset startsAt)
    {
        var slot = new MeetingSlot(_event.Id, _acme.Id, null, null, startsAt, startsAt.AddMinutes(30), _db.Time.GetUtcNow());
        await _db.SaveAsync(slot);
        return slot.Id;
    }
}
