using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Http;

/// <summary>The portal with sessions revalidated every second and room for many sign-in posts.</summary>
public sealed class FastRevalidationFactory : PartnerSpaceFactory
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("PartnerSpace:SessionRevalidation", "00:00:01");
        builder.UseSetting("PartnerSpace:SignInRequestsPerMinute", "1000");
    }
}

/// <summary>Issue 8: organizer lockout and two-factor sign-in, and sessions that end when access does.</summary>
[Trait("Spec", "S-4")]
public sealed class SessionSecurityTests(FastRevalidationFactory portal) : IClassFixture<FastRevalidationFactory>
{
    private const string Password = "Long-enough-password-1";

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, params (string Name, string Value)[] fields)
    {
        var token = await PartnerSpaceFactory.AntiforgeryTokenAsync(client, formPage);
        var form = fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token));
        return await client.PostAsync(Url(action), new FormUrlEncodedContent(form));
    }

    private static Task<HttpResponseMessage> PasswordAsync(HttpClient client, string email, string password) =>
        PostFormAsync(client, "/sign-in", "/auth/password", ("email", email), ("password", password));

    private static Task<HttpResponseMessage> CodeAsync(HttpClient client, string field, string code) =>
        PostFormAsync(client, "/sign-in", "/auth/two-factor", (field, code));

    private static string WrongCode(string key)
    {
        var right = Totp.Code(key);
        return right == "000000" ? "111111" : "000000";
    }

    private Task<List<SecurityEvent>> LogOfAsync(string target) =>
        portal.QueryAsync(db => db.SecurityEvents.Where(e => e.Target == target).OrderBy(e => e.At).ToListAsync());

    private static async Task WaitOutRevalidationAsync() => await Task.Delay(FastRevalidationFactory.Interval * 2.5);

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountEvenForTheRightOne()
    {
        var email = $"lock-{Guid.NewGuid():N}@organizer.example";
        await OrganizerAccounts.CreateAsync(portal.Services, email, Password);
        using var client = portal.CreateBrowserlessClient();

        var answers = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await PasswordAsync(client, email, "Wrong-password-123")).Headers.Location?.OriginalString);
        }

        Assert.Equal(["/sign-in?error=credentials", "/sign-in?error=credentials", "/sign-in?error=credentials", "/sign-in?error=credentials", "/sign-in?error=locked"], answers);
        Assert.Equal("/sign-in?error=locked", (await PasswordAsync(client, email, Password)).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Url("/organizer"))).StatusCode);
        var log = await LogOfAsync(email);
        Assert.Equal(4, log.Count(e => e.Action == SecurityAction.SignInFailed && e.Details == "password"));
        Assert.Single(log, e => e.Action == SecurityAction.LockedOut);
        Assert.All(log, e => Assert.NotNull(e.EventId));
    }

    [Fact]
    public async Task TwoFactorSignInNeedsThePasswordThenACode()
    {
        var email = $"totp-{Guid.NewGuid():N}@organizer.example";
        await OrganizerAccounts.CreateAsync(portal.Services, email, Password);
        var (key, _) = await OrganizerAccounts.EnableTwoFactorAsync(portal.Services, email);
        using var client = portal.CreateBrowserlessClient();

        var first = await PasswordAsync(client, email, Password);

        Assert.Equal("/sign-in/two-factor", first.Headers.Location?.OriginalString);
        // Step 2 cannot be skipped: no sign-in cookie exists yet.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Url("/organizer"))).StatusCode);
        Assert.Contains("two-factor-form", await client.GetStringAsync(Url("/sign-in/two-factor")), StringComparison.Ordinal);

        var wrong = await CodeAsync(client, "code", WrongCode(key));
        Assert.Equal("/sign-in/two-factor?error=code", wrong.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Url("/organizer"))).StatusCode);

        var right = await CodeAsync(client, "code", Totp.Code(key));
        Assert.Equal("/organizer", right.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url("/organizer"))).StatusCode);
        var log = await LogOfAsync(email);
        Assert.Contains(log, e => e.Action == SecurityAction.SignInFailed && e.Details == "two-factor code");
        Assert.Contains(log, e => e.Action == SecurityAction.SignedIn && e.Details == "password and two-factor code");
    }

    [Fact]
    public async Task SecondStepWithoutThePasswordStepIsRefused()
    {
        var email = $"skip-{Guid.NewGuid():N}@organizer.example";
        await OrganizerAccounts.CreateAsync(portal.Services, email, Password);
        var (key, _) = await OrganizerAccounts.EnableTwoFactorAsync(portal.Services, email);
        using var client = portal.CreateBrowserlessClient();

        var response = await CodeAsync(client, "code", Totp.Code(key));

        Assert.Equal("/sign-in?error=expired", response.Headers.Location?.OriginalString);
        Assert.Contains("two-factor-expired", await client.GetStringAsync(Url("/sign-in/two-factor")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Url("/organizer"))).StatusCode);
    }

    [Fact]
    public async Task ARecoveryCodeSignsInOnce()
    {
        var email = $"recovery-{Guid.NewGuid():N}@organizer.example";
        await OrganizerAccounts.CreateAsync(portal.Services, email, Password);
        var (_, codes) = await OrganizerAccounts.EnableTwoFactorAsync(portal.Services, email);

        using (var client = portal.CreateBrowserlessClient())
        {
            await PasswordAsync(client, email, Password);
            Assert.Equal("/organizer", (await CodeAsync(client, "recoveryCode", codes[0])).Headers.Location?.OriginalString);
        }

        using var again = portal.CreateBrowserlessClient();
        await PasswordAsync(again, email, Password);
        Assert.Equal("/sign-in/two-factor?error=code", (await CodeAsync(again, "recoveryCode", codes[0])).Headers.Location?.OriginalString);
        Assert.Equal("/organizer", (await CodeAsync(again, "recoveryCode", codes[1])).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task WrongCodesCountTowardLockout()
    {
        var email = $"codes-{Guid.NewGuid():N}@organizer.example";
        await OrganizerAccounts.CreateAsync(portal.Services, email, Password);
        var (key, _) = await OrganizerAccounts.EnableTwoFactorAsync(portal.Services, email);
        using var client = portal.CreateBrowserlessClient();
        await PasswordAsync(client, email, Password);

        string? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = (await CodeAsync(client, "code", WrongCode(key))).Headers.Location?.OriginalString;
        }

        Assert.Equal("/sign-in?error=locked", last);
        Assert.Equal("/sign-in?error=locked", (await PasswordAsync(client, email, Password)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task RemovedMembersCookieIsRefusedAfterRevalidation()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        var organizer = await OrganizerViewerAsync();
        var members = portal.Services.GetRequiredService<MemberService>();
        var email = $"admin-{Guid.NewGuid():N}@acme.example";
        var added = await members.AddAsync(organizer, acme, new MemberDraft(email, "Second", "Admin", MemberRole.Administrator));
        Assert.True(added.IsSuccess);
        using var client = await SignInWithLinkAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url($"/partner/{acme}"))).StatusCode);

        Assert.True((await members.RemoveAsync(organizer, acme, added.Value)).IsSuccess);
        await WaitOutRevalidationAsync();

        // The cookie itself is refused, not only the partner's pages: the person is signed out.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Url($"/partner/{acme}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Url("/attendee"))).StatusCode);
    }

    [Fact]
    public async Task RevokedAccessEndsSessionsAndUnusedLinks()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        var organizer = await OrganizerViewerAsync();
        var members = portal.Services.GetRequiredService<MemberService>();
        var email = $"revoked-{Guid.NewGuid():N}@acme.example";
        var added = await members.AddAsync(organizer, acme, new MemberDraft(email, "Soon", "Revoked", MemberRole.Administrator));
        using var client = await SignInWithLinkAsync(email);
        var unused = await RequestLinkTokenAsync(email);

        var revoked = await portal.Services.GetRequiredService<SessionRevocation>()
            .RevokeAsync(organizer, acme, added.Value, new SecurityActor(SecurityActorKind.Organizer, organizer.Id, "Organizer"), RequestOrigin.Unknown);
        Assert.True(revoked.IsSuccess);
        await WaitOutRevalidationAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Url($"/partner/{acme}"))).StatusCode);
        Assert.False(await portal.Services.GetRequiredService<SignInLinkService>().IsUsableAsync(unused));
        Assert.Contains(await LogOfAsync(email), e => e.Action == SecurityAction.AccessRevoked && e.PartnerId == acme);
        // They stay in the team and can sign in again with a new link.
        using var again = await SignInWithLinkAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(Url($"/partner/{acme}"))).StatusCode);
    }

    [Fact]
    public async Task AnOrganizersTwoFactorChangeEndsTheirOtherSessions()
    {
        var email = $"stamp-{Guid.NewGuid():N}@organizer.example";
        await OrganizerAccounts.CreateAsync(portal.Services, email, Password);
        using var client = portal.CreateBrowserlessClient();
        await PasswordAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url("/organizer"))).StatusCode);

        await OrganizerAccounts.EnableTwoFactorAsync(portal.Services, email);
        await WaitOutRevalidationAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Url("/organizer"))).StatusCode);
    }

    private async Task<Viewer> OrganizerViewerAsync()
    {
        var id = await portal.QueryAsync(db => db.Users.Where(u => u.Email == DemoData.OrganizerEmail).Select(u => u.Id).SingleAsync());
        return new Viewer(ViewerKind.Organizer, id);
    }

    private async Task<string> RequestLinkTokenAsync(string email)
    {
        await portal.Services.GetRequiredService<SignInLinkService>().RequestAsync(email, null, new Uri("http://localhost/"));
        var mail = await portal.QueryAsync(db => db.Outbox.Where(m => m.To == email).OrderByDescending(m => m.CreatedAt).FirstAsync());
        var match = System.Text.RegularExpressions.Regex.Match(mail.TextBody, @"token=([A-Za-z0-9_%\-]+)");
        return Uri.UnescapeDataString(match.Groups[1].Value);
    }

    private async Task<HttpClient> SignInWithLinkAsync(string email)
    {
        var token = await RequestLinkTokenAsync(email);
        var client = portal.CreateBrowserlessClient();
        var signedIn = await PostFormAsync(client, $"/sign-in/link?token={Uri.EscapeDataString(token)}", "/auth/link/consume", ("token", token));
        Assert.Equal("/start", signedIn.Headers.Location?.OriginalString);
        return client;
    }
}
