using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.12")]
public sealed class DeviceKeyServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task KeyIsShownOnceStoredHashedAndRevocable()
    {
        var ev = await _db.AddEventAsync();
        var partner = await _db.AddPartnerAsync(ev.Id);
        var keys = _db.DeviceKeys;

        var (key, token) = await keys.CreateAsync(partner.Id, "Stand scanner");

        Assert.StartsWith(DeviceKey.TokenPrefix, token, StringComparison.Ordinal);
        var stored = await _db.QueryAsync(db => db.DeviceKeys.SingleAsync());
        Assert.DoesNotContain(token, stored.Hash, StringComparison.Ordinal);
        Assert.Equal(partner.Id, (await keys.AuthenticateAsync(token))!.PartnerId);
        Assert.NotNull((await _db.QueryAsync(db => db.DeviceKeys.SingleAsync())).LastUsedAt);

        await keys.RevokeAsync(partner.Id, key.Id);

        Assert.Null(await keys.AuthenticateAsync(token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("psk_")]
    [InlineData("sk_live_something")]
    public async Task MalformedKeysAreRefusedWithoutQuery(string token) =>
        Assert.Null(await _db.DeviceKeys.AuthenticateAsync(token));

    [Fact]
    public async Task IssuedKeysAreListedWithTheirHintAndUseAndRevokedOnesStopAuthenticating()
    {
        var ev = await _db.AddEventAsync();
        var partner = await _db.AddPartnerAsync(ev.Id);
        var other = await _db.AddPartnerAsync(ev.Id, "Other");
        var keys = _db.DeviceKeys;
        var first = (await keys.IssueAsync(partner.Id, "  Stand phone  ")).Value!;
        _db.Time.Advance(TimeSpan.FromMinutes(5));
        var second = (await keys.IssueAsync(partner.Id, "Tablet")).Value!;
        await keys.IssueAsync(other.Id, "Theirs");

        Assert.NotNull(await keys.AuthenticateAsync(first.Token));
        await keys.RevokeAsync(partner.Id, second.Key.Id);
        var list = await keys.ListAsync(partner.Id);

        Assert.Equal("Europe/Paris", list.TimeZoneId);
        Assert.Equal(["Stand phone", "Tablet"], list.Keys.Select(k => k.Name));
        Assert.Equal(first.Token[^4..], list.Keys[0].Hint);
        Assert.NotNull(list.Keys[0].LastUsedAt);
        Assert.Null(list.Keys[1].LastUsedAt);
        Assert.NotNull(list.Keys[1].RevokedAt);
        Assert.Equal(1, list.ActiveCount);
        Assert.Null(await keys.AuthenticateAsync(second.Token));
        Assert.DoesNotContain(list.Keys, k => k.Name == "Theirs");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("a name that is far too long for a device: eighty-one characters is one too many!!")]
    public async Task KeysNeedAShortName(string? name)
    {
        var ev = await _db.AddEventAsync();
        var partner = await _db.AddPartnerAsync(ev.Id);

        var result = await _db.DeviceKeys.IssueAsync(partner.Id, name);

        Assert.Equal(["name"], result.Error!.Fields!.Keys);
        Assert.Empty((await _db.DeviceKeys.ListAsync(partner.Id)).Keys);
    }

    [Fact]
    public async Task APartnerHasAtMostFiftyActiveKeys()
    {
        var ev = await _db.AddEventAsync();
        var partner = await _db.AddPartnerAsync(ev.Id);
        var keys = _db.DeviceKeys;
        DeviceKeyRow? firstKey = null;
        for (var i = 1; i <= DeviceKey.MaxActivePerPartner; i++)
        {
            var issued = (await keys.IssueAsync(partner.Id, $"Device {i}")).Value!;
            firstKey ??= issued.Key;
        }

        Assert.Equal("too-many-keys", (await keys.IssueAsync(partner.Id, "One more")).Error!.Code);

        await keys.RevokeAsync(partner.Id, firstKey!.Id);
        Assert.True((await keys.IssueAsync(partner.Id, "One more")).IsSuccess);
    }
}
