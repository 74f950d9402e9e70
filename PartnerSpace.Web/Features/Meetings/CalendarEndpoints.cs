using System.Text;
using Microsoft.AspNetCore.Mvc;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Web.Auth;

namespace PartnerSpace.Web.Features.Meetings;

/// <summary>S-3.4, DESIGN §6: the iCalendar files of meetings.</summary>
public static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        // The private feed a calendar application subscribes to: anonymous, the token is the key.
        // An unknown or revoked token is 404, like any address that does not exist.
        app.MapGet("/calendar/{token}.ics", GetFeedAsync)
            .AllowAnonymous()
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .ExcludeFromDescription();

        // One meeting, for its participants (signed in); to anyone else it does not exist.
        app.MapGet("/meetings/{id:guid}.ics", GetMeetingAsync)
            .RequireAuthorization()
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> GetFeedAsync(string token, HttpContext http, CalendarFeedService feeds)
    {
        var text = await feeds.GetFeedAsync(token, http.RequestAborted);
        return text is null ? Results.NotFound() : Calendar(http, text, null);
    }

    private static async Task<IResult> GetMeetingAsync(Guid id, HttpContext http, CalendarFeedService feeds)
    {
        var text = await feeds.GetMeetingAsync(http.User.ToViewer(), id, http.RequestAborted);
        return text is null ? Results.NotFound() : Calendar(http, text, $"meeting-{id}.ics");
    }

    private static IResult Calendar(HttpContext http, string text, string? fileName)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "private, no-store";
        headers.XContentTypeOptions = "nosniff";
        var bytes = Encoding.UTF8.GetBytes(text);
        return fileName is null
            ? Results.Bytes(bytes, MeetingCalendar.ContentType)
            : Results.File(bytes, MeetingCalendar.ContentType, fileName);
    }
}
