using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-1.1")]
[Trait("Spec", "S-1.2")]
public sealed class DemoDataTests : IAsyncLifetime
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
    public async Task SeedsABelievableShow()
    {
        var partners = await _db.QueryAsync(db => db.Partners.ToListAsync());
        Assert.True(partners.Count >= 12);
        Assert.Contains(partners, p => p.Name == DemoData.AcmeName && !p.IsTestPartner);
        Assert.Contains(partners, p => p.IsTestPartner);

        var badges = await _db.QueryAsync(db => db.Attendees.Select(a => a.BadgeCode).ToListAsync());
        Assert.True(badges.Count >= 300);
        Assert.Contains("DEMO-0001", badges);
        Assert.Contains("DEMO-0300", badges);

        var roles = await _db.QueryAsync(db => db.PartnerMembers.GroupBy(m => m.PartnerId).Select(g => new { g.Key, Roles = g.Select(m => m.Role).ToList() }).ToListAsync());
        var noAdministrator = await _db.QueryAsync(db => db.Partners.Where(p => p.Name == DemoData.NoAdministratorName).Select(p => p.Id).SingleAsync());
        // Every partner has an administrator but the one that shows opening refused (S-4.1).
        Assert.All(roles.Where(r => r.Key != noAdministrator), r => Assert.Contains(MemberRole.Administrator, r.Roles));
        Assert.DoesNotContain(MemberRole.Administrator, roles.Single(r => r.Key == noAdministrator).Roles);
        Assert.All(roles, r => Assert.Contains(MemberRole.SalesContact, r.Roles));

        Assert.True(await _db.QueryAsync(db => db.Scans.CountAsync()) > 60);
    }

    [Fact]
    [Trait("Spec", "S-1.7")]
    [Trait("Spec", "S-2.11")]
    public async Task SeedsTheDefaultBurgerMenuWithLeadsOnAndTheOptionalDiscountCodesTabOfAPaidEvent()
    {
        var ev = await _db.QueryAsync(db => db.Events.SingleAsync());
        var menu = await _db.Menu.GetMenuAsync(ev.Id);

        Assert.Equal(PageKind.Home, menu[0].Kind);
        Assert.Contains(menu, m => m.Kind == PageKind.Leads && m.IsEnabled);
        // S-1.7: a new event's menu leaves Discount codes out; the demo show is a paid event, so its organizer added it.
        var (pages, items) = DefaultMenu.Create(ev.Id);
        Assert.DoesNotContain(items, i => i.PageId == pages.Single(p => p.Kind == PageKind.DiscountCodes).Id);
        Assert.Contains(menu, m => m.Kind == PageKind.DiscountCodes && m.IsEnabled);
        Assert.NotNull(await _db.Menu.GetPageAsync(ev.Id, "discount-codes"));
        Assert.Equal("Équipe", menu.Single(m => m.Kind == PageKind.Team).Label.For("fr"));
        Assert.Equal("Team", menu.Single(m => m.Kind == PageKind.Team).Label.For("en"));
    }

    [Fact]
    [Trait("Spec", "S-2.7")]
    [Trait("Spec", "S-2.11")]
    public async Task SeedsSessionsAndCodeUseForAcmeToTry()
    {
        var acme = await _db.QueryAsync(db => db.Partners.SingleAsync(p => p.Name == DemoData.AcmeName));
        var sessions = await _db.QueryAsync(db => db.Sessions.Where(s => db.SessionHosts.Any(h => h.SessionId == s.Id && h.PartnerId == acme.Id)).ToListAsync());
        var rooms = await _db.QueryAsync(db => db.Sessions.Select(s => s.Room).Distinct().CountAsync());
        var acmeTickets = await _db.QueryAsync(db => db.TicketPurchases.Where(t => db.DiscountCodes.Any(c => c.Id == t.DiscountCodeId && c.PartnerId == acme.Id)).ToListAsync());

        Assert.Equal(2, sessions.Count);
        Assert.Single(sessions, s => s.Description is not null);
        Assert.Equal(3, rooms);
        Assert.True(await _db.QueryAsync(db => db.TicketPurchases.CountAsync()) >= 40);
        Assert.True(acmeTickets.Count >= 10);
        Assert.Contains(acmeTickets, t => t.CheckedInAt is not null);
    }

    [Fact]
    public async Task DemoDeviceKeyAuthenticatesAsAcme()
    {
        var source = await _db.DeviceKeys.AuthenticateAsync(DemoData.AcmeDeviceKey);
        var acme = await _db.QueryAsync(db => db.Partners.SingleAsync(p => p.Name == DemoData.AcmeName));

        Assert.Equal(acme.Id, source!.PartnerId);
        Assert.Null(await _db.DeviceKeys.AuthenticateAsync("psk_demo_wrong"));
    }

    [Fact]
    [Trait("Spec", "S-3.2")]
    public async Task AcmeSalesContactSellsForTwoPartnersAndIsRegistered()
    {
        var person = await _db.QueryAsync(db => db.People.SingleAsync(p => p.Email == DemoData.AcmeSalesContactEmail));
        var memberships = await _db.QueryAsync(db => db.PartnerMembers.Where(m => m.PersonId == person.Id && m.Role == MemberRole.SalesContact).CountAsync());

        Assert.Equal(2, memberships);
        Assert.True(await _db.QueryAsync(db => db.Attendees.AnyAsync(a => a.PersonId == person.Id)));
    }
}
