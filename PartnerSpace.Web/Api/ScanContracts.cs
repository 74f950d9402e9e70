namespace PartnerSpace.Web.Api;

/// <summary>One scan as a device sends it (DESIGN §6). Times are ISO 8601 with an offset.</summary>
public sealed record ScanRequest(string? ScanId, string? BadgeCode, string? ScannedAt, string? ScannedBy, string? Note);

/// <summary>Up to 1,000 scans in one request.</summary>
public sealed record ScanBatchRequest(IReadOnlyList<ScanRequest?>? Scans);

public sealed record ScanAttendeeResponse(string FirstName, string LastName, string? Company);

/// <summary>The stored scan: <c>status</c> is <c>matched</c> or <c>unmatched</c>.</summary>
public sealed record ScanResponse(Guid ScanId, Guid? LeadId, string Status, ScanAttendeeResponse? Attendee, DateTimeOffset ScannedAt, DateTimeOffset ReceivedAt);

/// <summary>One item of a batch: <c>created</c>, <c>replayed</c>, <c>conflict</c> or <c>invalid</c>.</summary>
public sealed record ScanBatchItemResponse(string? ScanId, string Status, Guid? LeadId, IReadOnlyDictionary<string, string[]>? Errors);

public sealed record ScanBatchResponse(IReadOnlyList<ScanBatchItemResponse> Results);
