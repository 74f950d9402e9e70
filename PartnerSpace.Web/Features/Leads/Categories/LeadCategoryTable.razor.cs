using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Web.Features.Leads.Qualification;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Leads.Categories;

/// <summary>
/// One sub-tab of the Leads screen (S-2.12): the filters row and a server-paged table. A live
/// reload keeps the page, sort, filters and search, and highlights the leads that were not on
/// screen before (S-5).
/// </summary>
public sealed partial class LeadCategoryTable<TRow>
{
    private static readonly LeadRating[] Ratings = [LeadRating.Hot, LeadRating.Warm, LeadRating.Cold];

    private MudTable<TRow>? _table;
    private string? _search;
    private LeadRating? _rating;
    private LeadFollowUp? _followUp;
    private string? _tag;
    private Guid? _owner;
    private string? _by;
    private bool _newOnly;
    private string? _from;
    private string? _to;
    private string? _periodError;
    private MeetingStatus? _status;
    private bool _error;
    private bool _liveReload;
    private HashSet<Guid>? _shown;
    private HashSet<Guid> _highlighted = [];

    [Parameter, EditorRequired] public required Guid PartnerId { get; set; }

    [Parameter, EditorRequired] public required LeadCategory Category { get; set; }

    /// <summary>Loads one page of the category on the server.</summary>
    [Parameter, EditorRequired] public required Func<LeadListQuery, CancellationToken, Task<PagedList<TRow>>> Load { get; set; }

    [Parameter, EditorRequired] public required Func<TRow, LeadSummary> LeadOf { get; set; }

    [Parameter, EditorRequired] public required string TimeZoneId { get; set; }

    /// <summary>The category's own column headers, between the e-mail and the qualification.</summary>
    [Parameter] public RenderFragment? Columns { get; set; }

    /// <summary>The category's own cells, in the order of <see cref="Columns"/>.</summary>
    [Parameter] public RenderFragment<TRow> Cells { get; set; } = _ => _ => { };

    /// <summary>The partner's team: the owner filter, and "by" where the category has a team member.</summary>
    [Parameter] public IReadOnlyList<LeadOwnerChoice> Team { get; set; } = [];

    /// <summary>Whether the category filters on the team member who scanned or met the lead.</summary>
    [Parameter] public bool ByTeamMember { get; set; }

    /// <summary>The last lead number when the page opened: "only new" keeps the leads after it.</summary>
    [Parameter] public long SinceSequence { get; set; }

    [Inject] private TimeProvider Time { get; set; } = default!;

    private string Slug => Category.ToString().ToLowerInvariant();

    /// <summary>
    /// The filters other than the search, shown on demand: closed, the row is the search field and
    /// one button (which counts the filters in force), not some eighty components that every live
    /// reload of every open screen would render again (DESIGN §9).
    /// </summary>
    private bool _filtersOpen;

    private string FiltersId => $"lead-filters-{Slug}";

    private int ActiveFilters => new object?[] { _rating, _followUp, _tag, _owner, _by, _newOnly ? true : null, _from, _to, _status }.Count(f => f is not null);

    private void ToggleFilters() => _filtersOpen = !_filtersOpen;

    private bool Filtered => _search is not null || ActiveFilters > 0;

    /// <summary>Reloads the current page; <paramref name="live"/> highlights the leads that were not shown.</summary>
    public Task ReloadAsync(bool live = false)
    {
        _liveReload = live;
        return _table?.ReloadServerData() ?? Task.CompletedTask;
    }

    private async Task<TableData<TRow>> LoadPageAsync(TableState state, CancellationToken ct)
    {
        var query = new LeadListQuery(
            state.Page,
            state.PageSize,
            _search,
            state.SortDirection == SortDirection.None ? null : state.SortLabel,
            state.SortDirection != SortDirection.Ascending,
            _rating,
            _followUp,
            _tag,
            _owner,
            _by,
            From: Day(_from) is { } from ? EventTime.FromEventZone(from.ToDateTime(TimeOnly.MinValue), TimeZoneId) : null,
            To: Day(_to) is { } to ? EventTime.FromEventZone(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeZoneId) : null,
            AfterSequence: _newOnly ? SinceSequence : null,
            Status: Category == LeadCategory.Meetings ? _status : null);
        try
        {
            var page = await Load(query, ct);
            _error = false;

            // A row is new when it appears on a live reload and was not on screen before.
            var ids = page.Items.Select(r => LeadOf(r).LeadId).ToHashSet();
            _highlighted = _liveReload && _shown is not null ? [.. ids.Where(id => !_shown.Contains(id))] : [];
            _shown = ids;
            _liveReload = false;
            return new TableData<TRow> { Items = page.Items, TotalItems = page.Total };
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            _error = true;
            _liveReload = false;
            return new TableData<TRow> { Items = [], TotalItems = 0 };
        }
    }

    private string RowClass(TRow row, int index) => _highlighted.Contains(LeadOf(row).LeadId) ? "ps-row-new" : "";

    private Task SearchAsync(string? value) => FilterAsync(() => _search = Text.Clean(value));

    private Task RatingAsync(LeadRating? value) => FilterAsync(() => _rating = value);

    private Task FollowUpAsync(LeadFollowUp? value) => FilterAsync(() => _followUp = value);

    private Task TagAsync(string? value) => FilterAsync(() => _tag = Text.Clean(value));

    private Task OwnerAsync(Guid? value) => FilterAsync(() => _owner = value);

    private Task ByAsync(string? value) => FilterAsync(() => _by = value);

    private Task NewOnlyAsync(bool value) => FilterAsync(() => _newOnly = value);

    private Task StatusAsync(MeetingStatus? value) => FilterAsync(() => _status = value);

    private Task FromAsync(string? value) => FilterAsync(() => CheckPeriod(_from = Text.Clean(value), _to));

    private Task ToAsync(string? value) => FilterAsync(() => CheckPeriod(_from, _to = Text.Clean(value)));

    /// <summary>A period's days are the event's days: "to" includes its whole day.</summary>
    private void CheckPeriod(string? from, string? to) =>
        _periodError = Day(from) is { } start && Day(to) is { } end && end < start ? L["Leads.List.Period.Invalid"].Value : null;

    /// <summary>The day of a date field ("2026-11-23"), or none when empty or incomplete.</summary>
    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private async Task FilterAsync(Action change)
    {
        change();
        if (_table is not null)
        {
            // A new filter starts again from its first page.
            _table.NavigateTo(Page.First);
            await _table.ReloadServerData();
        }
    }

    private async Task QualifyAsync(LeadSummary lead)
    {
        var parameters = new DialogParameters<LeadQualificationDialog>
        {
            { x => x.PartnerId, PartnerId },
            { x => x.LeadId, lead.LeadId },
        };
        var dialog = await Dialogs.ShowAsync<LeadQualificationDialog>(string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Leads.List.Qualify.Of"], lead.FullName), parameters);
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            await ReloadAsync();
        }
    }

    private static Color RatingColor(LeadRating rating) => rating switch
    {
        LeadRating.Hot => Color.Error,
        LeadRating.Warm => Color.Warning,
        _ => Color.Info,
    };
}
