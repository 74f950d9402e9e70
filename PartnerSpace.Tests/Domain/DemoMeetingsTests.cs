using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>The demo's business meetings: options on, spaces, slots, meetings in every state, contacts.</summary>
[Trait("Spec", "S-1.8")]
[Trait("Spec", "S-2.9")]
[Trait("Spec", "S-2.10")]
public sealed class DemoMeetingsTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(_db.Factory)
            .AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PartnerSpaceDbContext>>().CreateDbContext());
        services.AddIdentityCore<OrganizerUser>().AddEntityFrameworkStores<PartnerSpaceDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await using var db = await _db.Factory.CreateDbContextAsync();
        await DemoData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<OrganizerUser>>(), _db.Time.GetUtcNow());
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    [Trait("Spec", "S-3.3")]
    public async Task HugoActsForAcmeWithEverySalesContactOptionOnAndThePartnerTabsAreInTheMenu()
    {
        var hugo = await _db.QueryAsync(db => db.People.SingleAsync(p => p.Email == DemoData.AcmeSalesContactEmail));
        var acme = await _db.QueryAsync(db => db.Partners.SingleAsync(p => p.Name == DemoData.AcmeName));

        var access = await new MeetingAccessService(_db.Factory).GetAsync(new Viewer(ViewerKind.Person, hugo.Id), acme.Id);

        Assert.Equal(PartnerRole.SalesContact, access.Role);
        Assert.True(access.MayContactAttendees && access.MayChooseSlots && access.MayManageSpaces(SpaceKind.Online) && access.MayManageSpaces(SpaceKind.Physical));
        var menu = await _db.Menu.GetMenuAsync(acme.EventId);
        Assert.All([PageKind.Contacts, PageKind.Meetings, PageKind.Calendar], kind => Assert.Contains(menu, m => m.Kind == kind && m.IsEnabled));
    }

    [Fact]
    public async Task AcmeAndNordlysHaveAStandAnOnlineRoomAndSlotsTodayAndTomorrowSomePast()
    {
        var now = _db.Time.GetUtcNow();
        foreach (var name in new[] { DemoData.AcmeName, "Nordlys Énergie" })
        {
            var partner = await _db.QueryAsync(db => db.Partners.SingleAsync(p => p.Name == name));
            var spaces = await _db.QueryAsync(db => db.MeetingSpaces.Where(s => s.PartnerId == partner.Id).ToListAsync());
            var slots = await _db.QueryAsync(db => db.MeetingSlots.Where(s => s.PartnerId == partner.Id).ToListAsync());

            Assert.Equal([SpaceKind.Physical, SpaceKind.Online], spaces.OrderBy(s => s.Position).Select(s => s.Kind));
            Assert.All(slots, s => Assert.Equal(TimeSpan.FromMinutes(30), s.EndsAt - s.StartsAt));
            Assert.Contains(slots, s => s.StartsAt < now);
            Assert.Contains(slots, s => s.StartsAt > now.AddDays(1).AddHours(-12));
        }
    }

    [Fact]
    [Trait("Spec", "S-2.12")]
    public async Task AcmeHasMeetingsInEveryStateAndLeaHasAMeetingAndAPartnerMessage()
    {
        var acme = await _db.QueryAsync(db => db.Partners.SingleAsync(p => p.Name == DemoData.AcmeName));
        var lea = await _db.QueryAsync(db => db.People.SingleAsync(p => p.Email == DemoData.AttendeeEmail));
        var meetings = new MeetingService(_db.Factory, _db.Live, _db.Time);
        var organizer = await _db.QueryAsync(db => db.EventOrganizers.SingleAsync());

        var acmes = (await meetings.ListForPartnerAsync(new Viewer(ViewerKind.Organizer, organizer.UserId), acme.Id)).Value!;

        Assert.Contains(acmes, m => m.Status == MeetingStatus.Pending && m.Origin == MeetingOrigin.AttendeeRequest);
        Assert.Contains(acmes, m => m.Status == MeetingStatus.Pending && m.Origin == MeetingOrigin.PartnerInvitation);
        Assert.Contains(acmes, m => m.Status == MeetingStatus.Accepted && m.AttendeePersonId == lea.Id);
        Assert.Contains(acmes, m => m.Status == MeetingStatus.Declined);
        Assert.Contains(await meetings.ListForAttendeeAsync(new Viewer(ViewerKind.Person, lea.Id), acme.EventId), m => m.PartnerName == "Nordlys Énergie");
        Assert.True(await _db.QueryAsync(db => db.PartnerMessages.AnyAsync(m => m.AttendeePersonId == lea.Id)));
        Assert.True(await _db.QueryAsync(db => db.ContactShares.AnyAsync(s => s.PartnerId == acme.Id)));
        Assert.True(await _db.QueryAsync(db => db.MeetingMessages.CountAsync()) >= 2);

        // The live meetings hold their people's time like booked ones (ADR 0009): 6 cells per person.
        var live = await _db.QueryAsync(db => db.Meetings.Where(m => m.Status == MeetingStatus.Pending || m.Status == MeetingStatus.Accepted).ToListAsync());
        var cells = await _db.QueryAsync(db => db.MeetingOccupancy.CountAsync());
        Assert.Equal(live.Sum(m => m.HostPersonId is null ? 6 : 12), cells);
    }
}
