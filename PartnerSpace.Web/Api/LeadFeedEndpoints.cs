using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Web.Auth;

namespace PartnerSpace.Web.Api;

/// <summary><c>GET /api/v1/leads?after=&amp;limit=</c>: a CRM syncs a partner's leads with its device key (DESIGN §6).</summary>
public static class LeadFeedEndpoints
{
    public const string Description = """
        Returns the key's partner's leads in capture order, after the cursor `after` (0 or absent: from the
        first lead), at most `limit` (1 to 1,000, default 100). Store `next` and pass it as `after` on the
        following call; an empty `items` means you are up to date. E-mail addresses are only given while the
        attendee consents (`consent.kind` is not `none`).

        Webhooks added in the lead settings receive the same items, POSTed as
        `{ deliveryId, partnerId, leads: [...] }` with the headers `X-PartnerSpace-Delivery` (the same id on
        every retry of one batch: ignore ids you have already processed), `X-PartnerSpace-Timestamp` (Unix
        seconds) and `X-PartnerSpace-Signature: sha256=<hex>`, the HMAC-SHA256 of `timestamp + "." + body`
        keyed with the webhook's secret. Verify it over the raw body before parsing:

        ```csharp
        var body = await new StreamReader(Request.Body).ReadToEndAsync();
        var timestamp = Request.Headers["X-PartnerSpace-Timestamp"].ToString();
        var key = Encoding.UTF8.GetBytes(secret); // "whsec_…"
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(timestamp + "." + body));
        var expected = "sha256=" + Convert.ToHexStringLower(hash);
        var valid = CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(Request.Headers["X-PartnerSpace-Signature"].ToString()))
            && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(timestamp)) < 300;
        ```

        Answer 2xx within 10 seconds; anything else is retried after 10 s, 30 s, 2 min, 10 min, then hourly,
        and a webhook failing for 24 hours is disabled.
        """;

    public static IEndpointRouteBuilder MapLeadFeedEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1")
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .RequireAuthorization(Policies.Device)
            .WithTags("Leads")
            .MapGet("/leads", ReadAsync)
            .WithName("ReadLeads")
            .WithSummary("The partner's leads after a cursor, in capture order: a CRM syncs with it.")
            .WithDescription(Description);
        return app;
    }

    internal static async Task<Results<Ok<LeadFeedPage>, ValidationProblem>> ReadAsync(
        HttpContext http, LeadFeedService feed, SecurityLog securityLog, string? after = null, string? limit = null)
    {
        var source = DeviceKeyAuthenticationHandler.SourceOf(http.User)!;
        var errors = new Dictionary<string, string[]>();
        var cursor = 0L;
        if (!string.IsNullOrEmpty(after) && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out cursor))
        {
            errors["after"] = ["after must be the next value of a previous answer (a whole number, 0 or more)."];
        }

        var size = LeadFeedService.DefaultLimit;
        if (!string.IsNullOrEmpty(limit) && !int.TryParse(limit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out size))
        {
            errors["limit"] = [$"limit must be a whole number between 1 and {LeadFeedService.MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The cursor or the limit is invalid.");
        }

        var page = await feed.ReadAsync(source.PartnerId, cursor, size, http.RequestAborted);

        // S-2.12, issue 8: a read that hands over leads is an export; an empty poll hands over nothing.
        if (page.Value is { Items.Count: > 0 } read)
        {
            await securityLog.RecordForPartnerAsync(
                source.PartnerId, SecurityAction.LeadsExported, http.User.ToSecurityActor(), http.ToOrigin(),
                string.Create(CultureInfo.InvariantCulture, $"{read.Items.Count} leads, CRM feed, after {cursor}"), http.RequestAborted);
        }

        return page.IsSuccess
            ? TypedResults.Ok(page.Value)
            : TypedResults.ValidationProblem(page.Error!.Fields!, title: "The cursor or the limit is invalid.");
    }
}
