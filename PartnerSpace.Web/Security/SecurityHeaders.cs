using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnerSpace.Web.Security;

/// <summary>
/// Issue 8: the security headers of every answer (pages, API, static files, error pages), set in
/// one place just before the answer starts, so re-executed error pages and the exception handler
/// (which clear headers) get them too. An answer that set its own Content-Security-Policy (stored
/// files: a sandbox) keeps it. docs/SECURITY.md explains each directive.
/// </summary>
public static partial class SecurityHeaders
{
    /// <summary>The API reference (Scalar): its page gets a policy of its own, see <see cref="UseApiReferencePolicy"/>.</summary>
    public const string ApiReferencePath = "/api/docs";

    /// <summary>Written into the API reference's head: runs Scalar's validation without eval, which the policy forbids.</summary>
    public const string ApiReferenceHeadContent = "<script src=\"/api-docs/setup.js\"></script>";

    private const string NonceKey = "ps:csp-nonce";

    /// <summary>
    /// The policy of the portal's pages. Scripts only from our origin, or the one inline script
    /// Blazor writes (the import map) with this answer's nonce. Styles allow 'unsafe-inline':
    /// MudBlazor writes its theme as a &lt;style&gt; element and positions popovers, menus and
    /// progress bars with style attributes, and Blazor's renderer adds those to the page after it
    /// loaded, where no nonce can reach them. Images also from https: an organizer's Markdown
    /// may show an https image (S-1.3; the sanitizer keeps nothing else of it). Camera video is a
    /// MediaStream, which media-src does not cover.
    /// </summary>
    public static string PagePolicy(string nonce, string? webSocketOrigin) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob: https:; " +
        "font-src 'self' data:; " +
        $"connect-src 'self'{(webSocketOrigin is null ? "" : " " + webSocketOrigin)}; " +
        "media-src 'self' blob:; " +
        "worker-src 'self'; " +
        "manifest-src 'self'; " +
        "frame-src 'none'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>Answers that are not pages (JSON, images, styles) load nothing and run nothing.</summary>
    public const string NothingPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>A script's own policy matters only when it runs as a worker (the scanner's service worker): our origin only.</summary>
    public const string WorkerPolicy = "default-src 'self'; frame-ancestors 'none'";

    /// <summary>Only our own scripts may use the camera (the phone scanner, /scan); nothing uses the rest.</summary>
    public const string PermissionsPolicy =
        "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), midi=(), " +
        "magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), browsing-topics=()";

    /// <summary>The nonce of this answer's inline scripts (the import map), made on first use.</summary>
    public static string CspNonce(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items[NonceKey] is not string nonce)
        {
            // base64url: a valid CSP nonce that HTML attributes carry without escaping.
            nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
            http.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    /// <summary>Registers the headers of every answer; first in the pipeline, so nothing answers without them.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                Apply(http);
                return Task.CompletedTask;
            });
            return next(http);
        });

    /// <summary>
    /// Scalar writes one inline module script (its start-up call) into its page. It is allowed by
    /// its SHA-256 hash, computed from the page as sent, so nothing else inline can run there; the
    /// page is small (under 1 kB) and buffered for that.
    /// </summary>
    public static IApplicationBuilder UseApiReferencePolicy(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments(ApiReferencePath), branch => branch.Use(async (http, next) =>
        {
            var original = http.Response.Body;
            using var buffer = new MemoryStream();
            http.Response.Body = buffer;
            try
            {
                await next(http);
                if (IsHtml(http.Response.ContentType))
                {
                    var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                    http.Response.Headers.ContentSecurityPolicy = ApiReferencePolicy(InlineScripts(html));
                }

                http.Response.ContentLength = buffer.Length;
                buffer.Position = 0;
                await buffer.CopyToAsync(original, http.RequestAborted);
            }
            finally
            {
                http.Response.Body = original;
            }
        }));

    /// <summary>The API reference's policy: as the pages', with its inline scripts' hashes for the nonce; it posts no forms.</summary>
    public static string ApiReferencePolicy(IEnumerable<string> inlineScripts)
    {
        var hashes = string.Concat(inlineScripts.Select(s => $" 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(s)))}'"));
        return "default-src 'self'; " +
            $"script-src 'self'{hashes}; " +
            "style-src 'self' 'unsafe-inline'; " +
            "img-src 'self' data: blob:; " +
            "font-src 'self' data:; " +
            "connect-src 'self'; " +
            "worker-src 'self' blob:; " +
            "frame-src 'none'; " +
            "object-src 'none'; " +
            "base-uri 'self'; " +
            "form-action 'none'; " +
            "frame-ancestors 'none'";
    }

    /// <summary>The text of each inline script of a page (those without src), exactly as the browser hashes it.</summary>
    public static IEnumerable<string> InlineScripts(string html) =>
        InlineScript().Matches(html).Select(m => m.Groups[1].Value);

    /// <summary>
    /// No referrer from pages whose address carries a secret (a sign-in link's token, a private
    /// calendar feed), so it reaches no log, ours included; elsewhere other sites see our origin only.
    /// </summary>
    public static string ReferrerPolicyFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/sign-in/link") || request.Path.StartsWithSegments("/calendar") || request.Query.ContainsKey("token")
            ? "no-referrer"
            : "strict-origin-when-cross-origin";
    }

    private static void Apply(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = ReferrerPolicyFor(http.Request);
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (!string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            return;
        }

        var contentType = http.Response.ContentType;
        headers.ContentSecurityPolicy = IsHtml(contentType) ? PagePolicy(http.CspNonce(), WebSocketOrigin(http.Request))
            : IsJavaScript(contentType) ? WorkerPolicy
            : NothingPolicy;
    }

    /// <summary>
    /// The circuit's WebSocket origin, named as well as 'self' for browsers that do not match
    /// ws(s): with 'self' (CSP level 2); only a well-formed host, so a header cannot add directives.
    /// </summary>
    private static string? WebSocketOrigin(HttpRequest request) =>
        request.Host.HasValue && WellFormedHost().IsMatch(request.Host.Value)
            ? $"{(request.IsHttps ? "wss" : "ws")}://{request.Host.Value}"
            : null;

    private static bool IsHtml(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);

    private static bool IsJavaScript(string? contentType) =>
        contentType is not null && (contentType.StartsWith("text/javascript", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/javascript", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")]
    private static partial Regex WellFormedHost();
}
