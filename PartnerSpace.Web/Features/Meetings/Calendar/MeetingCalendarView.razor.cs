using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Meetings.Calendar;

/// <summary>The calendar shows a week (days as columns) or a day (spaces as columns).</summary>
public enum CalendarMode
{
    Week,
    Day,
}

/// <summary>
/// S-2.10, S-1.8, S-3.3: a partner's meeting calendar. What the viewer may do comes from
/// <see cref="MeetingAccess"/> (a sales contact only touches their own slots and the space kinds
/// allowed); the domain refuses the rest anyway. A change of the calendar or of a meeting of the
/// partner reloads it live (S-5), on the week or day shown.
/// </summary>
public sealed partial class MeetingCalendarView : IDisposable
{
    private const string NoSpaceKey = "no-space";
    private readonly HashSet<Guid> _selected = [];
    private Viewer? _viewer;
    private CalendarSetup? _setup;
    private IReadOnlyList<MeetingSpaceRow>? _spaces;
    private IReadOnlyList<SlotRow> _slots = [];
    private IReadOnlyList<MeetingSummary> _meetings = [];
    private List<CalendarEntry> _entries = [];
    private Dictionary<Guid, string> _staffNames = [];
    private CalendarGridModel _grid = CalendarGridModel.Build([], []);
    private CalendarMode _mode = CalendarMode.Week;
    private DateOnly _anchor;
    private Guid? _spaceFilter;
    private Guid? _staffFilter;
    private bool _loadError;
    private bool _slotsError;
    private bool _forbidden;
    private bool _busy;
    private bool _ready;
    private LiveRefresher? _refresher;

    [Parameter, EditorRequired] public required Guid PartnerId { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private CalendarSetupService Setup { get; set; } = default!;

    [Inject] private MeetingSpaceService SpaceService { get; set; } = default!;

    [Inject] private SlotService Slots { get; set; } = default!;

    [Inject] private MeetingService Meetings { get; set; } = default!;

    [Inject] private ILiveEvents Live { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private DateOnly RangeStart => _mode == CalendarMode.Week ? _anchor.AddDays(-(((int)_anchor.DayOfWeek + 6) % 7)) : _anchor;

    private DateOnly RangeEnd => _mode == CalendarMode.Week ? RangeStart.AddDays(6) : _anchor;

    private string RangeText => _mode == CalendarMode.Week
        ? string.Format(CultureInfo.CurrentCulture, L["Calendar.WeekOf"], RangeStart.ToString("d MMM", CultureInfo.CurrentCulture), RangeEnd.ToString("d MMM yyyy", CultureInfo.CurrentCulture))
        : _anchor.ToString("dddd d MMMM yyyy", CultureInfo.CurrentCulture);

    private string TimeZoneId => _setup?.TimeZoneId ?? "UTC";

    protected override async Task OnParametersSetAsync()
    {
        if (_setup is null && !_forbidden && !_loadError)
        {
            _viewer = (await AuthState).User.ToViewer();
            await LoadAsync(firstTime: true);
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            // S-5: a colleague's slots or spaces, or a meeting booked or answered, show without a reload.
            var changes = new FilteredLiveEvents(Live, e => e is MeetingCalendarChanged or MeetingChanged);
            _refresher = new LiveRefresher(changes, Topics.Partner(PartnerId), () => InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            }), DispatchExceptionAsync);
        }

        if (!_ready && (_setup is not null || _forbidden || _loadError) && RendererInfo.IsInteractive)
        {
            _ready = true;
            StateHasChanged();
        }
    }

    private async Task LoadAsync(bool firstTime)
    {
        if (_viewer is null)
        {
            _forbidden = true;
            return;
        }

        var setup = await Setup.GetAsync(_viewer, PartnerId);
        if (setup.Value is not { } found)
        {
            _forbidden = setup.Error!.Kind == ErrorKind.Forbidden;
            _loadError = !_forbidden;
            return;
        }

        // S-1.8: a sales contact who may not choose slots has no calendar to manage.
        if (!found.Access.MayChooseSlots && !found.Access.MayManageAnySpace)
        {
            _forbidden = true;
            return;
        }

        _setup = found;
        if (firstTime)
        {
            _anchor = StartDay(found);
        }

        var spaces = await SpaceService.ListAsync(_viewer, PartnerId);
        if (spaces.Value is not { } rows)
        {
            _loadError = true;
            return;
        }

        _spaces = rows;
        if (_spaceFilter is { } filtered && rows.All(s => s.Id != filtered))
        {
            _spaceFilter = null;
        }

        await LoadSlotsAsync();
    }

