using System.Text;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Web.Auth;

namespace PartnerSpace.Web.Features.Attendees;

public static class AttendeeEndpoints
{
    public const string TemplatePath = "/organizer/attendees/template.csv";

    /// <summary>The CSV template of the attendee import, for organizers (S-1.1).</summary>
    public static IEndpointRouteBuilder MapAttendeeEndpoints(this IEndpointRouteBuilder app)
    {
        // With a BOM, Excel opens the file as UTF-8 and keeps accents typed into it.
        app.MapGet(TemplatePath, () => TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(AttendeeImportService.TemplateCsv())).ToArray(), "text/csv; charset=utf-8", "attendees.csv"))
            .RequireAuthorization(Policies.Organizer)
            .ExcludeFromDescription();
        return app;
    }
}
