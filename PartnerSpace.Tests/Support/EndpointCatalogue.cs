using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerSpace.Tests.Support;

/// <summary>Who may call a route (DESIGN §4, §6).</summary>
public enum RouteAudience
{
    /// <summary>Anyone, signed in or not.</summary>
    Public,

    /// <summary>Whoever holds the private token in the address (a calendar feed): 404 for any other token.</summary>
    Token,

    /// <summary>Any signed-in person (the attendee space); sign-in first otherwise.</summary>
    SignedIn,

    /// <summary>Organizers; a resource of another event is 404 to them.</summary>
    Organizer,

    /// <summary>The partner's administrators and its event's organizers: 403 to everyone else signed in (ADR 0002).</summary>
    PartnerAdmin,

    /// <summary>
    /// The partner's administrators and its event's organizers, answered by the resource itself:
    /// 404 to everyone else (ids cannot be probed); sign-in first when the route requires it.
    /// </summary>
    PartnerResource,

    /// <summary>Whoever acts for the partner's meetings (administrators, registered sales contacts, organizers) and its participants; 404 to others.</summary>
    MeetingParticipant,

    /// <summary>A device key, scoped to its partner: 401 without one, 404 for another partner's resource.</summary>
    Device,

    /// <summary>Blazor's circuit transport: carries no data of its own (every component checks access).</summary>
    Framework,
}

/// <summary>What a route serves, for the hostile-input test: how to send it a body.</summary>
public enum RouteKind
{
    Page,
    Api,
    Form,
    Download,
    Framework,
}

/// <summary>The ids a route is filled with: one partner's (A: Acme, B: Nordlys, C: a partner of another event).</summary>
public sealed record PartnerIds(
    string Name,
    Guid EventId,
    string EventSlug,
    Guid PartnerId,
    Guid MemberId,
    Guid LeadId,
    Guid FileId,
    Guid MeetingId,
    Guid OutboxMessageId,
    string FeedToken);

/// <summary>One route of the app: its pattern as the endpoint data source names it, who may call it, and how to fill it.</summary>
public sealed record CatalogueRoute(string Pattern, RouteAudience Audience, RouteKind Kind, string Spec, Func<PartnerIds, string> Path)
{
    /// <summary>The method the matrix calls it with (GET unless it only takes a body).</summary>
    public string Method { get; init; } = HttpMethods.Get;
}

