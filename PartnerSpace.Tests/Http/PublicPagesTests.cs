using System.Net;
using System.Text.RegularExpressions;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Http;

/// <summary>
/// The public directory and partner pages as a search engine fetches them: anonymous, plain HTML
/// with title, description and canonical address; no test partner, no hidden offer (S-2.2, S-2.4).
/// </summary>
[Trait("Spec", "S-2.2")]
[Trait("Spec", "S-2.4")]
public sealed partial class PublicPagesTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private const string Directory = "/e/" + DemoData.EventSlug + "/partners";

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var client = portal.CreateBrowserlessClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Decoded(string html) => WebUtility.HtmlDecode(html);

    private static string? Meta(string html, string name) =>
        MetaTag().Matches(html).Select(m => m.Value).FirstOrDefault(t => t.Contains($"=\"{name}\"", StringComparison.Ordinal)) is { } tag
            ? WebUtility.HtmlDecode(ContentAttribute().Match(tag).Groups[1].Value)
            : null;

    private static string? Canonical(string html) => CanonicalLink().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    private async Task<string> AcmePathAsync() => $"{Directory}/{await portal.PartnerIdAsync(DemoData.AcmeName)}/acme";

    [Fact]
    [Trait("Spec", "S-1.1")]
    public async Task TheDirectoryIsServedToAnyoneWithItsTitleDescriptionCanonicalAndPartnersButNoTestPartner()
    {
        var (status, html) = await GetAsync(Directory);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<title>Partners · Industry of Tomorrow Expo</title>", Decoded(html), StringComparison.Ordinal);
        Assert.StartsWith("The 13 exhibitors and sponsors of Industry of Tomorrow Expo", Meta(html, "description"), StringComparison.Ordinal);
        Assert.EndsWith(Directory, Canonical(html), StringComparison.Ordinal);
        Assert.Contains(">Acme</h2>", html, StringComparison.Ordinal);
        Assert.Contains(Decoded(">Nordlys Énergie</h2>"), Decoded(html), StringComparison.Ordinal);
        Assert.DoesNotContain(DemoData.TestPartnerName, Decoded(html), StringComparison.Ordinal);
        Assert.Equal(13, DirectoryCard().Count(html));
        // The page is the HTML itself, not a shell an interactive circuit fills in later.
        Assert.DoesNotContain("<!--Blazor:{\"type\":\"server\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAndCategoryWorkFromTheQueryString()
    {
        var (_, energy) = await GetAsync($"{Directory}?q=energie");
        var (_, startups) = await GetAsync($"{Directory}?category=Startup");
        var (_, nothing) = await GetAsync($"{Directory}?q=zzzz-nothing");

        Assert.Equal(1, DirectoryCard().Count(energy));
        Assert.Contains("Nordlys", energy, StringComparison.Ordinal);
        Assert.Equal("noindex, follow", Meta(energy, "robots"));
        Assert.Equal(["Pixel &amp; Fils", "Terre &amp; Mer Foods"], CardName().Matches(startups).Select(m => m.Groups[1].Value));
        Assert.Contains("aria-current=\"page\">Startup</a>", startups, StringComparison.Ordinal);
        Assert.Equal(0, DirectoryCard().Count(nothing));
        Assert.Contains("No partner matches your search", nothing, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "S-2.3")]
    public async Task APartnerPageShowsItsProfileVisibleOffersAndSalesContactsWithItsOwnTitleAndDescription()
    {
        var path = await AcmePathAsync();

        var (status, html) = await GetAsync(path);
        var text = Decoded(html);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<title>Acme · Industry of Tomorrow Expo</title>", text, StringComparison.Ordinal);
        Assert.StartsWith("Acme builds the tools factories run on", Meta(html, "description"), StringComparison.Ordinal);
        Assert.Equal("Acme", Meta(html, "og:title"));
        Assert.EndsWith(path, Canonical(html), StringComparison.Ordinal);
        Assert.Contains("application/ld+json", html, StringComparison.Ordinal);
        Assert.Contains("Show discount: 20 % off Acme Connect", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Partner reseller programme (draft)", text, StringComparison.Ordinal);
        Assert.Contains("Hugo Bernard", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@acme.example", text, StringComparison.Ordinal);
        // The live island only: the page itself is static HTML.
        Assert.Single(ServerComponentMarker().Matches(html));
    }

    [Fact]
    public async Task TheLogoOfAPartnerPageIsServedToAnyone()
    {
        var (_, html) = await GetAsync(await AcmePathAsync());
        var logo = LogoSource().Match(html).Groups[1].Value;

        using var client = portal.CreateBrowserlessClient();
        var response = await client.GetAsync(new Uri(logo, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AnyNameAfterTheIdFindsThePageAndTheCanonicalAddressNamesItRight()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);

        var (withoutName, html) = await GetAsync($"{Directory}/{acme}");
        var (oldName, _) = await GetAsync($"{Directory}/{acme}/acme-corporation");

        Assert.Equal(HttpStatusCode.OK, withoutName);
        Assert.Equal(HttpStatusCode.OK, oldName);
        Assert.EndsWith($"/{acme}/acme", Canonical(html), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "S-1.1")]
    public async Task AnUnknownOrTestPartnerOrEventIs404()
    {
        var test = await portal.PartnerIdAsync(DemoData.TestPartnerName);
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);

        foreach (var path in new[] { $"{Directory}/{Guid.NewGuid()}/nobody", $"{Directory}/{test}/partenaire-test", $"/e/no-such-event/partners/{acme}/acme", "/e/no-such-event/partners" })
        {
            var (status, html) = await GetAsync(path);
            Assert.True(status == HttpStatusCode.NotFound, $"{path}: {(int)status}");
            Assert.DoesNotContain(DemoData.TestPartnerName, Decoded(html), StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("<meta [^>]*>")]
    private static partial Regex MetaTag();

    [GeneratedRegex("content=\"([^\"]*)\"")]
    private static partial Regex ContentAttribute();

    [GeneratedRegex("<link rel=\"canonical\" href=\"([^\"]+)\"")]
    private static partial Regex CanonicalLink();

    [GeneratedRegex("data-testid=\"directory-partner\"")]
    private static partial Regex DirectoryCard();

    [GeneratedRegex("<h2>([^<]+)</h2>")]
    private static partial Regex CardName();

    [GeneratedRegex("<!--Blazor:\\{\"type\":\"server\"")]
    private static partial Regex ServerComponentMarker();

    [GeneratedRegex("<img class=\"ps-public-logo ps-public-logo-large\" src=\"([^\"]+)\"")]
    private static partial Regex LogoSource();
}
