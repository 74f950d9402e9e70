namespace PartnerSpace.Domain.Leads;

/// <summary>
/// A download of a partner's leads by one user, so that "only leads since my last download"
/// knows where that user stopped: leads whose <see cref="Lead.Sequence"/> is above
/// <see cref="UpToSequence"/>.
/// </summary>
public sealed class LeadDownload
{
    private LeadDownload()
    {
    }

    public LeadDownload(Guid partnerId, string downloadedBy, long upToSequence, string format, bool onlyNew, DateTimeOffset at)
    {
        PartnerId = partnerId;
        DownloadedBy = downloadedBy;
        UpToSequence = upToSequence;
        Format = format;
        OnlyNew = onlyNew;
        At = at;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; private set; }

    /// <summary>Who downloaded: the person's e-mail, or the device key's id for an API download.</summary>
    public string DownloadedBy { get; private set; } = "";

    /// <summary>The highest lead sequence the file held.</summary>
    public long UpToSequence { get; private set; }

    /// <summary><c>xlsx</c>, or <c>csv:&lt;category&gt;</c>.</summary>
    public string Format { get; private set; } = "";

    public bool OnlyNew { get; private set; }

    public DateTimeOffset At { get; private set; }
}

/// <summary>The last lead sequence given out for a partner; see <see cref="LeadBook"/>.</summary>
public sealed class PartnerLeadSequence
{
    private PartnerLeadSequence()
    {
    }

    internal PartnerLeadSequence(Guid partnerId, long last)
    {
        PartnerId = partnerId;
        Last = last;
    }

    public Guid PartnerId { get; private set; }

    public long Last { get; private set; }
}
