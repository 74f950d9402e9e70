using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Meetings.Contacts;

/// <summary>
/// The Contact list (S-2.8), for the partner tab and a sales contact's attendee space (S-3.3):
/// what it shows follows <see cref="MeetingAccess"/>, and the domain checks each action again.
/// Paging, sorting, search and filters happen in the database; messages and meetings changed by
/// others reload it live (S-5), keeping the filters.
/// </summary>
public sealed partial class ContactList : IDisposable
{
    private MeetingAccess? _access;
    private Viewer? _viewer;
    private MudTable<ContactRow>? _table;
    private IReadOnlyList<PartnerMessageView>? _messages;
    private string? _search;
    private string? _company;
    private bool _sharedOnly;
    private bool _inMeetingOnly;
    private bool _interactive;
    private LiveRefresher? _refresher;

    [Parameter, EditorRequired] public required Guid PartnerId { get; set; }

    /// <summary>The event's time zone, for the times shown.</summary>
    [Parameter] public string TimeZoneId { get; set; } = "UTC";

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private MeetingAccessService AccessService { get; set; } = default!;

    [Inject] private ContactListService Contacts { get; set; } = default!;

    [Inject] private PartnerMessageService Messages { get; set; } = default!;

    [Inject] private ILiveEvents Live { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    private bool Filtered => _search is not null || _company is not null || _sharedOnly || _inMeetingOnly;

    protected override async Task OnParametersSetAsync()
    {
        _viewer = (await AuthState).User.ToViewer();
        _access = _viewer is null ? MeetingAccess.None : await AccessService.GetAsync(_viewer, PartnerId);
        if (_access.MayContactAttendees)
        {
            await LoadMessagesAsync();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            var changes = new FilteredLiveEvents(Live, e => e is ContactsChanged or MeetingChanged);
            _refresher = new LiveRefresher(changes, Topics.Partner(PartnerId), () => InvokeAsync(ReloadAsync), DispatchExceptionAsync);
            _interactive = RendererInfo.IsInteractive;
            StateHasChanged();
        }
    }

    private async Task ReloadAsync()
    {
        if (_access?.MayContactAttendees != true)
        {
            return;
        }

        await LoadMessagesAsync();
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }

        StateHasChanged();
    }

    private async Task LoadMessagesAsync() => _messages = _viewer is null ? [] : (await Messages.ListForPartnerAsync(_viewer, PartnerId)).Value ?? [];

    private async Task<TableData<ContactRow>> LoadPageAsync(TableState state, CancellationToken ct)
    {
        var sort = (state.SortLabel, state.SortDirection) switch
        {
            ("company", SortDirection.Descending) => ContactSort.CompanyDesc,
            ("company", _) => ContactSort.CompanyAsc,
            ("name", SortDirection.Descending) => ContactSort.NameDesc,
            _ => ContactSort.NameAsc,
        };
        var query = new ContactQuery(state.Page, state.PageSize, _search, _company, _sharedOnly, _inMeetingOnly, sort);
        var page = _viewer is null ? null : (await Contacts.SearchAsync(_viewer, PartnerId, query, ct)).Value;
        return new TableData<ContactRow> { Items = page?.Items ?? [], TotalItems = page?.Total ?? 0 };
    }

    private Task SearchAsync(string? value) => FilterAsync(() => _search = Domain.Common.Text.Clean(value));

    private Task CompanyAsync(string? value) => FilterAsync(() => _company = Domain.Common.Text.Clean(value));

    private Task SharedOnlyAsync(bool value) => FilterAsync(() => _sharedOnly = value);

    private Task InMeetingOnlyAsync(bool value) => FilterAsync(() => _inMeetingOnly = value);

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

    private async Task ProposeAsync(ContactRow row)
    {
        var parameters = new DialogParameters<ProposeMeetingDialog>
        {
            { d => d.PartnerId, PartnerId },
            { d => d.Viewer, _viewer! },
            { d => d.AttendeePersonId, row.PersonId },
            { d => d.TimeZoneId, TimeZoneId },
        };
        var title = string.Format(CultureInfo.CurrentCulture, L["Contacts.Propose.Title"], row.FullName);
        var dialog = await Dialogs.ShowAsync<ProposeMeetingDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(string.Format(CultureInfo.CurrentCulture, L["Contacts.Propose.Sent"], row.FullName), Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task MessageAsync(ContactRow row)
    {
        var parameters = new DialogParameters<SendMessageDialog>
        {
            { d => d.PartnerId, PartnerId },
            { d => d.Viewer, _viewer! },
            { d => d.AttendeePersonId, row.PersonId },
        };
        var title = string.Format(CultureInfo.CurrentCulture, L["Contacts.Message.Title"], row.FullName);
        var dialog = await Dialogs.ShowAsync<SendMessageDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(string.Format(CultureInfo.CurrentCulture, L["Contacts.Message.Sent"], row.FullName), Severity.Success);
            await ReloadAsync();
        }
    }

    private string AnswerText(MessageAnswer answer) => answer switch
    {
        MessageAnswer.Accepted => L["Contacts.Answer.Accepted"],
        MessageAnswer.Declined => L["Contacts.Answer.Declined"],
        _ => L["Contacts.Answer.None"],
    };

    private static Color AnswerColor(MessageAnswer answer) => answer switch
    {
        MessageAnswer.Accepted => Color.Success,
        MessageAnswer.Declined => Color.Error,
        _ => Color.Default,
    };

    public void Dispose() => _refresher?.Dispose();
}
