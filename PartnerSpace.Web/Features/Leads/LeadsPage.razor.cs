using Microsoft.AspNetCore.Components;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Web.Features.Leads.Categories;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Leads;

/// <summary>
/// The Leads tab (S-2.12): counters and five categories, each a server-paged list. Live (S-5): any
/// change on the partner's topic reloads the counters and the open list (coalesced by
/// <see cref="LiveRefresher"/>), keeping the tab, page, sort, filters and search; new rows are
/// highlighted, and so are the counts that grew.
/// </summary>
public sealed partial class LeadsPage : IDisposable
{
    private LeadCategoryCounts? _counts;
    private IReadOnlyList<LeadOwnerChoice> _team = [];
    private HashSet<LeadCategory> _grown = [];
    private long _since;
    private bool _loadFailed;
    private LiveRefresher? _refresher;
    private long _shownSequence;
    private LeadCategoryTabs? _tabs;
    private LiveLeadCounts? _liveCounts;
    private string _announcement = "";

    [Parameter] public Guid PartnerId { get; set; }

    [Inject] private LeadCategoryService Categories { get; set; } = default!;

    [Inject] private LeadQualificationService Qualification { get; set; } = default!;

    [Inject] private ILiveEvents Live { get; set; } = default!;

    [Inject] private SharedLiveReads SharedReads { get; set; } = default!;

    [Inject] private CircuitEvents Circuit { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _shownSequence = Live.Sequence(Topics.Partner(PartnerId));
        try
        {
            _liveCounts = new LiveLeadCounts(Categories, PartnerId, SharedReads);
            _counts = await _liveCounts.ReadAllAsync();
            _since = await Categories.GetLastSequenceAsync(PartnerId);
            _team = await Qualification.GetOwnersAsync(PartnerId);
            _loadFailed = false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _loadFailed = true;
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            // Every event reloads; the counts note what it was before the refresher sees it.
            var noted = new FilteredLiveEvents(Live, e =>
            {
                _liveCounts?.Note(e);
                return true;
            });
            _refresher = new LiveRefresher(noted, Topics.Partner(PartnerId), () => InvokeAsync(ReloadLiveAsync), DispatchExceptionAsync, Circuit, shownSequence: _shownSequence);
        }
    }

    private async Task ReloadLiveAsync()
    {
        var before = _counts;

        // The counts and the open list are read side by side: a reload costs the longer of the two.
        // (The first load made _liveCounts before the refresher that calls this existed.)
        var counts = _liveCounts!.ReadAsync(before);
        var list = _tabs?.ReloadActiveAsync() ?? Task.CompletedTask;
        await Task.WhenAll(counts, list);
        _counts = await counts;
        _grown = before is null ? [] : [.. Enum.GetValues<LeadCategory>().Where(c => _counts.Of(c) > before.Of(c))];
        _announcement = NewLeadsAnnouncement(before, _counts) ?? _announcement;
        StateHasChanged();
    }

    /// <summary>What a screen reader says, politely, when leads arrived (issue 10): null when none did.</summary>
    private string? NewLeadsAnnouncement(LeadCategoryCounts? before, LeadCategoryCounts after)
    {
        var arrived = after.Leads - (before?.Leads ?? after.Leads);
        return arrived switch
        {
            <= 0 => null,
            1 => L["Leads.Live.OneNew"],
            _ => string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Leads.Live.New"], arrived),
        };
    }

    public void Dispose() => _refresher?.Dispose();
}
