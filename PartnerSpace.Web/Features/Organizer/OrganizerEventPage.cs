using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Organizer;

/// <summary>
/// An organizer screen of the current event that follows the event's live events (S-5): loads the
/// signed-in organizer's event, then <see cref="ReloadAsync"/>, and again on each event of the
/// event's topic (caught up from the sequence read before the first load).
/// </summary>
public abstract class OrganizerEventPage : ComponentBase, IDisposable
{
    private long _shownSequence;
    private LiveRefresher? _refresher;

    [Inject] protected PartnerService Partners { get; set; } = default!;

    [Inject] protected ILiveEvents Live { get; set; } = default!;

    [Inject] private CircuitEvents Circuit { get; set; } = default!;

    [Inject] private ILoggerFactory LoggerFactory { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    /// <summary>The signed-in organizer.</summary>
    protected Guid OrganizerId { get; private set; }

    /// <summary>The organizer's current event; null when they have none.</summary>
    protected OrganizerEvent? Event { get; private set; }

    /// <summary>The first load is done (with or without an event).</summary>
    protected bool Loaded { get; private set; }

    /// <summary>The first load failed: the screen shows an error, not empty data.</summary>
    protected bool LoadFailed { get; private set; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _refresher?.Dispose();
        }
    }

    /// <summary>Reads what the screen shows; <see cref="Event"/> is set.</summary>
    protected abstract Task ReloadAsync();

    protected override async Task OnInitializedAsync()
    {
        try
        {
            OrganizerId = (await AuthState).User.ToViewer()!.Id;
            Event = await Partners.GetCurrentEventAsync(OrganizerId);
            if (Event is not null)
            {
                _shownSequence = Live.Sequence(Topics.Event(Event.Id));
                await ReloadAsync();
            }

            Loaded = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LoggerFactory.CreateLogger(GetType()).LogError(ex, "Could not load {Screen}", GetType().Name);
            LoadFailed = true;
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // The first interactive render may come before the first load has read the event: subscribe
        // on the first render that has it (events since the load are caught up from its sequence).
        if (_refresher is null && Event is not null)
        {
            _refresher = new LiveRefresher(Live, Topics.Event(Event.Id), () => InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            }), DispatchExceptionAsync, Circuit, shownSequence: _shownSequence);
        }
    }
}
