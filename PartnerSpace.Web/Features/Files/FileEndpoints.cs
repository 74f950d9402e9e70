using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using PartnerSpace.Domain.Files;

namespace PartnerSpace.Web.Features.Files;

/// <summary><c>GET /files/{id}</c>: stored files, e.g. the images of custom pages (S-1.3).</summary>
public static class FileEndpoints
{
    public static IEndpointRouteBuilder MapFileEndpoints(this IEndpointRouteBuilder app)
    {
        // Anonymous on purpose: page images show to every partner of the event, hold nothing
        // private, and their ids cannot be guessed; no cookie needed also lets caches keep them.
        // Files of other purposes are not served here (a 404) until their screens decide who reads them.
        app.MapGet("/files/{id:guid}", GetAsync)
            .AllowAnonymous()
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, FileService files)
    {
        var file = await files.GetPublicAsync(id, http.RequestAborted);
        if (file is null)
        {
            return Results.NotFound();
        }

        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // A stored file never changes (a new upload is a new id): caches may keep it for a year.
        headers.CacheControl = "public, max-age=31536000, immutable";
        // Even if a browser opened it as a page, nothing in it could run.
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(file.FileName.Length > 0 ? file.FileName : file.Id.ToString());
        headers.ContentDisposition = disposition.ToString();
        return Results.Bytes(file.Content, file.ContentType, entityTag: new EntityTagHeaderValue($"\"{file.Id:N}\""));
    }
}
