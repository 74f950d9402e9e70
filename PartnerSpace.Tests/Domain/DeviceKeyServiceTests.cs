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
}
