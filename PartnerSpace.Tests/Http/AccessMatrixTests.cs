using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Auth;

namespace PartnerSpace.Tests.Http;

/// <summary>
/// Issue 8 item 4, isolation: every route of the app's own endpoint data source is classified in
/// <see cref="EndpointCatalogue"/> (a new route fails <see cref="EveryRouteOfTheAppIsInTheCatalogue"/>),
/// and each caller who may not see partner A's data (anonymous, an attendee, a sales contact, the
/// administrator of A on partner B's routes, B's device key on A's resources, the organizer of
/// another event) gets 302-to-sign-in / 401 / 403 / 404 and none of that data, files included.
/// </summary>
[Trait("Spec", "S-4")]
[Trait("Spec", "S-4.1")]
[Trait("Spec", "S-4.4")]
[Trait("Spec", "S-2.12")]
[Trait("Spec", "S-3.4")]
public sealed class AccessMatrixTests(SecurityPortal portal) : IClassFixture<SecurityPortal>
{
    public enum Caller
    {
        Anonymous,
        Attendee,
        SalesContact,

        /// <summary>Acme's administrator, on Nordlys' ids.</summary>
        AdminOfAOnB,

        /// <summary>Nordlys' device key, on Acme's ids.</summary>
        DeviceOfB,

        /// <summary>The organizer of another event, on Acme's ids.</summary>
        OtherOrganizer,
    }

    private const int SignIn = 302;

    [Fact]
    public void EveryRouteOfTheAppIsInTheCatalogue()
    {
        var unlisted = EndpointCatalogue.Unlisted(portal.Services);
        var gone = EndpointCatalogue.Routes.Select(r => r.Pattern).Except(EndpointCatalogue.AppRoutes(portal.Services).Select(r => r.Pattern)).ToList();

        Assert.True(unlisted.Count == 0, "Routes missing from EndpointCatalogue (say who may call them): " + string.Join(", ", unlisted));
        Assert.True(gone.Count == 0, "Routes in EndpointCatalogue the app no longer has: " + string.Join(", ", gone));
    }

