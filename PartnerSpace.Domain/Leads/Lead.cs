namespace PartnerSpace.Domain.Leads;

/// <summary>A person a partner collected: one per partner and person, counting its scans (S-2.12).</summary>
public sealed class Lead
{
    private Lead()
    {
    }

    public Lead(Guid partnerId, Guid personId, DateTimeOffset capturedAt)
    {
        PartnerId = partnerId;
        PersonId = personId;
        FirstCapturedAt = capturedAt;
        LastCapturedAt = capturedAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; private set; }

    public Guid PersonId { get; private set; }

    public int ScanCount { get; private set; }

    public DateTimeOffset FirstCapturedAt { get; private set; }

    public DateTimeOffset LastCapturedAt { get; private set; }

    /// <summary>E-mail of the team member who scanned last.</summary>
    public string? LastScannedBy { get; private set; }

    public Partners.Person? Person { get; private set; }

    /// <summary>
    /// Makes a scan of a person count on the partner's lead for that person: the one in
    /// <paramref name="known"/> under <paramref name="key"/>, or a new one handed to <paramref name="add"/>.
    /// </summary>
    internal static Lead Capture(Scan scan, Guid personId, Dictionary<Guid, Lead> known, Guid key, Action<Lead> add)
    {
        if (!known.TryGetValue(key, out var lead))
        {
            lead = new Lead(scan.PartnerId, personId, scan.ScannedAt);
            known[key] = lead;
            add(lead);
        }

        lead.CountScan(scan.ScannedAt, scan.ScannedBy);
        scan.MatchTo(lead);
        return lead;
    }

    internal void CountScan(DateTimeOffset scannedAt, string scannedBy)
    {
        ScanCount++;
        if (scannedAt < FirstCapturedAt)
        {
            FirstCapturedAt = scannedAt;
        }

        if (scannedAt >= LastCapturedAt || LastScannedBy is null)
        {
            LastCapturedAt = scannedAt;
            LastScannedBy = scannedBy;
        }
    }
}
