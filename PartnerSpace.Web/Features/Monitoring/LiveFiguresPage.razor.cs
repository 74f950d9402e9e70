using System.Globalization;
using Microsoft.AspNetCore.Components;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Observability;
using PartnerSpace.Web.Features.Organizer;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Monitoring;

/// <summary>
/// The organizers' live figures during the event (issue 9, item 6): reloaded on the event's live
/// events (a scan) and every <see cref="RefreshEvery"/> (the minutes move on, and this node's
/// circuits and latencies have no events of their own).
/// </summary>
public sealed partial class LiveFiguresPage : OrganizerEventPage
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    private LiveFigures? _figures;
    private DateTimeOffset _updatedAt;
    private bool _refreshFailed;
    private bool _interactive;
    private ITimer? _timer;
    private LiveRefresher? _scans;

    [Inject] private LiveFiguresService Figures { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Inject] private ILogger<LiveFiguresPage> Logger { get; set; } = default!;

    [Inject] private CircuitEvents Circuit { get; set; } = default!;

    private int LastMinute => _figures?.ScansPerMinute is { Count: > 0 } m ? m[^1].Scans : 0;

    protected override async Task ReloadAsync()
    {
        try
        {
            _figures = await Figures.GetAsync(Event!.Id, Event.TimeZoneId);
            _updatedAt = Time.GetUtcNow();
            _refreshFailed = false;
        }
        catch (Exception ex) when (_figures is not null && ex is not OperationCanceledException)
        {
            // Keep the last figures on screen, marked as old; the next round tries again.
            Logger.LogWarning(ex, "Could not refresh the live figures");
            _refreshFailed = true;
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        base.OnAfterRender(firstRender);

        // Interactive once the first load is done and the screen follows its live events.
        if (!_interactive && (Loaded || LoadFailed))
        {
            _interactive = true;
            if (Event is not null)
            {
                // Scans have their own topic (the event's topic is for the configuration).
                _scans = new LiveRefresher(Live, Topics.EventLeads(Event.Id), () => InvokeAsync(async () =>
                {
                    await ReloadAsync();
                    StateHasChanged();
                }), DispatchExceptionAsync, Circuit);
                _timer = Time.CreateTimer(_ => _ = InvokeAsync(RefreshAsync), null, RefreshEvery, RefreshEvery);
            }

            StateHasChanged();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer?.Dispose();
            _scans?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.CurrentCulture);

    private string Latency(TimeSpan? t) => t is { } value
        ? string.Format(CultureInfo.CurrentCulture, L["LiveFigures.Milliseconds"], value.TotalMilliseconds)
        : L["LiveFigures.NoDeliveries"];

    private async Task RefreshAsync()
    {
        try
        {
            await ReloadAsync();
            StateHasChanged();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await DispatchExceptionAsync(ex);
        }
    }
}
