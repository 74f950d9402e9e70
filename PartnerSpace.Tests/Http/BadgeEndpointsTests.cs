using System.IO.Compression;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Events;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Http;

/// <summary>Badge downloads: the partner's administrators and the organizers, only while "Show badges" is on (S-1.5).</summary>
[Trait("Spec", "S-1.5")]
[Trait("Spec", "S-2.3")]
public sealed class BadgeEndpointsTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private async Task<(Guid Acme, Guid Hugo)> SwitchBadgesOnAsync()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        var eventId = await portal.QueryAsync(db => Task.FromResult(db.Partners.Single(p => p.Id == acme).EventId));
        var options = portal.Services.GetRequiredService<EventOptionsService>();
        var state = await options.GetAsync(eventId);
        if (!state.Values.TeamShowBadges)
        {
            await options.SaveAsync(eventId, state with { Values = state.Values with { TeamShowBadges = true } }, new Actor(Guid.NewGuid(), "Tests"));
        }

        // Acme's sales contact is the demo's registered team member (S-3.1).
        var hugo = await portal.QueryAsync(db => Task.FromResult(db.PartnerMembers.Single(m => m.PartnerId == acme && m.Person!.Email == DemoData.AcmeSalesContactEmail).Id));
        return (acme, hugo);
    }

    [Theory]
    [InlineData("organizer", HttpStatusCode.OK)]
    [InlineData("partner-admin", HttpStatusCode.OK)]
    [InlineData("sales-contact", HttpStatusCode.Forbidden)]
    [InlineData("attendee", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Redirect)]
    public async Task BadgesDownloadOnlyForThePartnersAdministratorsAndOrganizers(string? role, HttpStatusCode expected)
    {
        var (acme, hugo) = await SwitchBadgesOnAsync();
        using var client = role is null ? portal.CreateBrowserlessClient() : await portal.SignedInAsync(role);

        var one = await client.GetAsync(new Uri($"/partner/{acme}/badges/{hugo}.svg", UriKind.Relative));
        var all = await client.GetAsync(new Uri($"/partner/{acme}/badges.zip", UriKind.Relative));

        Assert.Equal(expected, one.StatusCode);
        Assert.Equal(expected, all.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal("image/svg+xml", one.Content.Headers.ContentType!.MediaType);
            Assert.Contains("Hugo", await one.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("application/zip", all.Content.Headers.ContentType!.MediaType);
            using var zip = new ZipArchive(await all.Content.ReadAsStreamAsync());
            Assert.Equal(["badge-hugo-bernard.svg"], zip.Entries.Select(e => e.FullName));
        }
    }

    [Fact]
    public async Task AnotherPartnersAdministratorGetsNothing()
    {
        await SwitchBadgesOnAsync();
        var other = await portal.PartnerIdAsync("Nordlys Énergie");
        using var client = await portal.SignedInAsync("partner-admin");

        var all = await client.GetAsync(new Uri($"/partner/{other}/badges.zip", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, all.StatusCode);
    }

    [Fact]
    public async Task AMemberWithoutABadgeIs404()
    {
        var (acme, _) = await SwitchBadgesOnAsync();
        var claire = await portal.QueryAsync(db => Task.FromResult(db.PartnerMembers.Single(m => m.PartnerId == acme && m.Person!.Email == DemoData.AcmeAdminEmail).Id));
        using var client = await portal.SignedInAsync("partner-admin");

        var response = await client.GetAsync(new Uri($"/partner/{acme}/badges/{claire}.svg", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>With "Show badges" off (the default), there are no badges to download, even for organizers.</summary>
[Trait("Spec", "S-1.5")]
public sealed class BadgeEndpointsOffTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    [Theory]
    [InlineData("organizer")]
    [InlineData("partner-admin")]
    public async Task BadgesAreNotFoundWhileTheOptionIsOff(string role)
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        var hugo = await portal.QueryAsync(db => Task.FromResult(db.PartnerMembers.Single(m => m.PartnerId == acme && m.Person!.Email == DemoData.AcmeSalesContactEmail).Id));
        using var client = await portal.SignedInAsync(role);

        var one = await client.GetAsync(new Uri($"/partner/{acme}/badges/{hugo}.svg", UriKind.Relative));
        var all = await client.GetAsync(new Uri($"/partner/{acme}/badges.zip", UriKind.Relative));
        var page = await client.GetAsync(new Uri($"/partner/{acme}/badges", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, one.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, all.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("The organizer has not switched badges on", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
