using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads.Export;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Api;
using PartnerSpace.Web.Auth;

namespace PartnerSpace.Tests.Http;

/// <summary>
/// Every page the app routes, taken from its own endpoint data source so a new page cannot be
/// forgotten, against every kind of user: the right ones get in, the others get 302 to sign-in,
/// 403 or 404, and never the data.
/// </summary>
[Trait("Spec", "S-4.1")]
[Trait("Spec", "S-4.4")]
[Trait("Spec", "S-3.1")]
public sealed partial class AccessMatrixTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private const string OtherPartner = "Nordlys Énergie";

    private enum Who
    {
        Anonymous,
        Organizer,
        AcmeAdmin,
        SalesContact,
        Attendee,
    }

    private sealed record PageRoute(string Pattern, string? Policy, bool Anonymous);

    private IReadOnlyList<PageRoute> Pages() =>
        [.. portal.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => new PageRoute(
                e.RoutePattern.RawText!,
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null && e.Metadata.GetMetadata<IAuthorizeData>() is null))
            .DistinctBy(p => p.Pattern)];

    [Fact]
    public void EveryPageDeclaresWhoMaySeeIt()
    {
        var endpoints = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null).ToList();

        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.True(
            e.Metadata.GetMetadata<IAuthorizeData>() is not null || e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
            $"{e.RoutePattern.RawText} has neither [Authorize] nor [AllowAnonymous]"));
        Assert.Contains(Pages(), p => p.Pattern.StartsWith("/partner/{PartnerId", StringComparison.Ordinal) && p.Policy == Policies.PartnerAdmin);
    }

    [Fact]
    public async Task PartnerSpacePagesOpenOnlyToItsAdministratorsAndOrganizers()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        var other = await portal.PartnerIdAsync(OtherPartner);
        var partnerPages = Pages().Where(p => p.Policy == Policies.PartnerAdmin).ToList();
        Assert.True(partnerPages.Count >= 3, "home, leads and the other tabs");

        foreach (var page in partnerPages)
        {
            await ExpectAsync(Who.Anonymous, Fill(page.Pattern, acme), HttpStatusCode.Redirect);
            await ExpectAsync(Who.AcmeAdmin, Fill(page.Pattern, acme), HttpStatusCode.OK);
            await ExpectAsync(Who.Organizer, Fill(page.Pattern, acme), HttpStatusCode.OK);
            await ExpectAsync(Who.AcmeAdmin, Fill(page.Pattern, other), HttpStatusCode.Forbidden, mustNotContain: OtherPartner);
            await ExpectAsync(Who.SalesContact, Fill(page.Pattern, acme), HttpStatusCode.Forbidden, mustNotContain: "counter-scans");
            await ExpectAsync(Who.Attendee, Fill(page.Pattern, acme), HttpStatusCode.Forbidden, mustNotContain: "counter-scans");
            await ExpectAsync(Who.AcmeAdmin, Fill(page.Pattern, Guid.NewGuid()), HttpStatusCode.Forbidden);
            await ExpectAsync(Who.Organizer, Fill(page.Pattern, Guid.NewGuid()), HttpStatusCode.NotFound);
        }
    }

    [Fact]
    [Trait("Spec", "S-2.12")]
    public async Task LeadDownloadsOpenOnlyToThePartnersAdministratorsAndOrganizers()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        var other = await portal.PartnerIdAsync(OtherPartner);
        string[] paths(Guid partnerId) =>
        [
            LeadExportEndpoints.XlsxPath(partnerId), LeadExportEndpoints.XlsxPath(partnerId, onlyNew: true),
            .. LeadExportService.Categories.Select(c => LeadExportEndpoints.CsvPath(partnerId, c)),
        ];

        foreach (var (path, i) in paths(acme).Select((p, i) => (p, i)))
        {
            await ExpectAsync(Who.Anonymous, path, HttpStatusCode.Redirect);
            await ExpectAsync(Who.AcmeAdmin, path, HttpStatusCode.OK);
            await ExpectAsync(Who.Organizer, path, HttpStatusCode.OK);
            await ExpectAsync(Who.AcmeAdmin, paths(other)[i], HttpStatusCode.Forbidden);
            await ExpectAsync(Who.SalesContact, path, HttpStatusCode.Forbidden);
            await ExpectAsync(Who.Attendee, path, HttpStatusCode.Forbidden);
            await ExpectAsync(Who.Organizer, paths(Guid.NewGuid())[i], HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task BackOfficePagesOpenOnlyToOrganizers()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        var organizerPages = Pages().Where(p => p.Policy == Policies.Organizer).ToList();
        Assert.Contains(organizerPages, p => p.Pattern == "/organizer");
        Assert.Contains(organizerPages, p => p.Pattern == "/organizer/outbox");

        foreach (var page in organizerPages)
        {
            var path = Fill(page.Pattern, acme);
            await ExpectAsync(Who.Anonymous, path, HttpStatusCode.Redirect);
            await ExpectAsync(Who.AcmeAdmin, path, HttpStatusCode.Forbidden, mustNotContain: "outbox-message");
            await ExpectAsync(Who.SalesContact, path, HttpStatusCode.Forbidden);
            await ExpectAsync(Who.Attendee, path, HttpStatusCode.Forbidden);
            await ExpectAsync(Who.Organizer, path, HttpStatusCode.OK);
            if (page.Pattern.Contains("{PartnerId", StringComparison.Ordinal))
            {
                await ExpectAsync(Who.Organizer, Fill(page.Pattern, Guid.NewGuid()), HttpStatusCode.NotFound);
            }
        }
    }

    [Fact]
    public async Task SignedInPagesNeedASignIn()
    {
        var pages = Pages().Where(p => p.Policy is null && !p.Anonymous).ToList();
        Assert.Contains(pages, p => p.Pattern == "/attendee");
        // The attendee space's partner pages (S-3) take a partner of the event.
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);

        foreach (var page in pages)
        {
            var path = Fill(page.Pattern, acme);
            await ExpectAsync(Who.Anonymous, path, HttpStatusCode.Redirect);
            await ExpectAsync(Who.Attendee, path, HttpStatusCode.OK);
            await ExpectAsync(Who.SalesContact, path, HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task PublicPagesOpenToEveryone()
    {
        var pages = Pages().Where(p => p.Anonymous && !p.Pattern.Contains('{', StringComparison.Ordinal)).ToList();
        Assert.Contains(pages, p => p.Pattern == "/sign-in");

        foreach (var page in pages.Where(p => p.Pattern != "/error" && p.Pattern != "/not-found"))
        {
            await ExpectAsync(Who.Anonymous, page.Pattern, HttpStatusCode.OK);
        }
    }

    [Fact]
    [Trait("Spec", "S-2.2")]
    public async Task PublicPagesOfAnEventOpenToEveryone()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        var pages = Pages().Where(p => p.Anonymous && p.Pattern.Contains("{EventSlug", StringComparison.Ordinal)).ToList();
        Assert.Contains(pages, p => p.Pattern.StartsWith("/e/{EventSlug}/partners/{PartnerId", StringComparison.Ordinal));

        foreach (var page in pages)
        {
            var path = EventSlug().Replace(NameSlug().Replace(Fill(page.Pattern, acme), "acme"), DemoData.EventSlug);
            foreach (var who in Enum.GetValues<Who>())
            {
                await ExpectAsync(who, path, HttpStatusCode.OK, mustNotContain: DemoData.TestPartnerName);
            }
        }
    }

    [Fact]
    public async Task AnonymousIsSentToSignInWithTheWayBack()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(new Uri($"/partner/{acme}/leads", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in?ReturnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static string Fill(string pattern, Guid partnerId) =>
        Which().Replace(Slug().Replace(PartnerIdParameter().Replace(pattern, partnerId.ToString()), "team"), "profile");

    private async Task ExpectAsync(Who who, string path, HttpStatusCode expected, string? mustNotContain = null)
    {
        using var client = who == Who.Anonymous ? portal.CreateBrowserlessClient() : await portal.SignedInAsync(who switch
        {
            Who.Organizer => "organizer",
            Who.AcmeAdmin => "partner-admin",
            Who.SalesContact => "sales-contact",
            _ => "attendee",
        });

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(expected == response.StatusCode, $"{who} GET {path}: expected {(int)expected}, got {(int)response.StatusCode}");
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        if (mustNotContain is not null)
        {
            Assert.DoesNotContain(mustNotContain, body, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"\{PartnerId[^}]*\}")]
    private static partial Regex PartnerIdParameter();

    [GeneratedRegex(@"\{Slug[^}]*\}")]
    private static partial Regex Slug();

    [GeneratedRegex(@"\{Which[^}]*\}")]
    private static partial Regex Which();

    [GeneratedRegex(@"\{EventSlug[^}]*\}")]
    private static partial Regex EventSlug();

    [GeneratedRegex(@"\{NameSlug[^}]*\}")]
    private static partial Regex NameSlug();
}
