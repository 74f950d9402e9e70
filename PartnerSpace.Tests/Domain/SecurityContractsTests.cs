using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>The shared pieces of issue 8: e-mail templates render safely, the security log keeps what it is given.</summary>
public sealed class SecurityContractsTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    [Trait("Spec", "S-4.2")]
    public void ATemplateCannotInjectMarkupAndItsLinkBecomesAnAnchor()
    {
        var email = EmailTemplateService.Render(
            "Welcome {firstName}\nto {eventName}",
            "Hello {firstName},\n\n<b>Sign in</b>:\n{link}\n\n{unknown} stays",
            new Dictionary<string, string> { ["firstName"] = "<script>x</script>", ["eventName"] = "Expo", ["link"] = "https://p.example/a?b=1&c=2" });

        Assert.Equal("Welcome <script>x</script> to Expo", email.Subject);
        Assert.Contains("Hello <script>x</script>,", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://p.example/a?b=1&amp;c=2\">", email.Html, StringComparison.Ordinal);
        Assert.Contains("{unknown} stays", email.Html, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Spec", "S-4.2")]
    [InlineData("en", "Hello Ada")]
    [InlineData("fr", "Bonjour Ada")]
    public async Task TheAccessEmailHasATextPerLanguage(string language, string greeting)
    {
        var templates = new EmailTemplateService(_db.Factory);

        var email = await templates.ComposeAsync(Guid.NewGuid(), EmailKind.Access, language, new Dictionary<string, string>
        {
            ["firstName"] = "Ada",
            ["eventName"] = "Expo",
            ["partnerName"] = "Acme",
            ["link"] = "https://p.example/l",
            ["expires"] = "1 Dec",
        });

        Assert.Contains("Expo", email.Subject, StringComparison.Ordinal);
        Assert.StartsWith(greeting, email.Text, StringComparison.Ordinal);
        Assert.Contains("https://p.example/l", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSecurityLogKeepsWhoWhatWhenAndWhereClippedToItsColumns()
    {
        var show = await _db.AddEventAsync();
        var log = new SecurityLog(_db.Factory, _db.Time);

        await log.RecordAsync(
            show.Id, SecurityAction.SignInFailed, SecurityActor.Anonymous, new RequestOrigin("203.0.113.9", new string('u', 1000)),
            target: "ada@example.org");

        var saved = await _db.QueryAsync(db => db.SecurityEvents.SingleAsync());
        Assert.Equal(SecurityAction.SignInFailed, saved.Action);
        Assert.Equal(SecurityActorKind.Anonymous, saved.ActorKind);
        Assert.Equal("ada@example.org", saved.Target);
        Assert.Equal("203.0.113.9", saved.IpAddress);
        Assert.Equal(SecurityEvent.UserAgentMaxLength, saved.UserAgent!.Length);
        Assert.Equal(_db.Time.GetUtcNow(), saved.At);
    }
}
