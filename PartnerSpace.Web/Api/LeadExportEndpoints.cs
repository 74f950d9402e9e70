using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Leads.Export;
using PartnerSpace.Web.Auth;

namespace PartnerSpace.Web.Api;

/// <summary>
/// S-2.12: a partner's leads as one Excel file (five sheets) or one CSV per category, for the
/// partner's administrators and the organizers (the Leads page's rule), and the same workbook for
/// a scanning device's key (DESIGN §6). Each download is recorded for "only since my last download".
/// </summary>
public static class LeadExportEndpoints
{
    public static string XlsxPath(Guid partnerId, bool onlyNew = false) =>
        $"/partner/{partnerId}/leads/export.xlsx" + (onlyNew ? "?onlyNew=true" : "");

    public static string CsvPath(Guid partnerId, LeadCategory category) =>
        $"/partner/{partnerId}/leads/export/{Slug(category)}.csv";

    public static string Slug(LeadCategory category) => category.ToString().ToLowerInvariant();

    public static IEndpointRouteBuilder MapLeadExportEndpoints(this IEndpointRouteBuilder app)
    {
        // The partner policy reads {PartnerId} from the route (ADR 0002): 403 to other people.
        app.MapGet("/partner/{PartnerId:guid}/leads/export.xlsx", XlsxAsync)
            .RequireAuthorization(Policies.PartnerAdmin)
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .ExcludeFromDescription();
        app.MapGet("/partner/{PartnerId:guid}/leads/export/{category}.csv", CsvAsync)
            .RequireAuthorization(Policies.PartnerAdmin)
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .ExcludeFromDescription();

        app.MapGet("/api/v1/leads/export.xlsx", DeviceXlsxAsync)
            .RequireAuthorization(Policies.Device)
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .WithTags("Leads")
            .WithName("ExportLeads")
            .WithSummary("The device's partner's leads as one .xlsx file with five sheets (S-2.12); onlyNew=true keeps those since this key's last download.")
            .Produces(StatusCodes.Status200OK, contentType: LeadExportService.XlsxContentType);
        return app;
    }

    private static async Task<IResult> XlsxAsync(Guid partnerId, bool? onlyNew, HttpContext http, LeadExportService exports, IStringLocalizer<SharedResource> l, TimeProvider time)
    {
        if (DownloaderOf(http.User) is not { } by || await exports.PrepareAsync(partnerId, by, onlyNew == true, http.RequestAborted) is not { } export)
        {
            return Results.NotFound();
        }

        return await FileAsync(http, time, export, ".xlsx", LeadExportService.XlsxContentType, (e, stream, ct) => exports.WriteXlsxAsync(e, stream, Text(l), ct));
    }

    private static async Task<IResult> CsvAsync(Guid partnerId, string category, bool? onlyNew, HttpContext http, LeadExportService exports, IStringLocalizer<SharedResource> l, TimeProvider time)
    {
        var known = LeadExportService.Categories.Where(c => Slug(c) == category).ToList();
        if (known.Count == 0 || DownloaderOf(http.User) is not { } by
            || await exports.PrepareAsync(partnerId, by, onlyNew == true, http.RequestAborted) is not { } export)
        {
            return Results.NotFound();
        }

        return await FileAsync(http, time, export, $"-{category}.csv", LeadExportService.CsvContentType, (e, stream, ct) => exports.WriteCsvAsync(e, known[0], stream, Text(l), ct));
    }

    private static async Task<IResult> DeviceXlsxAsync(bool? onlyNew, HttpContext http, LeadExportService exports, IStringLocalizer<SharedResource> l, TimeProvider time)
    {
        var source = DeviceKeyAuthenticationHandler.SourceOf(http.User)!;
        var by = "device:" + (source.DeviceKeyId?.ToString() ?? "demo");
        if (await exports.PrepareAsync(source.PartnerId, by, onlyNew == true, http.RequestAborted) is not { } export)
        {
            return TypedResults.Problem(title: "This device's partner no longer exists.", statusCode: StatusCodes.Status404NotFound);
        }

        return await FileAsync(http, time, export, ".xlsx", LeadExportService.XlsxContentType, (e, stream, ct) => exports.WriteXlsxAsync(e, stream, Text(l), ct));
    }

    /// <summary>
    /// The file is written to a temporary file first, row by row, then sent: memory stays flat, an
    /// error still answers 500 instead of a cut file, and the download is recorded only once written.
    /// </summary>
    private static async Task<IResult> FileAsync(HttpContext http, TimeProvider time, LeadExport export, string suffix, string contentType, Func<LeadExport, Stream, CancellationToken, Task> write)
    {
        // Who and from where, for the security log entry the export writes with its download.
        export = export with { Actor = http.User.ToSecurityActor(), Origin = http.ToOrigin() };
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await write(export, file, http.RequestAborted);
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        // Names and contact details: not for shared caches.
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.File(file, contentType, export.FileName(time.GetUtcNow()) + suffix);
    }

    private static string? DownloaderOf(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.Email) is { Length: > 0 } email ? email : user.FindFirstValue(ClaimTypes.NameIdentifier);

    private static Func<string, string> Text(IStringLocalizer l) => key => l[key];
}
