using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace PartnerSpace.Web.Shared;

/// <summary>
/// How big a request may be, in one place (issue 8): the <c>PartnerSpace:RequestLimits</c>
/// section. Files are uploaded over the Blazor circuit (<c>InputFile</c> streams them in small
/// messages), not as HTTP bodies, so no HTTP body needs to be large.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "PartnerSpace:RequestLimits";

    /// <summary>Kestrel's ceiling for any request body.</summary>
    public long MaxBodyBytes { get; set; } = 30 * 1024 * 1024;

    /// <summary>
    /// A JSON API body (<c>/api/…</c>): a batch of 1,000 scans with 1,000-character notes fits
    /// with room to spare; above it the API answers 413 problem details.
    /// </summary>
    public long MaxApiBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Any other body: the sign-in and sign-out forms and pages' form posts.</summary>
    public long MaxFormBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// One message from the browser over a Blazor circuit: an event's text (a 4,000-character
    /// field fits); <c>InputFile</c> sends files in chunks below it.
    /// </summary>
    public long MaxCircuitMessageBytes { get; set; } = 64 * 1024;
}

/// <summary>
/// Applies <see cref="RequestLimitsOptions"/> per request: a body announced too large is refused
/// before it is read, one that grows too large while read fails, and both answer 413. A body that
/// cannot be read as what it claims (a broken form, a parameter that does not bind) answers 400
/// instead of 500. Answers are problem details, outside the status-code pages (re-executing a POST
/// into a page would read the body again).
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var path = http.Request.Path;
        // The circuit's own transport has its own limit (MaxCircuitMessageBytes).
        if (path.StartsWithSegments("/_blazor"))
        {
            await next(http);
            return;
        }

        var limits = options.Value;
        var max = path.StartsWithSegments("/api") ? limits.MaxApiBodyBytes : limits.MaxFormBodyBytes;
        if (http.Request.ContentLength > max)
        {
            await WriteProblemAsync(http, StatusCodes.Status413PayloadTooLarge, TooLarge(max));
            return;
        }

        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = max;
        }
        else if (http.Request.ContentLength is null)
        {
            // A server without the feature (the test host): count the bytes as they are read.
            http.Request.Body = new LimitedReadStream(http.Request.Body, max);
        }

        try
        {
            await next(http);
        }
        catch (BadHttpRequestException ex) when (!http.Response.HasStarted)
        {
            await WriteProblemAsync(http, ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge(max) : "The request could not be read.");
        }
        catch (InvalidDataException) when (!http.Response.HasStarted && http.Request.HasFormContentType)
        {
            // FormOptions' limits (too many fields, a key too long) or a broken multipart body.
            await WriteProblemAsync(http, StatusCodes.Status400BadRequest, "The form could not be read.");
        }
    }

    private static string TooLarge(long max) => $"The request body may be at most {max:N0} bytes.";

    private static async Task WriteProblemAsync(HttpContext http, int status, string title)
    {
        http.Response.Clear();
        http.Response.StatusCode = status;
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        var problem = new ProblemDetails { Status = status, Title = title };
        var written = http.RequestServices.GetService<IProblemDetailsService>() is { } problems
            && await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
        if (!written)
        {
            http.Response.ContentType = "application/problem+json";
            await http.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", http.RequestAborted);
        }
    }

    /// <summary>A request body that fails with 413 once more than its limit has been read.</summary>
    private sealed class LimitedReadStream(Stream inner, long max) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > max ? throw new BadHttpRequestException(TooLarge(max), StatusCodes.Status413PayloadTooLarge) : read;
        }
    }
}
