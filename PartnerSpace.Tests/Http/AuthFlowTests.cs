using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Http;

/// <summary>Sign-in by password and by link, through the forms as a browser posts them.</summary>
[Trait("Spec", "S-4.2")]
public sealed partial class AuthFlowTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, params (string Name, string Value)[] fields)
    {
        var token = await PartnerSpaceFactory.AntiforgeryTokenAsync(client, formPage);
        var form = fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token));
        return await client.PostAsync(Url(action), new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task OrganizerSignsInWithPassword()
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await PostFormAsync(client, "/sign-in", "/auth/password", ("email", DemoData.OrganizerEmail), ("password", DemoData.OrganizerPassword));

        Assert.Equal("/organizer", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url("/organizer"))).StatusCode);
    }

    [Theory]
    [InlineData(DemoData.OrganizerEmail, "wrong password")]
    [InlineData("nobody@example.org", "whatever it is")]
    [InlineData("", "")]
    public async Task WrongCredentialsSayItPlainlyWithoutTellingWhichPart(string email, string password)
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await PostFormAsync(client, "/sign-in", "/auth/password", ("email", email), ("password", password));

        Assert.Equal("/sign-in?error=credentials", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Url("/organizer"))).StatusCode);
    }

    [Fact]
    public async Task FormPostWithoutAntiforgeryTokenIsRefused()
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.PostAsync(Url("/auth/password"), new FormUrlEncodedContent([KeyValuePair.Create("email", DemoData.OrganizerEmail), KeyValuePair.Create("password", DemoData.OrganizerPassword)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PartnerAdministratorSignsInOnceWithTheLinkFromTheOutbox()
    {
        using var client = portal.CreateBrowserlessClient();
        var before = await portal.QueryAsync(db => db.Outbox.CountAsync(m => m.To == DemoData.AcmeAdminEmail));

        var sent = await PostFormAsync(client, "/sign-in", "/auth/link", ("email", DemoData.AcmeAdminEmail));

        Assert.Equal("/sign-in/link-sent", sent.Headers.Location?.OriginalString);
        var mail = await portal.QueryAsync(db => db.Outbox.Where(m => m.To == DemoData.AcmeAdminEmail).OrderByDescending(m => m.CreatedAt).FirstAsync());
        Assert.Equal(before + 1, await portal.QueryAsync(db => db.Outbox.CountAsync(m => m.To == DemoData.AcmeAdminEmail)));
        var link = new Uri(LinkInMail().Match(mail.TextBody).Value);
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);

        var confirmPage = await client.GetStringAsync(Url(link.PathAndQuery));
        Assert.Contains("confirm-sign-in", confirmPage, StringComparison.Ordinal);
        var signedIn = await PostFormAsync(client, link.PathAndQuery, "/auth/link/consume", ("token", token));
        Assert.Equal("/start", signedIn.Headers.Location?.OriginalString);
        var start = await client.GetAsync(Url("/start"));
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        Assert.Equal($"/partner/{acme}", start.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url($"/partner/{acme}/leads"))).StatusCode);

        using var other = portal.CreateBrowserlessClient();
        Assert.Contains("link-unusable", await other.GetStringAsync(Url(link.PathAndQuery)), StringComparison.Ordinal);
        var reused = await PostFormAsync(other, "/sign-in", "/auth/link/consume", ("token", token));
        Assert.Equal("/sign-in?error=link", reused.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task UnknownAddressGetsTheSameAnswerAndNoEmail()
    {
        using var client = portal.CreateBrowserlessClient();
        var before = await portal.QueryAsync(db => db.Outbox.CountAsync());

        var response = await PostFormAsync(client, "/sign-in", "/auth/link", ("email", "stranger@nowhere.example"));

        Assert.Equal("/sign-in/link-sent", response.Headers.Location?.OriginalString);
        Assert.Equal(before, await portal.QueryAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task MalformedAddressIsSentBackWithAMessage()
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await PostFormAsync(client, "/sign-in", "/auth/link", ("email", "not an address"));

        Assert.Equal("/sign-in?error=email", response.Headers.Location?.OriginalString);
        Assert.Contains("Enter a valid e-mail address.", await client.GetStringAsync(Url("/sign-in?error=email")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("organizer", "/organizer")]
    [InlineData("sales-contact", "/attendee")]
    [InlineData("attendee", "/attendee")]
    [Trait("Spec", "S-3.1")]
    public async Task EachKindOfUserLandsOnTheirOwnSpace(string role, string home)
    {
        using var client = await portal.SignedInAsync(role);

        var start = await client.GetAsync(Url("/start"));

        Assert.Equal(home, start.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignOutEndsTheSession()
    {
        using var client = await portal.SignedInAsync("organizer");

        var response = await PostFormAsync(client, "/sign-in", "/auth/sign-out");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Url("/organizer"))).StatusCode);
    }

    [Fact]
    public async Task SignOutWithoutAntiforgeryTokenIsRefused()
    {
        using var client = await portal.SignedInAsync("organizer");

        var response = await client.PostAsync(Url("/auth/sign-out"), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url("/organizer"))).StatusCode);
    }

    [Fact]
    public async Task ReturnUrlCannotLeaveTheSite()
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await PostFormAsync(client, "/sign-in", "/auth/password", ("email", DemoData.OrganizerEmail), ("password", DemoData.OrganizerPassword), ("returnUrl", "//evil.example/phish"));

        Assert.Equal("/organizer", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task LanguageChoiceIsRememberedInACookie()
    {
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(Url("/culture?c=fr&r=/sign-in"));

        Assert.Equal("/sign-in", response.Headers.Location?.OriginalString);
        var page = await client.GetStringAsync(Url("/sign-in"));
        Assert.Contains("Recevoir un lien", page, StringComparison.Ordinal);
        Assert.Contains("lang=\"fr\"", page, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+/sign-in/link\?token=\S+")]
    private static partial Regex LinkInMail();
}
