using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Discounts;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Discounts;

/// <summary>The purchases import template (organizers) and the export of a partner's code use (S-2.11).</summary>
public static class DiscountEndpoints
{
    public const string TemplatePath = "/organizer/discounts/template.csv";

    public static string ExportPath(Guid partnerId, string format) => $"/partner/{partnerId}/discount-codes/export.{format}";

    public static IEndpointRouteBuilder MapDiscountEndpoints(this IEndpointRouteBuilder app)
    {
        // With a BOM, Excel opens the file as UTF-8 and keeps accents typed into it.
        app.MapGet(TemplatePath, () => TypedResults.File(Utf8(PurchaseImportService.TemplateCsv()), "text/csv; charset=utf-8", "ticket-purchases.csv"))
            .RequireAuthorization(Policies.Organizer)
            .ExcludeFromDescription();

        // Signed-in people only (others go to the sign-in page); the partner's administrators and the
        // event's organizers get the file, anyone else a 404 so partner ids cannot be probed.
        app.MapGet("/partner/{partnerId:guid}/discount-codes/export.{format}", ExportAsync)
            .RequireAuthorization()
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAsync(Guid partnerId, string format, HttpContext http, DiscountService discounts, SecurityLog securityLog, IStringLocalizer<SharedResource> l)
    {
        if (format is not ("xlsx" or "csv") || http.User.ToViewer() is not { } viewer || (await discounts.GetUsageAsync(viewer, partnerId, http.RequestAborted)).Value is not { } usage)
        {
            return Results.NotFound();
        }

        var rows = Rows(usage, l);

        // Issue 8: buyers' names and e-mails leave the portal; the log says who took them.
        await securityLog.RecordForPartnerAsync(
            partnerId, SecurityAction.DiscountUsageExported, http.User.ToSecurityActor(), http.ToOrigin(), string.Create(CultureInfo.InvariantCulture, $"{rows.Count} tickets, {format}"), http.RequestAborted);
        var name = $"discount-codes-{Slug(usage.PartnerName)}-{DateTime.UtcNow:yyyyMMdd}";
        if (format == "csv")
        {
            var csv = new StringBuilder();
            foreach (var row in rows.Select((r, i) => (r, i)))
            {
                if (row.i == 0)
                {
                    csv.Append(string.Join(';', row.r.Keys.Select(Quote))).Append("\r\n");
                }

                csv.Append(string.Join(';', row.r.Values.Select(v => Quote(Convert.ToString(v, CultureInfo.CurrentCulture) ?? "")))).Append("\r\n");
            }

            if (rows.Count == 0)
            {
                csv.Append(string.Join(';', Headers(l).Select(Quote))).Append("\r\n");
            }

            return TypedResults.File(Utf8(csv.ToString()), "text/csv; charset=utf-8", name + ".csv");
        }

        var stream = new MemoryStream();
        object sheet = rows.Count > 0 ? rows : new[] { Headers(l).ToDictionary(h => h, _ => (object?)null) };
        await stream.SaveAsAsync(sheet, sheetName: l["Discounts.Title"], cancellationToken: http.RequestAborted);
        stream.Position = 0;
        return TypedResults.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }

    private static string[] Headers(IStringLocalizer l) =>
    [
        l["Discounts.Code"], l["Discounts.Ticket"], l["Discounts.Order"], l["Discounts.Buyer"], l["Discounts.BuyerEmail"], l["Discounts.Attendee"], l["Discounts.AttendeeEmail"],
        l["Discounts.TicketType"], l["Discounts.Price"], l["Discounts.Discount"], l["Discounts.PurchasedAt"], l["Discounts.Came"], l["Discounts.CheckedInAt"],
    ];

    /// <summary>One row per ticket, in the reader's language; times in the event's zone, amounts in euros.</summary>
    private static List<Dictionary<string, object?>> Rows(PartnerDiscountUsage usage, IStringLocalizer l)
    {
        var headers = Headers(l);
        var yes = l["Discounts.Yes"].Value;
        var no = l["Discounts.No"].Value;
        string Time(DateTimeOffset at) => EventTime.ToEventZone(at, usage.TimeZoneId).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return
        [
            .. usage.Codes.SelectMany(c => c.Purchases.Select(p => new Dictionary<string, object?>
            {
                [headers[0]] = c.Code.Code,
                [headers[1]] = p.TicketReference,
                [headers[2]] = p.OrderReference,
                [headers[3]] = p.BuyerName,
                [headers[4]] = p.BuyerEmail,
                [headers[5]] = p.AttendeeName,
                [headers[6]] = p.AttendeeEmail,
                [headers[7]] = p.TicketType,
                [headers[8]] = p.PriceCents / 100m,
                [headers[9]] = p.DiscountCents / 100m,
                [headers[10]] = Time(p.PurchasedAt),
                [headers[11]] = p.CheckedInAt is null ? no : yes,
                [headers[12]] = p.CheckedInAt is { } at ? Time(at) : null,
            })),
        ];
    }

    private static string Quote(string value) =>
        value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Slug(string name) => PartnerSpace.Domain.Common.Slugs.From(name, 40);

    private static byte[] Utf8(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
}
