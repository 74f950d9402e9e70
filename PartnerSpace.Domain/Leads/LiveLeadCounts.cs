using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Leads;

/// <summary>
/// The counts a live Leads screen shows (S-2.12, S-5), read as cheaply as what changed allows: after
/// scans only (<see cref="ScansRecorded"/>) the four counts a scan moves; after anything else, or
/// when unsure, all eight. At 200 scans a second on 100,000 leads, the joins behind the sharing,
/// sessions, networking and meetings counts are not run again for every coalesced reload.
/// With <see cref="SharedLiveReads"/>, the screens of the partner that reload for the same event
/// share each read.
public sealed class LiveLeadCounts(LeadCategoryService categories, Guid partnerId, SharedLiveReads? shared = null)
{
    // 1 when an event other than a scan arrived since the counts were read; unknown at first.
    private int _otherChanges = 1;

    /// <summary>Notes an event of the partner's topic; call it before the reload the event starts.</summary>
    public void Note(LiveEvent liveEvent)
    {
        if (liveEvent is not ScansRecorded)
        {
            Interlocked.Exchange(ref _otherChanges, 1);
        }
    }

    /// <summary>All eight counts, for a first load: what happens until the screen listens stays unknown.</summary>
    public Task<LeadCategoryCounts> ReadAllAsync(CancellationToken ct = default) => categories.GetCountsAsync(partnerId, ct);

    /// <summary>The counts after the events noted since the last read, given the counts shown.</summary>
    public async Task<LeadCategoryCounts> ReadAsync(LeadCategoryCounts? shown, CancellationToken ct = default)
    {
        var others = Interlocked.Exchange(ref _otherChanges, 0) == 1;
        try
        {
            if (others || shown is null)
            {
                return await ReadAsync("all", c => categories.GetCountsAsync(partnerId, c), ct);
            }

            // Shared, the scan counts are read onto zeros and laid onto what this screen shows.
            return shown.WithScanCountsOf(await ReadAsync("scans", c => categories.GetScanCountsAsync(partnerId, LeadCategoryCounts.Zero, c), ct));
        }
        catch
        {
            // Not read: the next reload must read everything again.
            Interlocked.Exchange(ref _otherChanges, 1);
            throw;
        }
    }

    private Task<LeadCategoryCounts> ReadAsync(string what, Func<CancellationToken, Task<LeadCategoryCounts>> read, CancellationToken ct) =>
        shared is null ? read(ct) : shared.ReadAsync(Topics.Partner(partnerId), (nameof(LiveLeadCounts), what), read, ct);
}
