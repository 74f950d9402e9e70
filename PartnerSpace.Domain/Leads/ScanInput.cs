using System.Globalization;
using System.Text.RegularExpressions;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Leads;

/// <summary>A scan as a device sent it: raw text, not yet trusted.</summary>
public sealed record ScanInput(string? ScanId, string? BadgeCode, string? ScannedAt, string? ScannedBy, string? Note);

/// <summary>A scan that passed validation.</summary>
public sealed partial record ScanSubmission(Guid ScanId, string BadgeCode, DateTimeOffset ScannedAt, string ScannedBy, string? Note)
{
    /// <summary>How far in the future a device clock may be before a scan is refused.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Validates a device's scan; field errors use the JSON names of DESIGN §6.</summary>
    public static Result<ScanSubmission> From(ScanInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        if (!Guid.TryParse(input.ScanId, out var scanId) || scanId == Guid.Empty)
        {
            errors["scanId"] = ["scanId is required and must be a UUID made by the device."];
        }

        var badge = Text.Clean(input.BadgeCode);
        if (badge is null)
        {
            errors["badgeCode"] = ["badgeCode is required."];
        }
        else if (badge.Length > Attendee.BadgeCodeMaxLength)
        {
            errors["badgeCode"] = [$"badgeCode is at most {Attendee.BadgeCodeMaxLength} characters."];
        }

        var scannedAt = ParseInstant(input.ScannedAt);
        if (scannedAt is null)
        {
            errors["scannedAt"] = ["scannedAt is required, in ISO 8601 with an offset (2026-11-23T10:15:00+01:00)."];
        }
        else if (scannedAt.Value > now + MaxClockSkew)
        {
            errors["scannedAt"] = ["scannedAt is more than 5 minutes in the future; check the device clock."];
        }

        var scannedBy = Text.NormalizeEmail(input.ScannedBy);
        if (scannedBy is null)
        {
            errors["scannedBy"] = ["scannedBy must be the e-mail address of the team member who scanned."];
        }

        var note = Text.Clean(input.Note);
        if (note is { Length: > Scan.NoteMaxLength })
        {
            errors["note"] = [$"note is at most {Scan.NoteMaxLength} characters."];
        }

        return errors.Count > 0
            ? Error.Validation(errors)
            : Result<ScanSubmission>.Ok(new ScanSubmission(scanId, badge!, scannedAt!.Value.ToUniversalTime(), scannedBy!, note));
    }

    private static DateTimeOffset? ParseInstant(string? value)
    {
        // An instant without an offset is ambiguous across time zones: refuse it rather than guess.
        if (string.IsNullOrWhiteSpace(value) || !OffsetSuffix().IsMatch(value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetSuffix();
}
