namespace PartnerSpace.Domain.Leads;

/// <summary>
/// A person a partner collected (S-2.12): one per partner and person, whatever brought them in
/// (a scan, a shared contact or a message, a session, a staff member's networking contact, a
/// meeting request). It carries the partner's qualification of that person and the consent that
/// lets the partner see and export their contact details.
/// </summary>
/// <remarks>
/// <see cref="Sequence"/> numbers a partner's leads in the order they were committed; CRM syncs,
/// webhooks and "only since my last download" read it as their cursor (see <see cref="LeadBook"/>).
/// </remarks>
public sealed class Lead
{
    public const int NotesMaxLength = 4000;
    public const int TagMaxLength = 40;
    public const int MaxTags = 20;

    /// <summary>Room for <see cref="MaxTags"/> tags of <see cref="TagMaxLength"/> with their separators.</summary>
    public const int TagsMaxLength = (TagMaxLength + 1) * MaxTags + 1;

    private Lead()
    {
    }

    internal Lead(Guid partnerId, Guid personId, long sequence, LeadSources source, DateTimeOffset capturedAt)
    {
        PartnerId = partnerId;
        PersonId = personId;
        Sequence = sequence;
        Sources = source;
        CreatedAt = capturedAt;
        FirstCapturedAt = capturedAt;
        LastCapturedAt = capturedAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; private set; }

    public Guid PersonId { get; private set; }

    /// <summary>1, 2, 3… per partner, in commit order: the cursor of <c>GET /api/v1/leads?after=</c>.</summary>
    public long Sequence { get; private set; }

    /// <summary>Every category the person appears in for this partner.</summary>
    public LeadSources Sources { get; private set; }

    /// <summary>When the lead was first recorded, in any category.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    public int ScanCount { get; private set; }

    /// <summary>Earliest scan time (the device's clock); <see cref="CreatedAt"/> until a scan.</summary>
    public DateTimeOffset FirstCapturedAt { get; private set; }

    /// <summary>Latest scan time (the device's clock); <see cref="CreatedAt"/> until a scan.</summary>
    public DateTimeOffset LastCapturedAt { get; private set; }

    /// <summary>E-mail of the team member who scanned last.</summary>
    public string? LastScannedBy { get; private set; }

    /// <summary>Why the partner may see this person's contact details; <see cref="LeadConsent.None"/> when they may not.</summary>
    public LeadConsent Consent { get; private set; }

    /// <summary>When the current consent was given (or when it was withdrawn, while <see cref="Consent"/> is None).</summary>
    public DateTimeOffset? ConsentAt { get; private set; }

    public DateTimeOffset? ConsentWithdrawnAt { get; private set; }

    public LeadRating Rating { get; private set; }

    public LeadFollowUp FollowUp { get; private set; }

    public string? Notes { get; private set; }

    /// <summary>Tags as <c>|tag one|tag two|</c> so that a tag filter is one indexed-free LIKE; read <see cref="TagList"/>.</summary>
    public string? Tags { get; private set; }

    /// <summary>The team member in charge of the follow-up.</summary>
    public Guid? OwnerPersonId { get; private set; }

    /// <summary>Answers to the partner's <see cref="LeadQuestion"/>s, as JSON <c>{ "questionId": "answer" }</c>.</summary>
    public string? Answers { get; private set; }

    public DateTimeOffset? QualifiedAt { get; private set; }

    /// <summary>E-mail or name of who last qualified the lead.</summary>
    public string? QualifiedBy { get; private set; }

    /// <summary>Optimistic concurrency for qualification edits from the list and the scanner at once.</summary>
    public int Version { get; private set; }

    public Partners.Person? Person { get; private set; }

    public IReadOnlyList<string> TagList => LeadTags.Parse(Tags);

    /// <summary>Records that the person appeared in one more category (idempotent).</summary>
    internal void AddSource(LeadSources source) => Sources |= source;

    /// <summary>Counts a scan of this person and points the scan at this lead.</summary>
    internal void Take(Scan scan)
    {
        CountScan(scan.ScannedAt, scan.ScannedBy);
        scan.MatchTo(this);
    }

    private void CountScan(DateTimeOffset scannedAt, string scannedBy)
    {
        if (ScanCount == 0)
        {
            FirstCapturedAt = scannedAt;
            LastCapturedAt = scannedAt;
        }

        ScanCount++;
        Sources |= LeadSources.Scan;
        if (scannedAt < FirstCapturedAt)
        {
            FirstCapturedAt = scannedAt;
        }

        if (scannedAt >= LastCapturedAt || LastScannedBy is null)
        {
            LastCapturedAt = scannedAt;
            LastScannedBy = scannedBy;
        }

        // Handing one's badge over is consent (S-2.12), and renews it after a withdrawal.
        if (Consent == LeadConsent.None && (ConsentWithdrawnAt is null || scannedAt > ConsentWithdrawnAt))
        {
            GiveConsent(LeadConsent.ScannedBadge, scannedAt);
        }
    }

    internal void GiveConsent(LeadConsent consent, DateTimeOffset at)
    {
        Consent = consent;
        ConsentAt = at;
    }

    /// <summary>The attendee stopped sharing: details are hidden and left out of later exports.</summary>
    internal void WithdrawConsent(DateTimeOffset at)
    {
        Consent = LeadConsent.None;
        ConsentAt = null;
        ConsentWithdrawnAt = at;
    }

    internal void Qualify(LeadQualification q, string? by, DateTimeOffset at)
    {
        Rating = q.Rating;
        FollowUp = q.FollowUp;
        Notes = q.Notes;
        Tags = LeadTags.Format(q.Tags);
        OwnerPersonId = q.OwnerPersonId;
        Answers = LeadAnswers.Serialize(q.Answers);
        QualifiedAt = at;
        QualifiedBy = by;
        Version++;
    }

    /// <summary>Forgets the answer to a deleted question; true when there was one.</summary>
    internal bool DropAnswer(Guid questionId)
    {
        var answers = new Dictionary<Guid, string>(LeadAnswers.Parse(Answers));
        if (!answers.Remove(questionId))
        {
            return false;
        }

        Answers = LeadAnswers.Serialize(answers);
        Version++;
        return true;
    }
}
