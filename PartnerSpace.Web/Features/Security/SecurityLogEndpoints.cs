using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Web.Auth;

namespace PartnerSpace.Web.Features.Security;

/// <summary>
/// The organizer's download of their current event's security log, filtered like the screen
/// (issue 8, item 6): <c>/organizer/security/export.xlsx</c> or <c>.csv</c>, itself recorded as
/// <see cref="SecurityAction.SecurityLogExported"/>.
/// </summary>
public static class SecurityLogEndpoints
{
    public const string ExportPattern = "/organizer/security/export.{format}";

    public static string ExportPath(SecurityLogQuery query, string format)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new List<string>();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            parameters.Add("search=" + Uri.EscapeDataString(query.Search.Trim()));
        }

        if (query.Actions is { Count: > 0 } actions)
        {
            parameters.Add("actions=" + string.Join(',', actions));
        }

        if (query.From is { } from)
        {
            parameters.Add("from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (query.To is { } to)
        {
            parameters.Add("to=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (query.PartnerId is { } partner)
        {
            parameters.Add("partner=" + partner);
        }

        return $"/organizer/security/export.{format}" + (parameters.Count > 0 ? "?" + string.Join('&', parameters) : "");
    }

    public static IEndpointRouteBuilder MapSecurityLogEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ExportPattern, ExportAsync)
            .RequireAuthorization(Policies.Organizer)
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAsync(
        string format, string? search, string? actions, string? from, string? to, Guid? partner,
        HttpContext http, PartnerService partners, SecurityLogService log, IStringLocalizer<SharedResource> l, TimeProvider time)
    {
        if (format is not ("xlsx" or "csv") || http.User.ToViewer(http.ToOrigin()) is not { Kind: ViewerKind.Organizer } organizer)
        {
            return Results.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var chosen = new List<SecurityAction>();
        foreach (var actionName in (actions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<SecurityAction>(actionName, ignoreCase: true, out var action) && Enum.IsDefined(action))
            {
                chosen.Add(action);
            }
            else
            {
                errors["actions"] = [$"Unknown action '{actionName}'."];
            }
        }

        var fromDay = ParseDay(from, "from", errors);
        var toDay = ParseDay(to, "to", errors);
        if (fromDay is { } f && toDay is { } t && t < f)
        {
            errors["to"] = ["The end of the period is before its start."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The filters are invalid.");
        }

        if (await partners.GetCurrentEventAsync(organizer.Id, http.RequestAborted) is not { } ev)
        {
            return Results.NotFound();
        }

        var query = new SecurityLogQuery(search, chosen.Count > 0 ? chosen : null, fromDay, toDay, partner);

        // Written to a temporary file first (like the lead export): memory stays flat, an error
        // answers 500 instead of a cut file, and the export is recorded only once written.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var written = await log.ExportAsync(organizer, ev.Id, query, format == "xlsx", file, key => l[key], http.RequestAborted);
            if (!written.IsSuccess)
            {
                await file.DisposeAsync();
                return Results.Forbid();
            }

            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        // Addresses and names of people: not for shared caches.
        http.Response.Headers.CacheControl = "private, no-store";
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.TryFindSystemTimeZoneById(ev.TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc);
        var name = string.Create(CultureInfo.InvariantCulture, $"security-log-{local:yyyyMMdd-HHmm}.{format}");
        return Results.File(file, format == "xlsx" ? SecurityLogService.XlsxContentType : SecurityLogService.CsvContentType, name);
    }

    private static DateOnly? ParseDay(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[field] = [$"{field} must be a date (yyyy-MM-dd)."];
        return null;
    }
}
