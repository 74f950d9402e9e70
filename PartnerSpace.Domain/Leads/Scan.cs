namespace PartnerSpace.Domain.Leads;

/// <summary>
/// One badge scan made by a partner's device. The device makes the <see cref="ScanId"/>; the pair
/// (partner, scan id) is unique, which makes retries idempotent.
/// </summary>
public sealed class Scan
{
    public const int NoteMaxLength = 1000;

    private Scan()
    {
    }

    public Scan(Guid partnerId, Guid scanId, string badgeCode, DateTimeOffset scannedAt, string scannedBy, string? note, DateTimeOffset receivedAt, Guid? deviceKeyId)
    {
        PartnerId = partnerId;
        ScanId = scanId;
        BadgeCode = badgeCode;
        ScannedAt = scannedAt.ToUniversalTime();
        ScannedBy = scannedBy;
        Note = note;
        ReceivedAt = receivedAt;
        DeviceKeyId = deviceKeyId;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; private set; }

    public Guid ScanId { get; private set; }

    public string BadgeCode { get; private set; } = "";

    public DateTimeOffset ScannedAt { get; private set; }

    /// <summary>E-mail of the team member who scanned, normalized.</summary>
    public string ScannedBy { get; private set; } = "";

    public string? Note { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public Guid? DeviceKeyId { get; private set; }

    /// <summary>Null while the badge is unknown (an unmatched scan).</summary>
    public Guid? LeadId { get; private set; }

    public Lead? Lead { get; private set; }

    internal void MatchTo(Lead lead)
    {
        LeadId = lead.Id;
        Lead = lead;
    }

    /// <summary>True when another submission carries the same scan (a replay), false when it differs (a conflict).</summary>
    public bool SameAs(ScanSubmission other) =>
        BadgeCode == other.BadgeCode
        && ScannedAt == other.ScannedAt.ToUniversalTime()
        && ScannedBy == other.ScannedBy
        && Note == other.Note;
}
