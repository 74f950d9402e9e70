using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Features.Organizer;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Leads.Overview;

/// <summary>
/// The organizer's leads overview: per-partner lead counts, live during the event (S-5), and the
/// scan mailing that opens the partners' Leads tab (S-1.7).
/// </summary>
public sealed partial class LeadsOverviewPage : OrganizerEventPage
{
    private IReadOnlyList<PartnerLeadCount>? _counts;
    private ScanMailingStatus? _mailing;
    private Dictionary<Guid, int> _previous = [];
    private HashSet<Guid> _changed = [];
    private LiveRefresher? _leadsRefresher;
    private Actor? _actor;
    private bool _busy;

    [Inject] private LeadOverviewService Overview { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Inject] private CircuitEvents Circuit { get; set; } = default!;

    [Inject] private AuthenticationStateProvider Auth { get; set; } = default!;

    protected override async Task ReloadAsync()
    {
        var counts = await Overview.GetCountsAsync(OrganizerId, Event!.Id);
        var mailing = await Overview.GetMailingAsync(OrganizerId, Event.Id);
        if (!counts.IsSuccess || !mailing.IsSuccess)
        {
            _counts = null;
            return;
        }

        // Partners whose count moved since the last load are highlighted (S-5).
        var rows = counts.Value!;
        _changed = _counts is null ? [] : [.. rows.Where(r => _previous.TryGetValue(r.PartnerId, out var before) && before != r.Scans).Select(r => r.PartnerId)];
        _previous = rows.ToDictionary(r => r.PartnerId, r => r.Scans);
        _counts = rows;
        _mailing = mailing.Value;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        base.OnAfterRender(firstRender);
        if (_leadsRefresher is null && Event is not null)
        {
            _leadsRefresher = new LiveRefresher(Live, Topics.EventLeads(Event.Id), () => InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            }), DispatchExceptionAsync, Circuit);
        }
    }

    protected override void Dispose(bool disposing)
    {
        _leadsRefresher?.Dispose();
        base.Dispose(disposing);
    }

    private string RowClass(PartnerLeadCount row, int index) => _changed.Contains(row.PartnerId) ? "ps-row-new" : "";

    private async Task SendMailingAsync()
    {
        _busy = true;
        try
        {
            var result = await Overview.SendScanMailingAsync(OrganizerId, Event!.Id, new Uri(Navigation.BaseUri), await ActorAsync());
            if (result.IsSuccess)
            {
                Snackbar.Add(string.Format(System.Globalization.CultureInfo.CurrentCulture, L["LeadsOverview.Mailing.Sent"], result.Value), Severity.Success);
            }
            else
            {
                Snackbar.Add(MailingError(result.Error!.Code), Severity.Error);
            }

            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SetTabAsync(bool on)
    {
        _busy = true;
        try
        {
            var result = await Overview.SetLeadsTabAsync(OrganizerId, Event!.Id, on, await ActorAsync());
            if (!result.IsSuccess)
            {
                Snackbar.Add(MailingError(result.Error!.Code), Severity.Error);
            }

            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private string MailingError(string code) => code switch
    {
        "scan-mailing-sent" => L["LeadsOverview.Error.Sent"],
        "scan-mailing-too-early" => L["LeadsOverview.Error.TooEarly"],
        "no-leads-tab" => L["LeadsOverview.Error.NoTab"],
        "menu-changed" => L["LeadsOverview.Error.MenuChanged"],
        _ => L["State.LoadError"],
    };

    private async Task<Actor> ActorAsync() => _actor ??= (await Auth.GetAuthenticationStateAsync()).User.ToActor()!;
}
