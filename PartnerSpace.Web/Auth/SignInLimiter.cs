using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Localization;

namespace PartnerSpace.Web.Auth;

/// <summary>
/// DESIGN §4: sign-in link requests are limited per address (and, by the rate-limiting middleware,
/// per client address). Requests are counted whether or not the address is known, so the 429 and
/// its Retry-After reveal no accounts. The counts are the nodes' shared ones with
/// <c>PartnerSpace:Redis</c> (<see cref="IRequestCounter"/>).
/// </summary>
public sealed class SignInLimiter(IRequestCounter counter)
{
    public const int RequestsPerAddress = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>Every link request takes at least this long, known address or not, so timing reveals no accounts.</summary>
    public static readonly TimeSpan MinimumAnswerTime = TimeSpan.FromMilliseconds(150);

    /// <summary>Counts one request for the address; when refused, how long until the next is allowed.</summary>
    public ValueTask<TimeSpan?> TryAcquireAsync(string address, CancellationToken ct = default) =>
        counter.TryAcquireAsync($"sign-in-address:{address}", RequestsPerAddress, Window, ct);

    /// <summary>Waits out the rest of <see cref="MinimumAnswerTime"/> since <paramref name="startedAt"/>.</summary>
    public static Task PadAsync(long startedAt, CancellationToken ct)
    {
        var left = MinimumAnswerTime - Stopwatch.GetElapsedTime(startedAt);
        return left > TimeSpan.Zero ? Task.Delay(left, ct) : Task.CompletedTask;
    }

    /// <summary>
    /// The 429 people and programs get: <c>Retry-After</c> in seconds, and a short page in the
    /// reader's language that takes a browser back to the sign-in page, where the message stays.
    /// </summary>
    public static async Task WriteTooManyRequestsAsync(HttpContext http, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(http);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var minutes = Math.Max(1, (int)Math.Ceiling(seconds / 60.0));
        var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()["SignIn.Error.TooMany", minutes].Value;
        var back = WebUtility.HtmlEncode($"/sign-in?error=too-many&minutes={minutes.ToString(CultureInfo.InvariantCulture)}");
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "text/html; charset=utf-8";
        var lang = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        await http.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url={back}\">"
            + $"<title>429</title></head><body><p role=\"alert\">{WebUtility.HtmlEncode(text)}</p><p><a href=\"{back}\">PartnerSpace</a></p></body></html>",
            http.RequestAborted);
    }
}
