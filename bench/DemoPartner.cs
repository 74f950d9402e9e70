using System.Net;

namespace PartnerSpace.Bench;

/// <summary>Acme, the demo event's partner: its admin's one-click sign-in lands on <c>/partner/{id}</c>.</summary>
internal static class DemoPartner
{
    public const string SignInPath = "/demo/sign-in/partner-admin";

    /// <summary>Signs the demo partner admin in over plain HTTP and reads the partner id from where it lands.</summary>
    public static async Task<Guid> FindIdAsync(Uri baseAddress, CancellationToken ct)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        using var response = await http.GetAsync(new Uri(SignInPath, UriKind.Relative), ct);
        return IdFromLanding(response.RequestMessage?.RequestUri);
    }

    public static Guid IdFromLanding(Uri? landing) =>
        landing?.AbsolutePath.Trim('/').Split('/') is ["partner", var id] && Guid.TryParse(id, out var partnerId)
            ? partnerId
            : throw new BenchException($"The demo sign-in landed on {landing}, not on /partner/{{id}}.");
}
