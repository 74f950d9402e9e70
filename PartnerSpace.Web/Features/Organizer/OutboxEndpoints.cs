using System.Text;
using Microsoft.AspNetCore.Mvc;
using PartnerSpace.Domain.Access;
using PartnerSpace.Web.Auth;

namespace PartnerSpace.Web.Features.Organizer;

/// <summary>The outbox screen's downloads: an e-mail's attachment (e.g. a meeting's <c>meeting.ics</c>).</summary>
public static class OutboxEndpoints
{
    public static string AttachmentPath(Guid messageId) => $"/organizer/outbox/{messageId}/attachment";

    public static IEndpointRouteBuilder MapOutboxEndpoints(this IEndpointRouteBuilder app)
    {
        // Organizers of the e-mail's event only; to another organizer it does not exist (404).
        app.MapGet("/organizer/outbox/{id:guid}/attachment", GetAttachmentAsync)
            .RequireAuthorization(Policies.Organizer)
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> GetAttachmentAsync(Guid id, HttpContext http, OutboxService outbox)
    {
        var viewer = http.User.ToViewer();
        var attachment = viewer is null ? null : await outbox.GetAttachmentAsync(viewer.Id, id, http.RequestAborted);
        if (attachment is null)
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var contentType = attachment.ContentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) && !attachment.ContentType.Contains("charset", StringComparison.OrdinalIgnoreCase)
            ? $"{attachment.ContentType}; charset=utf-8"
            : attachment.ContentType;
        return Results.File(Encoding.UTF8.GetBytes(attachment.Content), contentType, attachment.FileName);
    }
}
