using Microsoft.Extensions.Localization;
using PartnerSpace.Domain.Common;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Meetings;

/// <summary>The meeting and contact services' refusals in the reader's language (<c>Meetings.Error.{code}</c>), field errors first.</summary>
public static class MeetingErrors
{
    public static string Text(IStringLocalizer localizer, Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Fields is { Count: > 0 } fields)
        {
            var first = fields.First();
            var text = localizer[$"Meetings.Field.{first.Key}"];
            return text.ResourceNotFound ? first.Value[0] : text.Value;
        }

        return localizer.Message(error, "Meetings.Error");
    }

    /// <summary>The slot or a person's time was taken meanwhile: the choices must be read again.</summary>
    public static bool SlotsChanged(Error error) =>
        error?.Code is "slot-taken" or "slot-past" or "slot-not-found" or "person-busy";
}