/// <summary>
/// Every route of the portal in one table (issue 8): pages, the JSON API, forms, downloads and
/// the framework's own. <see cref="Unlisted"/> names the routes of the app's endpoint data source
/// that are not in it, so a new route cannot be forgotten by the access matrix or the
/// hostile-input test. Static assets (files of wwwroot and packages) are public by nature and
/// recognised by their metadata.
/// </summary>
public static class EndpointCatalogue
{
    public static readonly IReadOnlyList<CatalogueRoute> Routes =
    [
        // Public pages and the sign-in (S-4.2).
        Page("/", RouteAudience.Public, "S-4"),
        Page("/sign-in", RouteAudience.Public, "S-4.2"),
        Page("/sign-in/link", RouteAudience.Public, "S-4.2"),
        Page("/sign-in/link-sent", RouteAudience.Public, "S-4.2"),
        Page("/sign-in/two-factor", RouteAudience.Public, "S-4"),
        Page("/error", RouteAudience.Public, "S-4"),
        Page("/error/{Code:int}", RouteAudience.Public, "S-4", _ => "/error/404"),
        Page("/not-found", RouteAudience.Public, "S-4"),
        Page("/scan", RouteAudience.Public, "S-2.12"),
        Page("/e/{EventSlug}/partners", RouteAudience.Public, "S-2.2", p => $"/e/{p.EventSlug}/partners"),
        Page("/e/{EventSlug}/partners/{PartnerId:guid}/{NameSlug?}", RouteAudience.Public, "S-2.2", p => $"/e/{p.EventSlug}/partners/{p.PartnerId}/x"),

        // The attendee space (S-3): any signed-in person; partners of their own event only.
        Page("/attendee", RouteAudience.SignedIn, "S-3.1"),
        Page("/attendee/business", RouteAudience.SignedIn, "S-3.3"),
        Page("/attendee/calendar", RouteAudience.SignedIn, "S-3.4"),
        Page("/attendee/contacts", RouteAudience.SignedIn, "S-3.3"),
        Page("/attendee/meetings", RouteAudience.SignedIn, "S-3.3"),
        Page("/attendee/messages", RouteAudience.SignedIn, "S-2.12"),
        Page("/attendee/partners", RouteAudience.SignedIn, "S-3.2"),
        Page("/attendee/partners/{PartnerId:guid}", RouteAudience.SignedIn, "S-3.2", p => $"/attendee/partners/{p.PartnerId}"),
        Page("/partner", RouteAudience.SignedIn, "S-3.2"),

        // The back office (S-1): organizers, each of their own event.
        Page("/organizer", RouteAudience.Organizer, "S-1.1"),
        Page("/organizer/attendees", RouteAudience.Organizer, "S-1.1"),
        Page("/organizer/discounts", RouteAudience.Organizer, "S-2.11"),
        Page("/organizer/documents", RouteAudience.Organizer, "S-2.6"),
        Page("/organizer/forms/{Which}", RouteAudience.Organizer, "S-1.4", _ => "/organizer/forms/profile"),
        Page("/organizer/history", RouteAudience.Organizer, "S-1.1"),
        Page("/organizer/home", RouteAudience.Organizer, "S-2.1"),
        Page("/organizer/leads", RouteAudience.Organizer, "S-2.12"),
        Page("/organizer/live", RouteAudience.Organizer, "D-9"),
        Page("/organizer/menu", RouteAudience.Organizer, "S-1.2"),
        Page("/organizer/options", RouteAudience.Organizer, "S-1.8"),
        Page("/organizer/outbox", RouteAudience.Organizer, "S-4.2"),
        Page("/organizer/pages", RouteAudience.Organizer, "S-1.3"),
        Page("/organizer/readiness", RouteAudience.Organizer, "S-4.4"),
        Page("/organizer/sessions", RouteAudience.Organizer, "S-1.6"),
        Page("/organizer/tasks", RouteAudience.Organizer, "S-2.5"),
        Page("/organizer/emails", RouteAudience.Organizer, "S-4.2"),
        Page("/organizer/security", RouteAudience.Organizer, "S-4"),
        Page("/organizer/account", RouteAudience.Organizer, "S-4"),
        Page("/organizer/partners/{PartnerId:guid}/access", RouteAudience.PartnerResource, "S-4.2", p => $"/organizer/partners/{p.PartnerId}/access"),
        Download("/organizer/security/export.{format}", RouteAudience.Organizer, "S-4", _ => "/organizer/security/export.xlsx"),
        Page("/organizer/partners/{PartnerId:guid}/team", RouteAudience.PartnerResource, "S-2.3", p => $"/organizer/partners/{p.PartnerId}/team"),
        Download("/organizer/attendees/template.csv", RouteAudience.Organizer, "S-1.1"),
        Download("/organizer/discounts/template.csv", RouteAudience.Organizer, "S-2.11"),
        Download("/organizer/outbox/{id:guid}/attachment", RouteAudience.Organizer, "S-4.2", p => $"/organizer/outbox/{p.OutboxMessageId}/attachment"),

        // The partner space (S-2): its administrators and the event's organizers.
        Page("/partner/{PartnerId:guid}", RouteAudience.PartnerAdmin, "S-2.1", p => $"/partner/{p.PartnerId}"),
        Page("/partner/{PartnerId:guid}/badges", RouteAudience.PartnerAdmin, "S-2.3", p => $"/partner/{p.PartnerId}/badges"),
        Page("/partner/{PartnerId:guid}/leads", RouteAudience.PartnerAdmin, "S-2.12", p => $"/partner/{p.PartnerId}/leads"),
        Page("/partner/{PartnerId:guid}/leads/settings", RouteAudience.PartnerAdmin, "S-2.12", p => $"/partner/{p.PartnerId}/leads/settings"),
        Page("/partner/{PartnerId:guid}/{Slug}", RouteAudience.PartnerAdmin, "S-2.3", p => $"/partner/{p.PartnerId}/team"),
        Download("/partner/{PartnerId:guid}/leads/export.xlsx", RouteAudience.PartnerAdmin, "S-2.12", p => $"/partner/{p.PartnerId}/leads/export.xlsx"),
        Download("/partner/{PartnerId:guid}/leads/export/{category}.csv", RouteAudience.PartnerAdmin, "S-2.12", p => $"/partner/{p.PartnerId}/leads/export/scans.csv"),
        Download("/partner/{PartnerId:guid}/badges/{MemberId:guid}.svg", RouteAudience.PartnerAdmin, "S-2.3", p => $"/partner/{p.PartnerId}/badges/{p.MemberId}.svg"),
        Download("/partner/{PartnerId:guid}/badges.zip", RouteAudience.PartnerAdmin, "S-2.3", p => $"/partner/{p.PartnerId}/badges.zip"),
        Download("/partner/{partnerId:guid}/discount-codes/export.{format}", RouteAudience.PartnerResource, "S-2.11", p => $"/partner/{p.PartnerId}/discount-codes/export.xlsx"),
        Download("/files/{id:guid}", RouteAudience.PartnerResource, "S-2.2", p => $"/files/{p.FileId}"),

        // Calendars (S-3.4).
        Download("/calendar/{token}.ics", RouteAudience.Token, "S-3.4", p => $"/calendar/{p.FeedToken}.ics"),
        Download("/meetings/{id:guid}.ics", RouteAudience.MeetingParticipant, "S-3.4", p => $"/meetings/{p.MeetingId}.ics"),

        // The device and CRM API (DESIGN §6).
        Api("/api/v1/scans", HttpMethods.Post, "S-2.12"),
        Api("/api/v1/scans/batch", HttpMethods.Post, "S-2.12"),
        Api("/api/v1/device", HttpMethods.Get, "S-2.12"),
        Api("/api/v1/leads", HttpMethods.Get, "S-2.12"),
        Api("/api/v1/leads/export.xlsx", HttpMethods.Get, "S-2.12"),
        Api("/api/v1/leads/{leadId:guid}", HttpMethods.Get, "S-2.12", p => $"/api/v1/leads/{p.LeadId}"),
        Api("/api/v1/leads/{leadId:guid}/qualification", HttpMethods.Patch, "S-2.12", p => $"/api/v1/leads/{p.LeadId}/qualification"),
        new("/api/{**path}", RouteAudience.Public, RouteKind.Api, "S-4", _ => "/api/v2/nothing"),
        new("/health", RouteAudience.Public, RouteKind.Api, "S-4", _ => "/health"),
        new("/openapi/{documentName}.json", RouteAudience.Public, RouteKind.Api, "S-4", _ => "/openapi/v1.json"),
        new("/api/docs/{documentName?}", RouteAudience.Public, RouteKind.Page, "S-4", _ => "/api/docs"),
        new("/api/docs/scalar.js", RouteAudience.Public, RouteKind.Download, "S-4", _ => "/api/docs/scalar.js"),
        new("/api/docs/scalar.aspnetcore.js", RouteAudience.Public, RouteKind.Download, "S-4", _ => "/api/docs/scalar.aspnetcore.js"),
        new("/api/docs/favicon.svg", RouteAudience.Public, RouteKind.Download, "S-4", _ => "/api/docs/favicon.svg"),

        // Sign-in, sign-out and the language (S-4.2).
        Form("/auth/password", "S-4.2"),
        Form("/auth/link", "S-4.2"),
        Form("/auth/link/consume", "S-4.2"),
        Form("/auth/sign-out", "S-4"),
        Form("/auth/two-factor", "S-4"),
        Form("/auth/renew", "S-4"),
        new("/start", RouteAudience.Public, RouteKind.Page, "S-4.4", _ => "/start"),
        new("/demo/sign-in/{role}", RouteAudience.Public, RouteKind.Page, "S-4", _ => "/demo/sign-in/nobody"),
        new("/culture", RouteAudience.Public, RouteKind.Page, "S-4", _ => "/culture?c=fr&r=/"),

        // Blazor's circuit.
        Framework("/_blazor"),
        Framework("/_blazor/negotiate"),
        Framework("/_blazor/initializers/"),
        Framework("/_blazor/disconnect/"),
        Framework("/_framework/opaque-redirect"),

        // Static web assets' fallback (a path that looks like a file): public by nature.
        new("{**path:file}", RouteAudience.Public, RouteKind.Download, "S-4", _ => "/no-such-file.txt"),
    ];

