using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Tests.Http;

/// <summary>
/// Issue 8 item 7 and the request size limits of item 5: malformed, oversized, wrong-type and
/// hostile input to every API endpoint and form handler of <see cref="EndpointCatalogue"/> gets a
/// clear 4xx (problem details from the API), never a 500, and nothing is stored half-way.
/// </summary>
[Trait("Spec", "S-4")]
[Trait("Spec", "S-2.12")]
public sealed class HostileInputTests(SecurityPortal portal) : IClassFixture<SecurityPortal>
{
    private const int TenMegabytes = 10 * 1024 * 1024;
    private const string Script = "<script>alert('ps')</script>";
    private const string Sql = "'; DROP TABLE Scans; --";

    private sealed record Case(string Name, Func<HttpContent?> Body, int[] Allowed);

    [Fact]
    public void EveryRouteThatTakesABodyIsSentHostileInput()
    {
        var writes = EndpointCatalogue.AppRoutes(portal.Services)
            .Where(r => r.Methods.Any(m => m is not ("GET" or "HEAD")))
            .Select(r => EndpointCatalogue.Get(r.Pattern))
            .Where(r => r.Audience != RouteAudience.Framework)
            .ToList();

        // Every one of them is an API endpoint (JsonCases), a form (FormCases) or a page's form post (PagePosts).
        Assert.All(writes, r => Assert.Contains(r.Kind, new[] { RouteKind.Api, RouteKind.Form, RouteKind.Page }));
        Assert.Contains(writes, r => r.Pattern == "/api/v1/scans/batch");
        Assert.Contains(writes, r => r.Pattern == "/auth/password");
    }

    public static TheoryData<string> JsonRoutes() =>
        [.. EndpointCatalogue.Routes.Where(r => r.Kind == RouteKind.Api && r.Method != "GET").Select(r => r.Pattern)];

    [Theory]
    [MemberData(nameof(JsonRoutes))]
    public async Task TheApiRefusesHostileBodiesWithProblemDetailsAndKeepsNothing(string pattern)
    {
        var route = EndpointCatalogue.Get(pattern);
        using var device = portal.Device(DemoData.AcmeDeviceKey);
        var path = route.Path(portal.A);
        var failures = new List<string>();

        foreach (var c in JsonCases(pattern))
        {
            var before = await StateAsync();
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(path, UriKind.Relative)) { Content = c.Body() };
            using var response = await device.SendAsync(request);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            if (status == 200 && pattern.EndsWith("/batch", StringComparison.Ordinal) && c.Allowed.Contains(400))
            {
                // A batch answers per item (DESIGN §6): an invalid scan is an "invalid" result, and is not stored.
                if (!body.Contains("\"status\":\"invalid\"", StringComparison.Ordinal) || body.Contains("\"created\"", StringComparison.Ordinal) || await StateAsync() != before)
                {
                    failures.Add($"{c.Name}: 200 {Short(body)}");
                }

                continue;
            }

            if (!c.Allowed.Contains(status))
            {
                failures.Add($"{c.Name}: {status} {Short(body)}");
                continue;
            }

            if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{c.Name}: {status} as {response.Content.Headers.ContentType}, not problem+json");
            }

