using Microsoft.AspNetCore.Components;
using MudBlazor;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Leads;

/// <summary>The Leads tab (S-2.12): counters and the scans list, live (S-5).</summary>
public sealed partial class LeadsPage : IDisposable
{
    private LeadCounters? _counters;
    private LeadTable? _table;
    private string? _search;
    private HashSet<Guid> _highlighted = [];
    private HashSet<Guid>? _shown;
    private bool _liveReload;
    private LiveRefresher? _refresher;
    private long _shownSequence;

    [Parameter] public Guid PartnerId { get; set; }

    [Inject] private LeadService Leads { get; set; } = default!;

    [Inject] private ILiveEvents Live { get; set; } = default!;

    [Inject] private CircuitEvents Circuit { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _shownSequence = Live.Sequence(Topics.Partner(PartnerId));
        _counters = await Leads.GetCountersAsync(PartnerId);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _refresher = new LiveRefresher(Live, Topics.Partner(PartnerId), () => InvokeAsync(ReloadLiveAsync), DispatchExceptionAsync, Circuit, shownSequence: _shownSequence);
        }
    }

    private async Task ReloadLiveAsync()
    {
        _counters = await Leads.GetCountersAsync(PartnerId);
        _liveReload = true;
        if (_table is not null)
        {
            await _table.ReloadAsync();
        }

        StateHasChanged();
    }

    private async Task<TableData<ScanLeadRow>> LoadPageAsync(TableState state, CancellationToken ct)
    {
        var sort = LeadTable.SortOf(state.SortLabel, state.SortDirection);
        var page = await Leads.GetScanLeadsAsync(PartnerId, new LeadQuery(state.Page, state.PageSize, _search, sort), ct);

        // A row is new when it appears on a live reload and was not on screen before.
        var ids = page.Items.Select(r => r.LeadId).ToHashSet();
        _highlighted = _liveReload && _shown is not null ? [.. ids.Where(id => !_shown.Contains(id))] : [];
        _shown = ids;
        _liveReload = false;
        return new TableData<ScanLeadRow> { Items = page.Items, TotalItems = page.Total };
    }

    private async Task SearchAsync(string? search)
    {
        _search = search;
        if (_table is not null)
        {
            await _table.ReloadAsync();
        }
    }

    public void Dispose() => _refresher?.Dispose();
}
