using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using PartnerSpace.Domain.Documents;
using PartnerSpace.Domain.Files;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Web.Auth;

namespace PartnerSpace.Web.Features.Files;

/// <summary>
/// <c>GET /files/{id}</c>: stored files, e.g. the images of custom pages (S-1.3);
/// <c>?display=1</c> serves an image's display copy (a logo resized, ADR 0008), or the original when it has none.
/// </summary>
public static class FileEndpoints
{
    public static IEndpointRouteBuilder MapFileEndpoints(this IEndpointRouteBuilder app)
    {
        // Anonymous on purpose for public files (page images, logos): they hold nothing private,
        // their ids cannot be guessed, and no cookie needed lets caches keep them. A form's file
        // is served only to its partner's administrators and the event's organizers; to anyone
        // else it does not exist (404), so ids cannot be probed. A task's file answer goes the same
        // way; a shared document (S-2.6) to the event's organizers and the administrators of the
        // partners of its audience, whose first read marks it read for their partner.
        // ?download=1 sends it as an attachment; otherwise it opens in the browser.
        app.MapGet("/files/{id:guid}", GetAsync)
            .AllowAnonymous()
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The query parameter asking for the display copy.</summary>
    public const string DisplayQuery = "display";

    /// <summary>The address of a file's display copy (falls back to the file itself).</summary>
    public static string DisplayUrl(Guid id) => $"/files/{id}?{DisplayQuery}=1";

    /// <inheritdoc cref="DisplayUrl(Guid)"/>
    public static string DisplayUrl(string id) => $"/files/{Uri.EscapeDataString(id)}?{DisplayQuery}=1";

    private static async Task<IResult> GetAsync(Guid id, Guid? partner, string? download, HttpContext http, FileService files, PartnerAccessService access, DocumentService documents)
    {
        var file = await files.GetAsync(id, http.RequestAborted);
        if (file is null || !(file.IsPublic || await MayReadAsync(file, partner, http, access, documents)))
        {
            return Results.NotFound();
        }

        // Who may read the original may read its copy: the check above is the one that counts.
        if (http.Request.Query[DisplayQuery] == "1" && file.DisplayId is { } displayId && await files.GetAsync(displayId, http.RequestAborted) is { } copy)
        {
            file = copy;
        }

        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // A stored file never changes (a new upload is a new id): caches may keep it for a year.
        headers.CacheControl = file.IsPublic ? "public, max-age=31536000, immutable" : "private, max-age=31536000, immutable";
        // Even if a browser opened it as a page, nothing in it could run.
        // (A sandboxed page cannot run the browser's PDF viewer: a PDF, checked by its bytes and
        // served as application/pdf with nosniff, is shown without the sandbox.)
        headers.ContentSecurityPolicy = file.ContentType == "application/pdf" ? "default-src 'none'; object-src 'self'" : "default-src 'none'; sandbox";
        // Only images and PDFs open in the browser; anything else (Office files, archives) is a download.
        var opens = file.ContentType.StartsWith("image/", StringComparison.Ordinal) || file.ContentType == "application/pdf";
        var disposition = new ContentDispositionHeaderValue(opens && download is not ("1" or "true") ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName.Length > 0 ? file.FileName : file.Id.ToString());
        headers.ContentDisposition = disposition.ToString();
        // Streamed from disk; a row whose bytes are gone is reported, not served empty.
        var content = files.OpenRead(file);
        if (content is null)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FileEndpoints)).LogError("The bytes of stored file {FileId} are missing", file.Id);
            return Results.NotFound();
        }

        return Results.Stream(content, file.ContentType, entityTag: new EntityTagHeaderValue($"\"{file.Id:N}\""), enableRangeProcessing: true);
    }

    private static async Task<bool> MayReadAsync(FileContent file, Guid? partner, HttpContext http, PartnerAccessService access, DocumentService documents) =>
        file.Purpose == FilePurpose.Document
            ? await documents.OpenFileAsync(http.User.ToViewer(), file.Id, partner, http.RequestAborted)
            : file.PartnerId is { } partnerId && http.User.ToViewer() is { } viewer
              && await access.CheckAsync(viewer, partnerId, http.RequestAborted) == PartnerAccess.Allowed;
}
