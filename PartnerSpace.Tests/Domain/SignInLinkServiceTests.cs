using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Access;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-4.2")]
public sealed partial class SignInLinkServiceTests : IAsyncLifetime
{
    private static readonly Uri BaseUri = new("https://portal.example/");
    private readonly TestDatabase _db = new();
    private Guid _eventId;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        await _db.AddPersonAsync(_eventId, "ada@acme.example");
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task<string> LastLinkTokenAsync()
    {
        var mail = await _db.QueryAsync(db => db.Outbox.OrderByDescending(m => m.CreatedAt).FirstAsync());
        return Uri.UnescapeDataString(TokenInLink().Match(mail.TextBody).Groups[1].Value);
    }

    [Fact]
    public async Task KnownAddressGetsOneEmailWithASingleUseLink()
    {
        var result = await _db.Links.RequestAsync(" Ada@Acme.example ", "10.0.0.1", BaseUri);

        Assert.True(result.IsSuccess);
        var mail = await _db.QueryAsync(db => db.Outbox.SingleAsync());
        Assert.Equal("ada@acme.example", mail.To);
        Assert.Equal("Votre lien de connexion PartnerSpace", mail.Subject);
        Assert.Contains("https://portal.example/sign-in/link?token=", mail.TextBody, StringComparison.Ordinal);
        var token = await LastLinkTokenAsync();
        var stored = await _db.QueryAsync(db => db.SignInLinks.SingleAsync());
        Assert.NotEqual(token, stored.TokenHash);

        var first = await _db.Links.ConsumeAsync(token);
        var second = await _db.Links.ConsumeAsync(token);

        Assert.True(first.IsSuccess);
        Assert.Equal("ada@acme.example", first.Value!.Email);
        Assert.False(second.IsSuccess);
    }

    [Fact]
    [Trait("Spec", "S-4.3")]
    public async Task AccessEmailsSentByTheOrganizerDoNotUseUpThePersonsOwnRequests()
    {
        var person = await _db.QueryAsync(db => db.People.SingleAsync());
        for (var i = 0; i < SignInLinkService.MaxLinksPerAddress; i++)
        {
            await _db.SaveAsync(new SignInLink(person.Id, person.Email, $"access-{i}", _db.Time.GetUtcNow(), null, SignInLink.AccessLifetime));
        }

        await _db.Links.RequestAsync(person.Email, null, BaseUri);

        Assert.Equal(1, await _db.QueryAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task UnknownAddressGetsTheSameAnswerAndNoEmail()
    {
        var result = await _db.Links.RequestAsync("nobody@nowhere.example", null, BaseUri);

        Assert.True(result.IsSuccess);
        Assert.Equal(0, await _db.QueryAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task MalformedAddressIsAValidationError()
    {
        var result = await _db.Links.RequestAsync("not an address", null, BaseUri);

        Assert.Equal(["email"], result.Error!.Fields!.Keys);
    }

    [Fact]
    public async Task LinkExpiresAfterFifteenMinutes()
    {
        await _db.Links.RequestAsync("ada@acme.example", null, BaseUri);
        var token = await LastLinkTokenAsync();

        _db.Time.Advance(TimeSpan.FromMinutes(15).Add(TimeSpan.FromSeconds(1)));

        Assert.False(await _db.Links.IsUsableAsync(token));
        Assert.False((await _db.Links.ConsumeAsync(token)).IsSuccess);
    }

    [Fact]
    public async Task AddressGetsAtMostFiveLinksPerQuarterHour()
    {
        for (var i = 0; i < SignInLinkService.MaxLinksPerAddress + 3; i++)
        {
            Assert.True((await _db.Links.RequestAsync("ada@acme.example", null, BaseUri)).IsSuccess);
        }

        Assert.Equal(SignInLinkService.MaxLinksPerAddress, await _db.QueryAsync(db => db.Outbox.CountAsync()));

        _db.Time.Advance(TimeSpan.FromMinutes(16));
        await _db.Links.RequestAsync("ada@acme.example", null, BaseUri);
        Assert.Equal(SignInLinkService.MaxLinksPerAddress + 1, await _db.QueryAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task ConcurrentUsesOfOneLinkSignInOnce()
    {
        await _db.Links.RequestAsync("ada@acme.example", null, BaseUri);
        var token = await LastLinkTokenAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => _db.Links.ConsumeAsync(token))));

        Assert.Equal(1, results.Count(r => r.IsSuccess));
    }

    [Fact]
    public async Task ATamperedTokenIsRefusedAndTheRealOneStillWorks()
    {
        await _db.Links.RequestAsync("ada@acme.example", null, BaseUri);
        var token = await LastLinkTokenAsync();
        var tampered = (token[0] == 'A' ? 'B' : 'A') + token[1..];

        Assert.False(await _db.Links.IsUsableAsync(tampered));
        Assert.False((await _db.Links.ConsumeAsync(tampered)).IsSuccess);
        Assert.False((await _db.Links.ConsumeAsync(token + "x")).IsSuccess);
        Assert.True((await _db.Links.ConsumeAsync(token)).IsSuccess);
    }

    [Fact]
    public async Task LinkStillWorksAtFifteenMinutesLessOneSecond()
    {
        await _db.Links.RequestAsync("ada@acme.example", null, BaseUri);
        var token = await LastLinkTokenAsync();

        _db.Time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));

        Assert.True((await _db.Links.ConsumeAsync(token)).IsSuccess);
    }

    [Fact]
    public async Task SignedInPersonCarriesTheStampThatRevocationRenews()
    {
        await _db.Links.RequestAsync("ada@acme.example", null, BaseUri);
        var signedIn = await _db.Links.ConsumeAsync(await LastLinkTokenAsync());
        await _db.Links.RequestAsync("ada@acme.example", null, BaseUri);
        var unused = await LastLinkTokenAsync();
        var person = await _db.QueryAsync(db => db.People.SingleAsync());
        Assert.Equal(person.SecurityStamp, signedIn.Value!.SecurityStamp);
        Assert.NotEmpty(person.SecurityStamp);

        await using (var db = _db.Factory.CreateDbContext())
        {
            await SessionRevocation.EndSessionsAsync(db, person.Id, _db.Time.GetUtcNow(), default);
            await db.SaveChangesAsync();
        }

        Assert.NotEqual(person.SecurityStamp, await _db.QueryAsync(db => db.People.Select(p => p.SecurityStamp).SingleAsync()));
        Assert.False(await _db.Links.IsUsableAsync(unused));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("forged-token")]
    public async Task ForgedTokensAreRefused(string? token) =>
        Assert.False((await _db.Links.ConsumeAsync(token)).IsSuccess);

    [GeneratedRegex(@"token=([A-Za-z0-9_%\-]+)")]
    private static partial Regex TokenInLink();
}
