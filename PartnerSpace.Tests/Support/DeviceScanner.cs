using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace PartnerSpace.Tests.Support;

/// <summary>A scanning device: posts scans to <c>POST /api/v1/scans</c> with its device key, as the app would.</summary>
public sealed class DeviceScanner(HttpClient client) : IDisposable
{
    private static readonly Uri ScansEndpoint = new("api/v1/scans", UriKind.Relative);

    /// <summary>Posts one scan with a new scan id and expects 201 Created with a matched attendee.</summary>
    public async Task<ScannedAttendee> ScanAsync(string badgeCode, string scannedBy, DateTimeOffset scannedAt)
    {
        var scan = new
        {
            scanId = Guid.CreateVersion7(),
            badgeCode,
            scannedAt = scannedAt.ToString("O", CultureInfo.InvariantCulture),
            scannedBy,
        };
        using var response = await client.PostAsJsonAsync(ScansEndpoint, scan);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/v1/scans answered {(int)response.StatusCode}: {body}");

        var receipt = await response.Content.ReadFromJsonAsync<ScanReceipt>();
        var attendee = receipt?.Attendee ?? throw new InvalidOperationException($"Badge {badgeCode} matched no attendee: {body}");
        return attendee;
    }

    public void Dispose() => client.Dispose();

    /// <summary>The part of the API's answer the tests read.</summary>
    private sealed record ScanReceipt(Guid ScanId, string Status, ScannedAttendee? Attendee);
}

/// <summary>Who a scanned badge belongs to, as the API tells it.</summary>
public sealed record ScannedAttendee(string FirstName, string LastName, string? Company)
{
    /// <summary>As the leads table shows it.</summary>
    public string FullName => $"{FirstName} {LastName}";
}
