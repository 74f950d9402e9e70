namespace PartnerSpace.Domain.Leads;

/// <summary>What became of one submitted scan.</summary>
public enum ScanOutcomeKind
{
    /// <summary>Stored now (201).</summary>
    Created,

    /// <summary>Stored before with the same content (200, same answer).</summary>
    Replayed,

    /// <summary>The scan id was stored before with other content (409).</summary>
    Conflict,

    /// <summary>Refused by validation (400).</summary>
    Invalid,
}

/// <summary>The attendee a badge belongs to.</summary>
public sealed record ScannedAttendee(string FirstName, string LastName, string? Company);

/// <summary>The stored scan as the device is told about it.</summary>
public sealed record ScanReceipt(Guid ScanId, Guid? LeadId, ScannedAttendee? Attendee, DateTimeOffset ScannedAt, DateTimeOffset ReceivedAt)
{
    public bool Matched => LeadId is not null;
}

/// <summary>The outcome of one scan: a receipt when stored, field errors when invalid.</summary>
public sealed record ScanOutcome(string? ScanId, ScanOutcomeKind Kind, ScanReceipt? Receipt, IReadOnlyDictionary<string, string[]>? Errors)
{
    public static ScanOutcome Invalid(string? scanId, IReadOnlyDictionary<string, string[]> errors) => new(scanId, ScanOutcomeKind.Invalid, null, errors);

    public static ScanOutcome Conflict(Guid scanId) => new(scanId.ToString(), ScanOutcomeKind.Conflict, null, null);
}

/// <summary>Who sends scans: a partner, through one of its device keys.</summary>
public sealed record ScanSource(Guid EventId, Guid PartnerId, Guid? DeviceKeyId);