    [Fact]
    public void EveryPageDeclaresWhoMaySeeItAsTheCatalogueSays()
    {
        var pages = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null).ToList();

        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            var pattern = page.RoutePattern.RawText!;
            var policies = page.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var anonymous = page.Metadata.GetMetadata<IAllowAnonymous>() is not null && policies.Count == 0;
            Assert.True(policies.Count > 0 || anonymous, $"{pattern} has neither [Authorize] nor [AllowAnonymous]");
            var expected = EndpointCatalogue.Get(pattern).Audience switch
            {
                RouteAudience.Public => null,
                RouteAudience.PartnerAdmin => Policies.PartnerAdmin,
                RouteAudience.Organizer => Policies.Organizer,
                _ => "",
            };
            Assert.True(expected is null ? anonymous : policies.Contains(expected) || (expected == "" && !anonymous), $"{pattern}: policies [{string.Join(',', policies)}] do not match the catalogue");
        }
    }

    public static TheoryData<Caller> Callers() => [.. Enum.GetValues<Caller>()];

    /// <summary>Every route, one caller at a time: the status the contract gives them, and none of the other side's data.</summary>
    [Theory]
    [MemberData(nameof(Callers))]
    public async Task NoCallerGetsAnotherSidesData(Caller caller)
    {
        using var client = await ClientAsync(caller);
        var target = caller == Caller.AdminOfAOnB ? portal.B : portal.A;
        string[] markers = caller == Caller.AdminOfAOnB
            ? [portal.MarkerB, SecurityPortal.NordlysName]
            : [portal.MarkerA, "counter-scans"];
        var failures = new List<string>();

        foreach (var route in EndpointCatalogue.Routes.Where(r => r.Audience != RouteAudience.Framework))
        {
            var path = route.Audience == RouteAudience.Token ? $"/calendar/{Guid.NewGuid():N}.ics" : route.Path(target);
            var expected = Expected(route, caller);
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(path, UriKind.Relative));
            if (route.Method != "GET")
            {
                request.Content = route.Kind == RouteKind.Form
                    ? new FormUrlEncodedContent([KeyValuePair.Create("email", "x@example.com")])
                    : new StringContent("{\"notes\":\"x\",\"version\":0}", Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            if (status >= 500 || (expected.Length > 0 && !expected.Contains(status)))
            {
                failures.Add($"{route.Method} {path}: got {status}, expected {string.Join(" or ", expected.DefaultIfEmpty(0).Select(s => s == 0 ? "< 500" : s.ToString(System.Globalization.CultureInfo.InvariantCulture)))}");
            }
            else if (status == SignIn && expected.SequenceEqual([SignIn]) && !LocalPath(response.Headers.Location).StartsWith("/sign-in", StringComparison.Ordinal))
            {
                failures.Add($"{route.Method} {path}: redirected to {response.Headers.Location}, not to the sign-in");
            }

            foreach (var marker in markers.Where(m => body.Contains(m, StringComparison.Ordinal)))
            {
                failures.Add($"{route.Method} {path}: {status} shows \"{marker}\"");
            }
        }

        Assert.True(failures.Count == 0, $"{caller}:\n" + string.Join("\n", failures));
    }

    /// <summary>What a caller who may not have partner A's data gets (empty: anything below 500, data checked by markers).</summary>
    private static int[] Expected(CatalogueRoute route, Caller caller)
    {
        var cookieLess = caller is Caller.Anonymous or Caller.DeviceOfB;
        var hasId = route.Pattern.Contains(":guid", StringComparison.Ordinal);
        return route.Audience switch
        {
            RouteAudience.Public => [],
            RouteAudience.Token => [404],
            RouteAudience.SignedIn => cookieLess ? [SignIn] : [],
            RouteAudience.Organizer => cookieLess ? [SignIn]
                : caller == Caller.OtherOrganizer ? (hasId ? [404] : [200])
                : [403],
            RouteAudience.PartnerAdmin => cookieLess ? [SignIn] : [403],
            RouteAudience.PartnerResource => route.Pattern.StartsWith("/files/", StringComparison.Ordinal) ? [404]
                : cookieLess ? [SignIn]
                : route.Pattern.StartsWith("/organizer/", StringComparison.Ordinal) && caller != Caller.OtherOrganizer ? [403]
                : [404],
            // Hugo acts for Acme's meetings (ADR 0010): the file is his to have.
            RouteAudience.MeetingParticipant => cookieLess ? [SignIn] : caller == Caller.SalesContact ? [200] : [404],
            RouteAudience.Device => caller != Caller.DeviceOfB ? [401]
                : route.Pattern.Contains("{leadId", StringComparison.Ordinal) ? [404]
                : route.Method == "POST" ? [400]
                : [200],
            _ => [],
        };
    }

    [Fact]
    public async Task TheSidesThemselvesGetTheirData()
    {
        // The markers are really in the answers the matrix searches: the checks above can fail.
        using var deviceA = portal.Device(DemoData.AcmeDeviceKey);
        var card = await deviceA.GetStringAsync(new Uri($"/api/v1/leads/{portal.A.LeadId}", UriKind.Relative));
        Assert.Contains(portal.MarkerA, card, StringComparison.Ordinal);

        using var admin = await portal.SignedInAsync("partner-admin");
        using var organizer = await portal.SignedInAsync("organizer");
        foreach (var route in EndpointCatalogue.Routes.Where(r => r.Audience == RouteAudience.PartnerAdmin))
        {
            foreach (var (who, client) in new[] { ("admin", admin), ("organizer", organizer) })
            {
                var response = await client.GetAsync(new Uri(route.Path(portal.A), UriKind.Relative));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{who} GET {route.Path(portal.A)}: {(int)response.StatusCode}");
            }
        }

        Assert.Contains("counter-scans", await admin.GetStringAsync(new Uri($"/partner/{portal.A.PartnerId}/leads", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri($"/files/{portal.A.FileId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organizer.GetAsync(new Uri($"/organizer/outbox/{portal.A.OutboxMessageId}/attachment", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organizer.GetAsync(new Uri($"/partner/{portal.A.PartnerId}/discount-codes/export.xlsx", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri($"/meetings/{portal.A.MeetingId}.ics", UriKind.Relative))).StatusCode);
        using var anonymous = portal.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri($"/calendar/{portal.A.FeedToken}.ics", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task RightfulCallersGetIn()
    {
        using var anonymous = portal.CreateBrowserlessClient();
        using var attendee = await portal.SignedInAsync("attendee");
        using var admin = await portal.SignedInAsync("partner-admin");
        using var organizer = await portal.SignedInAsync("organizer");
        string[] redirecting = ["/start", "/culture", "/demo/sign-in/{role}", "/api/docs/{documentName?}"];

        foreach (var route in EndpointCatalogue.Routes.Where(r => r.Audience == RouteAudience.Public && r.Kind == RouteKind.Page && !redirecting.Contains(r.Pattern)))
        {
            var path = route.Path(portal.A);
            var status = (await anonymous.GetAsync(new Uri(path, UriKind.Relative))).StatusCode;
            Assert.True(status == HttpStatusCode.OK || (status == HttpStatusCode.NotFound && route.Pattern.StartsWith("/error", StringComparison.Ordinal)), $"anonymous GET {path}: {(int)status}");
        }

        foreach (var route in EndpointCatalogue.Routes.Where(r => r.Audience == RouteAudience.SignedIn && r.Pattern != "/partner"))
        {
            Assert.Equal(HttpStatusCode.OK, (await attendee.GetAsync(new Uri(route.Path(portal.A), UriKind.Relative))).StatusCode);
        }

        foreach (var route in EndpointCatalogue.Routes.Where(r => r.Audience == RouteAudience.Organizer))
        {
            Assert.Equal(HttpStatusCode.OK, (await organizer.GetAsync(new Uri(route.Path(portal.A), UriKind.Relative))).StatusCode);
        }

        // An unknown partner: forbidden to members (ids cannot be probed), not found to organizers (ADR 0002).
        var unknown = portal.A with { PartnerId = Guid.NewGuid() };
        foreach (var route in EndpointCatalogue.Routes.Where(r => r.Audience == RouteAudience.PartnerAdmin && r.Kind == RouteKind.Page))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(new Uri(route.Path(unknown), UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await organizer.GetAsync(new Uri(route.Path(unknown), UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task AnotherEventsOrganizerSeesTheirOwnEventOnly()
    {
        using var other = await portal.OtherOrganizerAsync();

        var partners = await other.GetStringAsync(new Uri("/organizer", UriKind.Relative));

        Assert.Contains(portal.OtherPartnerName, partners, StringComparison.Ordinal);
        Assert.DoesNotContain(SecurityPortal.NordlysName, partners, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(new Uri($"/files/{portal.C.FileId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(new Uri($"/organizer/outbox/{portal.C.OutboxMessageId}/attachment", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(new Uri($"/partner/{portal.C.PartnerId}", UriKind.Relative))).StatusCode);
        // Acme's administrator has nothing of the other event's partner either.
        using var admin = await portal.SignedInAsync("partner-admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(new Uri($"/partner/{portal.C.PartnerId}/leads", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri($"/files/{portal.C.FileId}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    [Trait("Spec", "S-2.2")]
    [Trait("Spec", "S-3.2")]
    public async Task AnotherEventsPartnerIsNotFoundInThisEventsDirectoryOrAttendeeSpace()
    {
        using var anonymous = portal.CreateBrowserlessClient();
        using var attendee = await portal.SignedInAsync("attendee");

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri($"/e/{portal.A.EventSlug}/partners/{portal.C.PartnerId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri($"/e/{portal.C.EventSlug}/partners/{portal.A.PartnerId}", UriKind.Relative))).StatusCode);
        var page = await attendee.GetAsync(new Uri($"/attendee/partners/{portal.C.PartnerId}", UriKind.Relative));
        Assert.True((int)page.StatusCode < 500);
        Assert.DoesNotContain(portal.OtherPartnerName, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherPartnersDeviceKeyReadsOnlyItsOwnPartner()
    {
        using var deviceB = portal.Device(portal.DeviceKeyB);

        var device = await deviceB.GetStringAsync(new Uri("/api/v1/device", UriKind.Relative));
        var leads = await deviceB.GetStringAsync(new Uri("/api/v1/leads?limit=1000", UriKind.Relative));
        var qualify = await deviceB.PatchAsJsonAsync(new Uri($"/api/v1/leads/{portal.A.LeadId}/qualification", UriKind.Relative), new { notes = "taken over", version = 1 });

        Assert.Contains(SecurityPortal.NordlysName, device, StringComparison.Ordinal);
        Assert.Contains(portal.B.LeadId.ToString(), leads, StringComparison.Ordinal);
        Assert.DoesNotContain(portal.A.LeadId.ToString(), leads, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, qualify.StatusCode);
        Assert.Equal("application/problem+json", qualify.Content.Headers.ContentType?.MediaType);
        using var deviceA = portal.Device(DemoData.AcmeDeviceKey);
        Assert.DoesNotContain("taken over", await deviceA.GetStringAsync(new Uri($"/api/v1/leads/{portal.A.LeadId}", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymousIsSentToSignInWithTheWayBack()
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(new Uri($"/partner/{portal.A.PartnerId}/leads", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in?ReturnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static string LocalPath(Uri? location) =>
        location is null ? "" : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    private async Task<HttpClient> ClientAsync(Caller caller) => caller switch
    {
        Caller.Anonymous => portal.CreateBrowserlessClient(),
        Caller.Attendee => await portal.SignedInAsync("attendee"),
        Caller.SalesContact => await portal.SignedInAsync("sales-contact"),
        Caller.AdminOfAOnB => await portal.SignedInAsync("partner-admin"),
        Caller.DeviceOfB => portal.Device(portal.DeviceKeyB),
        _ => await portal.OtherOrganizerAsync(),
    };
}
