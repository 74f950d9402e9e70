using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Web.Auth;

namespace PartnerSpace.Web.Api;

/// <summary>
/// What the phone scanner (<c>/scan</c>) reads and writes with its device key besides scans:
/// its partner, team and questions, a lead's card, and the lead's qualification (issue 7 item 4).
/// </summary>
public static class ScannerEndpoints
{
    /// <summary>The team member who qualifies, when the body does not name them.</summary>
    public const string ScannedByHeader = "X-Scanned-By";

    public static IEndpointRouteBuilder MapScannerEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .RequireAuthorization(Policies.Device)
            .DisableAntiforgery()
            .WithTags("Scanner");

        api.MapGet("/device", GetDeviceAsync)
            .WithName("GetDevice")
            .WithSummary("The device's partner and event, the team who may scan and the partner's qualification questions.");
        api.MapGet("/leads/{leadId:guid}", GetLeadAsync)
            .WithName("GetLead")
            .WithSummary("One of the partner's leads with its qualification; contact details only while the attendee consents.");
        api.MapPatch("/leads/{leadId:guid}/qualification", QualifyAsync)
            .WithMetadata(new JsonRequestBody(typeof(LeadQualificationRequest)))
            .WithName("QualifyLead")
            .WithSummary($"Saves a lead's rating, follow-up, notes, tags, owner and answers; a stale version answers 409. qualifiedBy (or the {ScannedByHeader} header) names the team member.");
        return app;
    }

    internal static async Task<Results<Ok<DeviceResponse>, ProblemHttpResult>> GetDeviceAsync(
        HttpContext http, ScannerSetupService setups, LeadQualificationService leads)
    {
        var source = DeviceKeyAuthenticationHandler.SourceOf(http.User)!;
        var setup = await setups.GetAsync(source, http.RequestAborted);
        if (setup is null)
        {
            return TypedResults.Problem(title: "This device's partner no longer exists.", statusCode: StatusCodes.Status404NotFound);
        }

        var team = await leads.GetOwnersAsync(setup.PartnerId, http.RequestAborted);
        var questions = await leads.GetQuestionsAsync(setup.PartnerId, http.RequestAborted);
        return TypedResults.Ok(new DeviceResponse(
            new DevicePartnerResponse(setup.PartnerId, setup.PartnerName),
            new DeviceEventResponse(setup.EventName.ForCurrentCulture(), setup.TimeZoneId),
            [.. team.Select(m => new DeviceTeamMemberResponse(m.PersonId, m.Name, m.Email))],
            [.. questions.Select(q => new DeviceQuestionResponse(q.Id, q.Label, Name(q.Kind), q.Options, q.Position))]));
    }

    internal static async Task<Results<Ok<LeadCardResponse>, ProblemHttpResult>> GetLeadAsync(
        Guid leadId, HttpContext http, LeadQualificationService leads)
    {
        var source = DeviceKeyAuthenticationHandler.SourceOf(http.User)!;
        var card = await leads.GetAsync(source.PartnerId, leadId, http.RequestAborted);
        return card is null ? LeadNotFound() : TypedResults.Ok(ToResponse(card));
    }

    internal static async Task<Results<Ok<LeadCardResponse>, ProblemHttpResult, ValidationProblem>> QualifyAsync(
        Guid leadId, HttpContext http, LeadQualificationService leads)
    {
        var source = DeviceKeyAuthenticationHandler.SourceOf(http.User)!;
        var (request, bodyErrors) = await ApiJson.ReadAsync<LeadQualificationRequest>(http);
        if (request is null)
        {
            return TypedResults.ValidationProblem(bodyErrors!, title: "The body must be a qualification as JSON.");
        }

        var (draft, by, errors) = ToDraft(request, http.Request.Headers[ScannedByHeader]);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The qualification is invalid.");
        }

        var result = await leads.QualifyAsync(source.PartnerId, leadId, draft, by, http.RequestAborted);
        return result.Error switch
        {
            null => TypedResults.Ok(ToResponse(result.Value!)),
            { Kind: ErrorKind.NotFound } => LeadNotFound(),
            { Kind: ErrorKind.Conflict } e => TypedResults.Problem(
                title: e.Message,
                detail: "Read the lead again (GET /api/v1/leads/{leadId}) and send its version with the change.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["code"] = e.Code }),
            { Fields: { } fields } => TypedResults.ValidationProblem(fields, title: "The qualification is invalid."),
            var e => TypedResults.Problem(title: e.Message, statusCode: StatusCodes.Status400BadRequest),
        };
    }

    private static ProblemHttpResult LeadNotFound() =>
        TypedResults.Problem(title: "This lead does not exist.", statusCode: StatusCodes.Status404NotFound);

    private static (LeadQualification Draft, string? By, Dictionary<string, string[]> Errors) ToDraft(LeadQualificationRequest r, string? headerBy)
    {
        var errors = new Dictionary<string, string[]>();
        var rating = Parse<LeadRating>(r.Rating, LeadRating.None, "rating", "Use none, cold, warm or hot.", errors);
        var followUp = Parse<LeadFollowUp>(r.FollowUp, LeadFollowUp.New, "followUp", "Use new, toContact, contacted, opportunity, won or notInterested.", errors);

        var answers = new Dictionary<Guid, string>();
        foreach (var (key, value) in r.Answers ?? new Dictionary<string, string?>())
        {
            if (!Guid.TryParse(key, out var id))
            {
                errors[$"answers.{key}"] = ["Answers are keyed by question id."];
            }
            else if (value is not null)
            {
                answers[id] = value;
            }
        }

        var rawBy = string.IsNullOrWhiteSpace(r.QualifiedBy) ? headerBy : r.QualifiedBy;
        var by = Text.NormalizeEmail(rawBy);
        if (!string.IsNullOrWhiteSpace(rawBy) && by is null)
        {
            errors["qualifiedBy"] = ["qualifiedBy must be the e-mail address of the team member."];
        }

        var tags = (r.Tags ?? []).OfType<string>().ToList();
        return (new LeadQualification(rating, followUp, r.Notes, tags, r.OwnerPersonId, answers, r.Version), by, errors);
    }

    private static T Parse<T>(string? value, T empty, string field, string message, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return empty;
        }

        // Names only: "3" would parse as a number and slip past the contract.
        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && !char.IsAsciiDigit(value.Trim()[0]) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        errors[field] = [message];
        return empty;
    }

    private static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static LeadCardResponse ToResponse(LeadCard card)
    {
        var q = card.Qualification;
        return new LeadCardResponse(
            card.LeadId,
            card.FirstName,
            card.LastName,
            card.Company,
            card.Email,
            [.. Enum.GetValues<LeadSources>().Where(s => s != LeadSources.None && card.Sources.HasFlag(s)).Select(Name)],
            Name(card.Consent),
            card.ConsentAt,
            card.ScanCount,
            card.CreatedAt,
            new LeadQualificationBody(
                Name(q.Rating),
                Name(q.FollowUp),
                q.Notes,
                q.Tags,
                q.OwnerPersonId,
                q.Answers.ToDictionary(a => a.Key.ToString(), a => a.Value),
                q.Version),
            card.QualifiedAt,
            card.QualifiedBy);
    }
}
