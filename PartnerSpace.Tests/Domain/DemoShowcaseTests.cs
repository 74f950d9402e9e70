using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Public;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>The demo's public directory looks like a real show's: described partners with logos and offers, some hidden (S-2.4).</summary>
[Trait("Spec", "S-2.4")]
[Trait("Spec", "S-2.2")]
public sealed class DemoShowcaseTests : IAsyncLifetime
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
    public async Task EveryPublicPartnerIsDescribedWithALogoAndMostHaveOffersSomeHidden()
    {
        var directory = new DirectoryService(_db.Factory, new FormService(_db.Factory, _db.Live, _db.Time));

        var listing = (await directory.ListAsync(DemoData.EventSlug))!;

        Assert.Equal(13, listing.Total);
        Assert.All(listing.Partners, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
        Assert.All(listing.Partners, p => Assert.NotNull(p.LogoFileId));
        var offers = await _db.QueryAsync(db => db.Offers.ToListAsync());
        var withOffers = offers.Select(o => o.PartnerId).Distinct().Count();
        Assert.True(withOffers >= 10, $"{withOffers} partners have offers");
        Assert.Contains(offers, o => !o.IsVisible);
        Assert.All(offers.GroupBy(o => o.PartnerId), g => Assert.Equal(Enumerable.Range(0, g.Count()), g.Select(o => o.Position).Order()));
        var acme = listing.Partners.Single(p => p.Name == DemoData.AcmeName);
        Assert.Equal(3, (await directory.GetPartnerAsync(DemoData.EventSlug, acme.Id))!.Offers.Count);
    }
}