    /// <summary>The event's first day when it is still to come, today (in the event's zone) otherwise.</summary>
    private DateOnly StartDay(CalendarSetup setup)
    {
        var now = Time.GetUtcNow();
        var first = DateOnly.FromDateTime(EventTime.ToEventZone(setup.EventStartsAt, setup.TimeZoneId).DateTime);
        var today = DateOnly.FromDateTime(EventTime.ToEventZone(now, setup.TimeZoneId).DateTime);
        return setup.EventStartsAt > now && first > today ? first : today;
    }

    private Task ReloadAsync() => LoadAsync(firstTime: false);

    private async Task LoadSlotsAsync()
    {
        _slotsError = false;
        if (!_setup!.Access.MayChooseSlots)
        {
            _slots = [];
            _meetings = [];
            Arrange();
            return;
        }

        var slots = await Slots.ListAsync(_viewer!, PartnerId, RangeStart, RangeEnd);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var z) ? z : TimeZoneInfo.Utc;
        var from = SlotService.ToUtc(RangeStart, TimeOnly.MinValue, zone);
        var meetings = await Meetings.ListForPartnerAsync(_viewer!, PartnerId, new MeetingFilter(From: from));
        if (slots.Value is null || meetings.Value is null)
        {
            _slotsError = true;
            return;
        }

