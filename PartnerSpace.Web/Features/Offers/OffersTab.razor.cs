using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Offers;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Offers;

/// <summary>
/// The Offers tab (S-2.4): add, edit, delete (confirmed), show or hide on the public page, reorder
/// by drag and drop or with the move buttons. Each change is saved at once; a colleague's change
/// arrives live (S-5), and a change made over a stale list is refused and reloaded, never guessed.
/// </summary>
public sealed partial class OffersTab : IDisposable
{
    private readonly ReorderableList<OfferItem> _items;
    private bool _loaded;
    private bool _loadError;
    private bool _busy;
    private bool _ready;
    private LiveRefresher? _refresher;

    public OffersTab() =>
        _items = new((item, at, of) => string.Format(CultureInfo.CurrentCulture, L["Offers.Moved"], item.Row.Title, at, of));

    [Parameter, EditorRequired] public required Guid PartnerId { get; set; }

    [Parameter, EditorRequired] public required Viewer Viewer { get; set; }

    [Inject] private OfferService Offers { get; set; } = default!;

    [Inject] private ILiveEvents Live { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private ReorderableList<OfferItem>? Items => _loaded ? _items : null;

    protected override async Task OnParametersSetAsync()
    {
        if (!_loaded)
        {
            await LoadAsync();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            // A colleague's (or an organizer's) change shows without a reload; scans on the same topic do not reload.
            var changes = new FilteredLiveEvents(Live, e => e is OffersChanged);
            _refresher = new LiveRefresher(changes, Topics.Partner(PartnerId), () => InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            }), DispatchExceptionAsync);
        }

        // Drag and drop needs the interactive rows: say when they are there.
        if (!_ready && _loaded && RendererInfo.IsInteractive)
        {
            _ready = true;
            StateHasChanged();
        }
    }

    private async Task LoadAsync()
    {
        var result = await Offers.ListAsync(Viewer, PartnerId);
        if (result.Value is not { } rows)
        {
            _loadError = true;
            return;
        }

        Show(rows);
        _loaded = true;
    }

    /// <summary>Same offers in the same order: rows are updated in place (the focus stays); otherwise the list is rebuilt.</summary>
    private void Show(IReadOnlyList<OfferRow> rows)
    {
        if (rows.Select(r => r.Id).SequenceEqual(_items.Select(i => i.Id)))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                _items[i].Row = rows[i];
            }
        }
        else
        {
            _items.Reset(rows.Select(r => new OfferItem(r)));
        }
    }

    private async Task AddAsync()
    {
        if (await OpenDialogAsync(L["Offers.Add"], new OfferDraft(null, null, null, true), draft => Offers.CreateAsync(Viewer, PartnerId, draft)))
        {
            Snackbar.Add(L["Offers.Added"], Severity.Success);
        }
    }

    private async Task EditAsync(OfferItem item)
    {
        var row = item.Row;
        if (await OpenDialogAsync(L["Offers.Edit"], new OfferDraft(row.Title, row.Description, row.Link, row.IsVisible), draft => Offers.EditAsync(Viewer, PartnerId, row.Id, row.Version, draft)))
        {
            Snackbar.Add(L["Offers.Saved"], Severity.Success);
        }
    }

    private async Task<bool> OpenDialogAsync(string title, OfferDraft draft, Func<OfferDraft, Task<Result<OfferRow>>> save)
    {
        var parameters = new DialogParameters<OfferDialog> { { d => d.Draft, draft }, { d => d.Save, save } };
        var dialog = await Dialogs.ShowAsync<OfferDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is null || result.Canceled)
        {
            return false;
        }

        await LoadAsync();
        return true;
    }

    private async Task SetVisibleAsync(OfferItem item, bool visible)
    {
        _busy = true;
        try
        {
            var result = await Offers.SetVisibleAsync(Viewer, PartnerId, item.Id, item.Row.Version, visible);
            if (result.Value is { } saved)
            {
                item.Row = saved;
                Snackbar.Add(visible ? L["Offers.NowVisible"] : L["Offers.NowHidden"], Severity.Success);
            }
            else
            {
                await RefusedAsync(result.Error!);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task MoveAsync(OfferItem item, int by)
    {
        if (_items.Move(item, by))
        {
            await SaveOrderAsync();
        }
    }

    private async Task SaveOrderAsync()
    {
        var result = await Offers.ReorderAsync(Viewer, PartnerId, [.. _items.Select(i => i.Id)]);
        if (result.Value is { } rows)
        {
            Show(rows);
        }
        else
        {
            await RefusedAsync(result.Error!);
        }
    }

    private async Task DeleteAsync(OfferItem item)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Offers.Delete.Title"],
            string.Format(CultureInfo.CurrentCulture, L["Offers.Delete.Confirm"], item.Row.Title),
            yesText: L["Offers.Delete.Yes"],
            cancelText: L["Menu.Delete.No"]);
        if (confirmed != true)
        {
            return;
        }

        var result = await Offers.DeleteAsync(Viewer, PartnerId, item.Id);
        if (result.IsSuccess)
        {
            _items.Remove(item, string.Format(CultureInfo.CurrentCulture, L["Offers.Deleted"], item.Row.Title));
            Snackbar.Add(string.Format(CultureInfo.CurrentCulture, L["Offers.Deleted"], item.Row.Title), Severity.Success);
        }
        else
        {
            await RefusedAsync(result.Error!);
        }
    }

    /// <summary>Someone changed or deleted the offers meanwhile: say so and show the current list.</summary>
    private async Task RefusedAsync(Error error)
    {
        Snackbar.Add(error.Kind switch
        {
            ErrorKind.Conflict => L["Offers.Conflict"],
            ErrorKind.NotFound => L["Offers.Gone"],
            _ => error.Message,
        }, Severity.Warning);
        _items.Reset([]);
        await LoadAsync();
    }

    public void Dispose() => _refresher?.Dispose();
}
