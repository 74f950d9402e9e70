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

namespace PartnerSpace.Web.Features.Meetings.List;

/// <summary>
/// The Meetings tab (S-2.9), for the partner tab and a sales contact's attendee space (S-3.3):
/// what it shows follows <see cref="MeetingAccess"/>, the domain checks each action again. A
/// change by anyone (an attendee's request, a colleague's answer) reloads it live keeping the
/// filters (S-5); an action on a stale meeting reloads the list and says so.
/// </summary>
public sealed partial class MeetingList : IDisposable
{
    private readonly HashSet<Guid> _open = [];
    private MeetingAccess? _access;
    private Viewer? _viewer;
    private IReadOnlyList<MeetingSummary>? _meetings;
    private MeetingStatus? _status;
    private MeetingDirection? _direction;
    private bool _upcomingOnly = true;
    private bool _loadError;
    private bool _busy;
    private bool _interactive;
    private int _change;
    private LiveRefresher? _refresher;

    [Parameter, EditorRequired] public required Guid PartnerId { get; set; }

    /// <summary>The event's time zone: meetings are shown in it.</summary>
    [Parameter] public string TimeZoneId { get; set; } = "UTC";

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private MeetingAccessService AccessService { get; set; } = default!;

    [Inject] private MeetingService Meetings { get; set; } = default!;

    [Inject] private ILiveEvents Live { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    private bool Filtered => _status is not null || _direction is not null;

    protected override async Task OnParametersSetAsync()
    {
        _viewer = (await AuthState).User.ToViewer();
        _access = _viewer is null ? MeetingAccess.None : await AccessService.GetAsync(_viewer, PartnerId);
        if (_access.Any)
        {
            await LoadAsync();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            // Meetings only: the partner's topic also carries every scan.
            var changes = new FilteredLiveEvents(Live, e => e is MeetingChanged);
            _refresher = new LiveRefresher(changes, Topics.Partner(PartnerId), () => InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            }), DispatchExceptionAsync);
            _interactive = RendererInfo.IsInteractive;
            StateHasChanged();
        }
    }

    private async Task LoadAsync()
    {
        if (_viewer is null)
        {
            return;
        }

        var filter = new MeetingFilter(_status, _direction, _upcomingOnly ? Time.GetUtcNow() : null);
        var result = await Meetings.ListForPartnerAsync(_viewer, PartnerId, filter);
        _loadError = !result.IsSuccess;
        _meetings = result.Value;
        _change++;
    }

    private Task StatusAsync(MeetingStatus? status) => FilterAsync(() => _status = status);

    private Task DirectionAsync(MeetingDirection? direction) => FilterAsync(() => _direction = direction);

    private Task UpcomingAsync(bool upcoming) => FilterAsync(() => _upcomingOnly = upcoming);

    private async Task FilterAsync(Action change)
    {
        change();
        await LoadAsync();
    }

    private static bool IsLive(MeetingSummary meeting) => meeting.Status is MeetingStatus.Pending or MeetingStatus.Accepted;

    /// <summary>Only what the other side asked is answered here: an attendee's pending request.</summary>
    private static bool MayAnswer(MeetingSummary meeting) => meeting.Status == MeetingStatus.Pending && meeting.Origin == MeetingOrigin.AttendeeRequest;

    private string When(MeetingSummary meeting) =>
        $"{EventTime.FormatFull(meeting.StartsAt, TimeZoneId)}–{EventTime.ToEventZone(meeting.EndsAt, TimeZoneId):HH:mm}";

    private void ToggleThread(Guid meetingId)
    {
        if (!_open.Remove(meetingId))
        {
            _open.Add(meetingId);
        }
    }

    private Task AcceptAsync(MeetingSummary meeting) =>
        ActAsync(() => Meetings.AcceptAsync(_viewer!, meeting.Id, meeting.Version), L["Meetings.Accepted"]);

    private Task DeclineAsync(MeetingSummary meeting) =>
        ActAsync(() => Meetings.DeclineAsync(_viewer!, meeting.Id, meeting.Version), L["Meetings.Declined"]);

    private async Task CancelAsync(MeetingSummary meeting)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Meetings.Cancel.Title"],
            string.Format(CultureInfo.CurrentCulture, L["Meetings.Cancel.Confirm"], meeting.AttendeeName, When(meeting)),
            yesText: L["Meetings.Cancel.Yes"],
            cancelText: L["Meetings.Cancel.No"]);
        if (confirmed == true)
        {
            await ActAsync(() => Meetings.CancelAsync(_viewer!, meeting.Id, meeting.Version), L["Meetings.Cancelled"]);
        }
    }

    private async Task RescheduleAsync(MeetingSummary meeting)
    {
        Func<Guid, Task<Error?>> move = async slotId => (await Meetings.RescheduleAsync(_viewer!, meeting.Id, slotId, meeting.Version)).Error;
        var parameters = new DialogParameters<RescheduleDialog>
        {
            { d => d.PartnerId, PartnerId },
            { d => d.Viewer, _viewer! },
            { d => d.TimeZoneId, TimeZoneId },
            { d => d.Move, move },
        };
        var title = string.Format(CultureInfo.CurrentCulture, L["Meetings.Reschedule.Title"], meeting.AttendeeName);
        var dialog = await Dialogs.ShowAsync<RescheduleDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false } result)
        {
            await DoneAsync(result.Data as Error, L["Meetings.Rescheduled"]);
        }
    }

    private async Task ReassignAsync(MeetingSummary meeting)
    {
        var parameters = new DialogParameters<ReassignDialog>
        {
            { d => d.PartnerId, PartnerId },
            { d => d.Viewer, _viewer! },
            { d => d.CurrentHost, meeting.HostPersonId },
        };
        var title = string.Format(CultureInfo.CurrentCulture, L["Meetings.Reassign.Title"], meeting.AttendeeName);
        var dialog = await Dialogs.ShowAsync<ReassignDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: Guid host })
        {
            await ActAsync(() => Meetings.ReassignAsync(_viewer!, meeting.Id, host, meeting.Version), L["Meetings.Reassigned"]);
        }
    }

    private async Task ActAsync(Func<Task<Result<bool>>> action, string done)
    {
        _busy = true;
        try
        {
            await DoneAsync((await action()).Error, done);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Says what happened and shows the list as it is now (a stale meeting included).</summary>
    private async Task DoneAsync(Error? error, string done)
    {
        if (error is null)
        {
            Snackbar.Add(done, Severity.Success);
        }
        else
        {
            Snackbar.Add(MeetingErrors.Text(L, error), Severity.Warning);
        }

        await LoadAsync();
    }

    public void Dispose() => _refresher?.Dispose();
}
