using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Http;

/// <summary>A device key made in the lead settings works on the scan API until it is revoked (S-2.12, DESIGN §6).</summary>
[Trait("Spec", "S-2.12")]
public sealed class DeviceKeyRevocationTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private static object Scan() => new
    {
        scanId = Guid.CreateVersion7(),
        badgeCode = "DEMO-0042",
        scannedAt = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("O"),
        scannedBy = DemoData.AcmeAdminEmail,
    };

    [Fact]
    public async Task ARevokedKeyIsRefusedWith401AtOnce()
    {
        var keys = portal.Services.GetRequiredService<DeviceKeyService>();
        var acme = (await keys.AuthenticateAsync(DemoData.AcmeDeviceKey))!.PartnerId;
        var issued = (await keys.IssueAsync(acme, "Stand phone")).Value!;
        using var device = portal.CreateBrowserlessClient();
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        var url = new Uri("/api/v1/scans", UriKind.Relative);

        var before = await device.PostAsJsonAsync(url, Scan());
        await keys.RevokeAsync(acme, issued.Key.Id);
        var after = await device.PostAsJsonAsync(url, Scan());

        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.NotNull((await keys.ListAsync(acme)).Keys.Single(k => k.Id == issued.Key.Id).LastUsedAt);
    }
}