    /// <summary>The app's route endpoints, pattern and methods, static assets left out.</summary>
    public static IReadOnlyList<(string Pattern, IReadOnlyList<string> Methods)> AppRoutes(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !IsStaticAsset(e))
            .GroupBy(e => e.RoutePattern.RawText ?? "")
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Distinct().Order(StringComparer.Ordinal)]))];

    /// <summary>The app's routes that the table does not classify.</summary>
    public static IReadOnlyList<string> Unlisted(IServiceProvider services)
    {
        var known = Routes.Select(r => r.Pattern).ToHashSet(StringComparer.Ordinal);
        return [.. AppRoutes(services).Where(r => !known.Contains(r.Pattern)).Select(r => $"{r.Pattern} [{string.Join(',', r.Methods)}]")];
    }

    public static CatalogueRoute Get(string pattern) => Routes.Single(r => r.Pattern == pattern);

    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor");

    private static CatalogueRoute Page(string pattern, RouteAudience audience, string spec, Func<PartnerIds, string>? path = null) =>
        new(pattern, audience, RouteKind.Page, spec, path ?? (_ => pattern));

    private static CatalogueRoute Download(string pattern, RouteAudience audience, string spec, Func<PartnerIds, string>? path = null) =>
        new(pattern, audience, RouteKind.Download, spec, path ?? (_ => pattern));

    private static CatalogueRoute Api(string pattern, string method, string spec, Func<PartnerIds, string>? path = null) =>
        new(pattern, RouteAudience.Device, RouteKind.Api, spec, path ?? (_ => pattern)) { Method = method };

    private static CatalogueRoute Form(string pattern, string spec) =>
        new(pattern, RouteAudience.Public, RouteKind.Form, spec, _ => pattern) { Method = HttpMethods.Post };

    private static CatalogueRoute Framework(string pattern) =>
        new(pattern, RouteAudience.Framework, RouteKind.Framework, "S-4", _ => pattern);
}
