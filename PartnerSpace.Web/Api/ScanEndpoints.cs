using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Web.Auth;

namespace PartnerSpace.Web.Api;

/// <summary><c>POST /api/v1/scans</c> and <c>/api/v1/scans/batch</c> for scanning devices (DESIGN §6).</summary>
public static class ScanEndpoints
{
    public static IEndpointRouteBuilder MapScanEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .RequireAuthorization(Policies.Device)
            .DisableAntiforgery()
            .WithTags("Scans");

        api.MapPost("/scans", RecordAsync)
            .WithMetadata(new JsonRequestBody(typeof(ScanRequest)))
            .WithName("RecordScan")
            .WithSummary("Records one badge scan; replaying the same scanId and body answers 200 with the same result.");
        api.MapPost("/scans/batch", RecordBatchAsync)
            .WithMetadata(new JsonRequestBody(typeof(ScanBatchRequest)))
            .WithName("RecordScanBatch")
            .WithSummary("Records up to 1,000 scans in one transaction; each item has its own status.");
        return app;
    }

    internal static async Task<Results<Created<ScanResponse>, Ok<ScanResponse>, ProblemHttpResult, ValidationProblem>> RecordAsync(
        HttpContext http, ScanService scans)
    {
        var source = DeviceKeyAuthenticationHandler.SourceOf(http.User)!;
        var (request, bodyError) = await ApiJson.ReadAsync<ScanRequest>(http);
        if (request is null)
        {
            return TypedResults.ValidationProblem(bodyError!, title: "The body must be one scan as JSON.");
        }

        var outcome = (await scans.RecordAsync(source, [ToInput(request)], http.RequestAborted))[0];
        return outcome.Kind switch
        {
            ScanOutcomeKind.Created => TypedResults.Created($"/api/v1/scans/{outcome.ScanId}", ToResponse(outcome.Receipt!)),
            ScanOutcomeKind.Replayed => TypedResults.Ok(ToResponse(outcome.Receipt!)),
            ScanOutcomeKind.Conflict => TypedResults.Problem(
                title: "This scanId was already used for a different scan.",
                detail: "A device makes a new scanId for each scan; a scanId may only be resent with the same body.",
                statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.ValidationProblem(outcome.Errors!, title: "The scan is invalid."),
        };
    }

    internal static async Task<Results<Ok<ScanBatchResponse>, ValidationProblem>> RecordBatchAsync(HttpContext http, ScanService scans)
    {
        var source = DeviceKeyAuthenticationHandler.SourceOf(http.User)!;
        var (request, bodyError) = await ApiJson.ReadAsync<ScanBatchRequest>(http);
        if (request is null)
        {
            return TypedResults.ValidationProblem(bodyError!, title: "The body must be { \"scans\": [ … ] } as JSON.");
        }

        if (request.Scans is not { Count: > 0 and <= ScanService.MaxBatchSize })
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["scans"] = [$"scans must hold between 1 and {ScanService.MaxBatchSize} scans."] },
                title: "The batch is invalid.");
        }

        var inputs = request.Scans.Select(s => s is null ? new ScanInput(null, null, null, null, null) : ToInput(s)).ToList();
        var outcomes = await scans.RecordAsync(source, inputs, http.RequestAborted);
        var items = outcomes.Select(o => new ScanBatchItemResponse(
            o.ScanId,
            o.Kind switch
            {
                ScanOutcomeKind.Created => "created",
                ScanOutcomeKind.Replayed => "replayed",
                ScanOutcomeKind.Conflict => "conflict",
                _ => "invalid",
            },
            o.Receipt?.LeadId,
            o.Errors)).ToList();
        return TypedResults.Ok(new ScanBatchResponse(items));
    }

    private static ScanInput ToInput(ScanRequest r) => new(r.ScanId, r.BadgeCode, r.ScannedAt, r.ScannedBy, r.Note);

    private static ScanResponse ToResponse(ScanReceipt r) => new(
        r.ScanId,
        r.LeadId,
        r.Matched ? "matched" : "unmatched",
        r.Attendee is null ? null : new ScanAttendeeResponse(r.Attendee.FirstName, r.Attendee.LastName, r.Attendee.Company),
        r.ScannedAt,
        r.ReceivedAt);
}