        _slots = slots.Value;
        var to = SlotService.ToUtc(RangeEnd.AddDays(1), TimeOnly.MinValue, zone);
        _meetings = [.. meetings.Value.Where(m => m.StartsAt < to && m.Status is MeetingStatus.Pending or MeetingStatus.Accepted)];
        _selected.IntersectWith(_slots.Where(s => s.IsFree).Select(s => s.Id));
        Arrange();
    }

    /// <summary>Turns slots and meetings into grid entries, filtered, in the event's time zone.</summary>
    private void Arrange()
    {
        _staffNames = _setup!.Staff.ToDictionary(s => s.PersonId, s => s.Name);
        foreach (var slot in _slots.Where(s => s.StaffPersonId is not null && s.StaffName is not null))
        {
            _staffNames.TryAdd(slot.StaffPersonId!.Value, slot.StaffName!);
        }

        var meetingsById = _meetings.ToDictionary(m => m.Id);
        var entries = new List<CalendarEntry>();
        foreach (var slot in _slots)
        {
            var meeting = slot.MeetingId is { } id ? meetingsById.GetValueOrDefault(id) : null;
            var kind = slot.MeetingStatus switch
            {
                MeetingStatus.Accepted => CalendarEntryKind.Accepted,
                MeetingStatus.Pending => CalendarEntryKind.Pending,
                _ => CalendarEntryKind.Free,
            };
            entries.Add(new CalendarEntry(slot.Id, ColumnKey(slot.StartsAt, slot.SpaceId), Local(slot.StartsAt), Local(slot.EndsAt), kind, slot, meeting));
        }

        // A live meeting whose slot is gone still takes the time.
        var slotIds = _slots.Select(s => s.Id).ToHashSet();
        foreach (var meeting in _meetings.Where(m => m.SlotId is null || !slotIds.Contains(m.SlotId.Value)))
        {
            var kind = meeting.Status == MeetingStatus.Accepted ? CalendarEntryKind.Accepted : CalendarEntryKind.Pending;
            entries.Add(new CalendarEntry(meeting.Id, ColumnKey(meeting.StartsAt, null), Local(meeting.StartsAt), Local(meeting.EndsAt), kind, null, meeting));
        }

        _entries = [.. entries.Where(Matches)];
        _grid = CalendarGridModel.Build(Columns(), _entries);
    }

    private bool Matches(CalendarEntry entry) =>
        (_spaceFilter is null || entry.Slot?.SpaceId == _spaceFilter)
        && (_staffFilter is null || entry.Slot?.StaffPersonId == _staffFilter || entry.Meeting?.HostPersonId == _staffFilter);

    private List<CalendarColumn> Columns()
    {
        if (_mode == CalendarMode.Week)
        {
            return [.. Enumerable.Range(0, 7).Select(i => RangeStart.AddDays(i)).Select(d => new CalendarColumn(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.ToString("ddd d", CultureInfo.CurrentCulture)))];
        }

        var columns = _spaces!.Where(s => _spaceFilter is null || s.Id == _spaceFilter).Select(s => new CalendarColumn(s.Id.ToString(), s.Name)).ToList();
        if (_entries.Any(e => e.ColumnKey == NoSpaceKey) || columns.Count == 0)
        {
            columns.Add(new CalendarColumn(NoSpaceKey, L["Calendar.NoSpace"]));
        }

        return columns;
    }

    private string ColumnKey(DateTimeOffset startsAt, Guid? spaceId) =>
        _mode == CalendarMode.Week
            ? DateOnly.FromDateTime(Local(startsAt)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : spaceId is { } id && _spaces!.Any(s => s.Id == id) ? id.ToString() : NoSpaceKey;

    private DateTime Local(DateTimeOffset utc) => EventTime.ToEventZone(utc, TimeZoneId).DateTime;

    private bool MaySelect(SlotRow slot) =>
        _setup!.Access.Full || (_setup.Access.MayChooseSlots && slot.StaffPersonId == _viewer?.Id);

    private async Task MoveAsync(int by)
    {
        _anchor = _anchor.AddDays(_mode == CalendarMode.Week ? 7 * by : by);
        await LoadSlotsAsync();
    }

    private async Task TodayAsync()
    {
        _anchor = DateOnly.FromDateTime(EventTime.ToEventZone(Time.GetUtcNow(), TimeZoneId).DateTime);
        await LoadSlotsAsync();
    }

    private async Task SetModeAsync(CalendarMode mode)
    {
        _mode = mode;
        await LoadSlotsAsync();
    }

    private void SetSpaceFilter(Guid? spaceId)
    {
        _spaceFilter = spaceId;
        Arrange();
    }

    private void SetStaffFilter(Guid? personId)
    {
        _staffFilter = personId;
        Arrange();
    }

    private void ToggleSlot(SlotRow slot)
    {
        if (!slot.IsFree || !MaySelect(slot))
        {
            return;
        }

        if (!_selected.Remove(slot.Id))
        {
            _selected.Add(slot.Id);
        }
    }

    private void ClearSelection() => _selected.Clear();

    private async Task DeleteSelectedAsync()
    {
        var count = _selected.Count;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Calendar.DeleteSlots.Title"],
            string.Format(CultureInfo.CurrentCulture, L["Calendar.DeleteSlots.Confirm"], count),
            yesText: L["Calendar.DeleteSlots.Yes"],
            cancelText: L["Menu.Delete.No"]);
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Slots.DeleteAsync(_viewer!, PartnerId, [.. _selected]);
            if (result.Value is { } deleted)
            {
                _selected.Clear();
                Snackbar.Add(string.Format(CultureInfo.CurrentCulture, L["Calendar.DeleteSlots.Done"], deleted), Severity.Success);
            }
            else
            {
                Snackbar.Add(CalendarErrors.Message(L, result.Error!), Severity.Warning);
            }

            await LoadSlotsAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task GenerateAsync()
    {
        var parameters = new DialogParameters<SlotGeneratorDialog>
        {
            { d => d.PartnerId, PartnerId },
            { d => d.Viewer, _viewer! },
            { d => d.Setup, _setup! },
            { d => d.Spaces, _spaces! },
            { d => d.InitialDay, _anchor },
        };
        var dialog = await Dialogs.ShowAsync<SlotGeneratorDialog>(L["Calendar.Generate"], parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: SlotGenerated generated })
        {
            Snackbar.Add(string.Format(CultureInfo.CurrentCulture, L["Calendar.Generated"], generated.Count), Severity.Success);
            _anchor = generated.Day;
            await LoadSlotsAsync();
        }
    }

    private async Task OpenMeetingAsync(CalendarEntry entry)
    {
        var parameters = new DialogParameters<MeetingSummaryDialog>
        {
            { d => d.Entry, entry },
        };
        await Dialogs.ShowAsync<MeetingSummaryDialog>(L["Calendar.Meeting.Title"], parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseButton = true });
    }

    public void Dispose() => _refresher?.Dispose();
}

/// <summary>What the slot generator made: how many slots, on which day.</summary>
public sealed record SlotGenerated(int Count, DateOnly Day);