            if (status >= 400 && await StateAsync() != before)
            {
                failures.Add($"{c.Name}: refused with {status} but something was stored");
            }
        }

        Assert.True(failures.Count == 0, $"{route.Method} {pattern}:\n" + string.Join("\n", failures));
    }

    private static IEnumerable<Case> JsonCases(string pattern)
    {
        var scan = pattern.StartsWith("/api/v1/scans", StringComparison.Ordinal);
        var batch = pattern.EndsWith("/batch", StringComparison.Ordinal);
        string Valid(string text) => scan
            ? Wrap($$"""{"scanId":"{{Guid.NewGuid()}}","badgeCode":"DEMO-0007","scannedAt":"{{DateTimeOffset.UtcNow.AddMinutes(-1):O}}","scannedBy":"claire.dubois@acme.example","note":{{JsonSerializer.Serialize(text)}}}""")
            : $$"""{"notes":{{JsonSerializer.Serialize(text)}},"version":1}""";
        string Wrap(string item) => batch ? $$"""{"scans":[{{item}}]}""" : item;
        static HttpContent Json(string text) => new StringContent(text, Encoding.UTF8, "application/json");
        static HttpContent Bytes(byte[] bytes)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return content;
        }

        var big = new string('a', TenMegabytes);
        yield return new("malformed JSON", () => Json("{\"scanId\": "), [400]);
        yield return new("an array", () => Json("[1,2,3]"), [400]);
        yield return new("null", () => Json("null"), [400]);
        yield return new("no body", () => Json(""), [400]);
        yield return new("wrong types", () => Json(Wrap("""{"scanId":42,"badgeCode":true,"scannedAt":[],"scannedBy":{},"note":1,"notes":[],"tags":"x","version":"x","answers":[],"rating":5}""")), [400]);
        // A qualification without a version replaces the lead's qualification (the scanner's contract).
        yield return new("missing fields", () => Json(Wrap("{}")), scan ? [400] : [200, 400]);
        yield return new("bad GUIDs", () => Json(scan ? Wrap("""{"scanId":"not-a-guid","badgeCode":"DEMO-0007","scannedAt":"2026-01-01T10:00:00Z","scannedBy":"a@b.example"}""") : """{"ownerPersonId":"not-a-guid","version":1}"""), [400]);
        yield return new("huge numbers", () => Json(scan ? Wrap("""{"scanId":1e400,"scannedAt":99999999999999999999999999}""") : """{"version":99999999999999999999999,"notes":"x"}"""), [400]);
        yield return new("a date with no offset far away", () => Json(scan ? Wrap("""{"scanId":"00000000-0000-0000-0000-000000000001","badgeCode":"DEMO-0007","scannedAt":"9999-12-31T23:59:59","scannedBy":"a@b.example"}""") : """{"version":-2147483648}"""), [400, 409]);
        yield return new("deep nesting", () => Json(new string('[', 10_000) + new string(']', 10_000)), [400]);
        yield return new("invalid UTF-8", () => Bytes([.. Encoding.UTF8.GetBytes(scan ? "{\"badgeCode\":\"" : "{\"notes\":\""), 0xFF, 0xFE, 0xC3, 0x28, .. "\"}"u8]), [400]);
        yield return new("a lone surrogate", () => Json(Valid("\\ud800").Replace("\\\\ud800", "\\ud800", StringComparison.Ordinal)), [400]);
        yield return new("text/plain", () => new StringContent(Valid("x"), Encoding.UTF8, "text/plain"), [400, 415]);
        yield return new("a form", () => new FormUrlEncodedContent([KeyValuePair.Create("scanId", "1"), KeyValuePair.Create("notes", "x")]), [400, 415]);
        yield return new("multipart", () => new MultipartFormDataContent { { new StringContent(Valid("x")), "body" }, { new ByteArrayContent(SampleImages.Png), "file", "a.png" } }, [400, 415]);
        yield return new("a 1 MB text field", () => Json(Valid(new string('a', 1024 * 1024))), [400]);
        yield return new("a 10 MB text field", () => Json(Valid(big)), [413]);
        yield return new("a 10 MB body", () => Json(Valid("x") + new string(' ', TenMegabytes)), [413]);
        yield return new("a 10 MB body without a length", () => new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Valid(big)))) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }, [413]);
        if (batch)
        {
            yield return new("1,001 scans", () => Json($$"""{"scans":[{{string.Join(',', Enumerable.Repeat("{}", 1001))}}]}"""), [400]);
        }

        if (!scan)
        {
            yield return new("10,000 tags", () => Json($$"""{"tags":[{{string.Join(',', Enumerable.Repeat("\"t\"", 10_000))}}],"version":1}"""), [400, 409]);
            yield return new("answers keyed by anything", () => Json("""{"answers":{"'; DROP TABLE Leads; --":"x"},"version":1}"""), [400, 409]);
        }
    }

    [Fact]
    public async Task HostileButValidTextIsStoredInertAndShownEncoded()
    {
        using var device = portal.Device(DemoData.AcmeDeviceKey);
        var card = await device.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/leads/{portal.A.LeadId}", UriKind.Relative));
        var version = card.GetProperty("qualification").GetProperty("version").GetInt32();

        var saved = await device.PatchAsJsonAsync(new Uri($"/api/v1/leads/{portal.A.LeadId}/qualification", UriKind.Relative), new
        {
            notes = $"{Script} {Sql} {portal.MarkerA}",
            tags = new[] { Script },
            version,
            extra = new { admin = true, partnerId = portal.B.PartnerId },
        });
        var scanned = await device.PostAsJsonAsync(new Uri("/api/v1/scans", UriKind.Relative), new
        {
            scanId = Guid.NewGuid(),
            badgeCode = Sql,
            scannedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            scannedBy = DemoData.AcmeAdminEmail,
            note = Script,
            partnerId = portal.B.PartnerId,
        });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.True(scanned.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, $"{(int)scanned.StatusCode}");
        var notes = await portal.QueryAsync(db => db.Leads.Where(l => l.Id == portal.A.LeadId).Select(l => l.Notes).SingleAsync());
        Assert.Equal($"{Script} {Sql} {portal.MarkerA}", notes);
        // The API answers data, never markup a browser would render.
        Assert.Equal("application/json", saved.Content.Headers.ContentType?.MediaType);

        // Shown on the partner's pages encoded, never as markup.
        using var admin = await portal.SignedInAsync("partner-admin");
        foreach (var page in new[] { $"/partner/{portal.A.PartnerId}/leads", $"/partner/{portal.A.PartnerId}" })
        {
            Assert.DoesNotContain(Script, await admin.GetStringAsync(new Uri(page, UriKind.Relative)), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("after=abc")]
    [InlineData("after=-1")]
    [InlineData("after=99999999999999999999999")]
    [InlineData("after=%3Cscript%3E")]
    [InlineData("after=1%27%20OR%201%3D1--")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=-5")]
    [InlineData("limit=1e3")]
    [InlineData("limit=99999999999")]
    [InlineData("after=%FF%FE")]
    public async Task TheLeadFeedRefusesABadCursorOrLimit(string query)
    {
        using var device = portal.Device(DemoData.AcmeDeviceKey);

        var response = await device.GetAsync(new Uri($"/api/v1/leads?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/v1/leads/export.xlsx?onlyNew=maybe", 400)]
    [InlineData("/api/v1/leads/not-a-guid", 404)]
    [InlineData("/api/v1/leads/00000000-0000-0000-0000-000000000000", 404)]
    [InlineData("/api/v1/leads/not-a-guid/qualification", 404)]
    public async Task TheApiAnswersBadAddressesWithProblemDetails(string path, int expected)
    {
        using var device = portal.Device(DemoData.AcmeDeviceKey);

        var response = await device.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string> FormRoutes() =>
        [.. EndpointCatalogue.Routes.Where(r => r.Kind == RouteKind.Form).Select(r => r.Pattern)];

    [Theory]
    [Trait("Spec", "S-4.2")]
    [MemberData(nameof(FormRoutes))]
    public async Task FormsRefuseHostileBodiesAndKeepNothing(string pattern)
    {
        using var client = portal.CreateBrowserlessClient();
        var token = await PartnerSpaceFactory.AntiforgeryTokenAsync(client, "/sign-in");
        var failures = new List<string>();
        KeyValuePair<string, string> Field(string name, string value) => KeyValuePair.Create(name, value);
        var antiforgery = Field("__RequestVerificationToken", token);
        HttpContent Raw(string body) => new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
        var cases = new Case[]
        {
            // /auth/renew checks its own proof (a protected ticket) instead of antiforgery: a bad one goes back to sign-in.
            new("no antiforgery token", () => new FormUrlEncodedContent([Field("email", "a@b.example"), Field("password", "x"), Field("token", "x"), Field("ticket", Script)]), pattern == "/auth/renew" ? [302] : [400]),
            new("JSON", () => new StringContent("{\"email\":\"a@b.example\"}", Encoding.UTF8, "application/json"), [400, 415]),
            new("text/plain", () => new StringContent("email=a@b.example", Encoding.UTF8, "text/plain"), [400, 415]),
            new("2,000 fields", () => Raw(string.Join('&', Enumerable.Range(0, 2000).Select(i => $"f{i}=1")) + "&__RequestVerificationToken=" + Uri.EscapeDataString(token)), [400]),
            new("a 10 MB field", () => Raw("email=" + new string('a', TenMegabytes) + "&__RequestVerificationToken=" + Uri.EscapeDataString(token)), [413]),
            new("a 10 MB file", () => new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(new byte[TenMegabytes]), "file", "big.bin" } }, [413]),
            new("a 10 MB body without a length", () => new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("email=" + new string('a', TenMegabytes)))) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } }, [400, 413]),
            new("a broken multipart body", () => new StringContent("--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nabc", Encoding.UTF8, "multipart/form-data") { Headers = { ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x") } }, [400]),
            new("invalid UTF-8", () => Raw("email=%FF%FE%C3%28&password=%FF&token=%FF&__RequestVerificationToken=" + Uri.EscapeDataString(token)), [302, 400]),
            new("script and SQL", () => new FormUrlEncodedContent([Field("email", Script + "@x.example"), Field("password", Sql), Field("token", Sql), Field("returnUrl", "javascript:alert(1)"), antiforgery]), [302, 400]),
            new("a way back with a tab", () => new FormUrlEncodedContent([Field("email", DemoData.OrganizerEmail), Field("password", "wrong-password"), Field("returnUrl", "/\t/evil.example"), antiforgery]), [302, 400]),
        };

        foreach (var c in cases)
        {
            var before = await StateAsync();
            using var response = await client.PostAsync(new Uri(pattern, UriKind.Relative), c.Body());
            var status = (int)response.StatusCode;
            var location = response.Headers.Location?.OriginalString ?? "";
            if (!c.Allowed.Contains(status))
            {
                failures.Add($"{c.Name}: {status} {Short(await response.Content.ReadAsStringAsync())}");
            }
            else if (status == 302 && (!location.StartsWith('/') || location.StartsWith("//", StringComparison.Ordinal) || location.Any(char.IsControl)))
            {
                failures.Add($"{c.Name}: redirected to {location}");
            }
            else if (await StateAsync() != before && pattern != "/auth/sign-out")
            {
                failures.Add($"{c.Name}: {status} but something was stored");
            }
        }

        Assert.True(failures.Count == 0, $"POST {pattern}:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task PagesRefuseHostilePostsWithoutA500()
    {
        using var anonymous = portal.CreateBrowserlessClient();
        using var admin = await portal.SignedInAsync("partner-admin");
        var failures = new List<string>();
        var pages = EndpointCatalogue.AppRoutes(portal.Services).Where(r => r.Methods.Contains("POST"))
            .Select(r => EndpointCatalogue.Get(r.Pattern)).Where(r => r.Kind == RouteKind.Page).ToList();
        Assert.NotEmpty(pages);

        foreach (var page in pages)
        {
            foreach (var (client, body) in new[]
            {
                (anonymous, (HttpContent)new FormUrlEncodedContent([KeyValuePair.Create("_handler", Script), KeyValuePair.Create("x", Sql)])),
                (admin, new FormUrlEncodedContent([KeyValuePair.Create("_handler", "x")])),
                (admin, new StringContent("x=" + new string('a', TenMegabytes), Encoding.UTF8, "application/x-www-form-urlencoded")),
                (anonymous, new StringContent("{}", Encoding.UTF8, "application/json")),
            })
            {
                using (body)
                {
                    var path = page.Path(portal.A);
                    using var response = await client.PostAsync(new Uri(path, UriKind.Relative), body);
                    var status = (int)response.StatusCode;
                    if (status is < 300 or >= 500)
                    {
                        failures.Add($"POST {path} ({body.Headers.ContentType?.MediaType}, {body.Headers.ContentLength} bytes): {status}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("/culture?c=fr&r=/%09/evil.example")]
    [InlineData("/culture?c=%3Cscript%3E&r=/%0d%0aSet-Cookie:%20x=y")]
    [InlineData("/culture?c=fr&r=//evil.example")]
    [InlineData("/culture?c=fr&r=/%5Cevil.example")]
    public async Task TheLanguageSwitchGoesBackOnlyToALocalPage(string path)
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ABatchOfAThousandScansWithLongAccentedNotesFitsTheApiLimit()
    {
        using var device = portal.Device(DemoData.AcmeDeviceKey);
        var scans = Enumerable.Range(0, 1000).Select(i => new
        {
            scanId = Guid.NewGuid(),
            badgeCode = $"DEMO-{(i % 320) + 1:0000}",
            scannedAt = DateTimeOffset.UtcNow.AddMinutes(-2),
            scannedBy = DemoData.AcmeAdminEmail,
            note = new string('é', 1000),
        }).ToList();
        var json = JsonSerializer.Serialize(new { scans });

        var response = await device.PostAsync(new Uri("/api/v1/scans/batch", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.True(json.Length > 5 * 1024 * 1024, $"{json.Length} bytes: the worst case, every accent escaped");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void TheLimitsAreSetInOnePlace()
    {
        var limits = portal.Services.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;

        Assert.Equal(limits.MaxBodyBytes, portal.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize);
        Assert.Equal(limits.MaxFormBodyBytes, portal.Services.GetRequiredService<IOptions<FormOptions>>().Value.MultipartBodyLengthLimit);
        Assert.InRange(limits.MaxApiBodyBytes, 7 * 1024 * 1024, limits.MaxBodyBytes);
        Assert.InRange(limits.MaxCircuitMessageBytes, 32 * 1024, 1024 * 1024);

        // Blazor's hub (internal) takes the circuit's limit.
        var hub = Type.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub, Microsoft.AspNetCore.Components.Server", throwOnError: true)!;
        var options = portal.Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hub)));
        var hubOptions = (HubOptions)options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options)!;
        Assert.Equal(limits.MaxCircuitMessageBytes, hubOptions.MaximumReceiveMessageSize);
    }

    /// <summary>The rows the API and the forms write, and the qualified lead's version.</summary>
    private Task<(int Scans, int Leads, int Links, int Outbox, int Version)> StateAsync() => portal.QueryAsync(async db => (
        await db.Scans.CountAsync(),
        await db.Leads.CountAsync(),
        await db.SignInLinks.CountAsync(),
        await db.Outbox.CountAsync(),
        await db.Leads.Where(l => l.Id == portal.A.LeadId).Select(l => l.Version).SingleAsync()));

    private static string Short(string body) => body.Length > 300 ? body[..300] : body;
}
