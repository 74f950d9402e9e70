using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.MenuEditor;

/// <summary>
/// The burger-menu editor (S-1.2, S-1.3, S-1.7): every change shows at once in the preview;
/// saving publishes to open portals; a stale save is refused and nothing typed is lost.
/// </summary>
public sealed partial class MenuEditorPage
{
    /// <summary>S-1.7: Leads opens with the scan mailing, at the earliest 15 days before the event.</summary>
    private static readonly TimeSpan LeadsEarliest = TimeSpan.FromDays(15);

    private readonly ReorderableList<TabDraft> _tabs;
    private OrganizerEvent? _event;
    private MenuAppearance _appearance = MenuAppearance.Default;
    private int _version;
    private IReadOnlyList<PageChoice> _pages = [];
    private IReadOnlyList<PartnerSummary> _partners = [];
    private Guid _previewPartnerId;
    private PageChoice? _pageToAdd;
    private MenuDocument? _conflict;
    private Dictionary<Guid, IReadOnlyDictionary<string, string>> _rowErrors = [];
    private string? _colorError;
    private bool _dirty;
    private bool _saving;
    private bool _loadError;
    private bool _ready;
    private Actor _actor = new(Guid.Empty, "");

    public MenuEditorPage() =>
        _tabs = new((tab, at, of) => string.Format(CultureInfo.CurrentCulture, L["Menu.Moved"], tab.Label.ForCurrentCulture(), at, of));

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private MenuEditorService Editor { get; set; } = default!;

    [Inject] private PartnerService Partners { get; set; } = default!;

    [Inject] private PageEditorService PageEditor { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Inject] private ILogger<MenuEditorPage> Logger { get; set; } = default!;

    private IReadOnlyList<PageChoice> FreePages => [.. _pages.Where(p => _tabs.All(t => t.PageId != p.Id))];

    private IReadOnlyList<MenuEntry> PreviewEntries => [.. _tabs.Select((t, i) => t.ToEntry(i))];

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var user = (await AuthState).User;
            var viewer = user.ToViewer()!;
            _actor = user.ToActor()!;
            _event = await Partners.GetCurrentEventAsync(viewer.Id);
            if (_event is null)
            {
                return;
            }

            _partners = await Partners.GetPartnersAsync(viewer.Id, _event.Id);
            _previewPartnerId = _partners.FirstOrDefault(p => p.IsTestPartner)?.Id ?? (_partners.Count > 0 ? _partners[0].Id : Guid.Empty);
            _pages = await Editor.GetPagesAsync(_event.Id);
            Load(await Editor.GetAsync(_event.Id));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Could not load the menu editor");
            _loadError = true;
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Drag and drop needs the interactive rows, not the prerendered ones: say when they are there.
        if (!_ready && _event is not null && RendererInfo.IsInteractive)
        {
            _ready = true;
            StateHasChanged();
        }
    }

    private void Load(MenuDocument menu)
    {
        _tabs.Reset(menu.Tabs.Select(TabDraft.From));
        _appearance = menu.Appearance;
        _version = menu.Version;
        _conflict = null;
        _rowErrors = [];
        _colorError = null;
        _dirty = false;
    }

    private void Change(Action change)
    {
        change();
        _dirty = true;
    }

    private void SetColor(string? color) => Change(() => _appearance = _appearance with { Color = (color ?? MenuSettings.DefaultColor).ToUpperInvariant() });

    private void Move(TabDraft tab, int by) => _dirty |= _tabs.Move(tab, by);

    private void AddTab()
    {
        if (_pageToAdd is null)
        {
            return;
        }

        var tab = TabDraft.For(_pageToAdd);
        Change(() => _tabs.Add(tab, string.Format(CultureInfo.CurrentCulture, L["Menu.Added"], tab.Label.ForCurrentCulture())));
        _pageToAdd = null;
    }

    /// <summary>S-1.2: a new tab needs its page; create a content page and add its tab in one go.</summary>
    private async Task PageCreatedAsync(PageTexts created)
    {
        _pages = await Editor.GetPagesAsync(_event!.Id);
        _pageToAdd = _pages.FirstOrDefault(p => p.Id == created.PageId);
        AddTab();
    }

    private async Task DeleteAsync(TabDraft tab)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Menu.Delete.Title"],
            string.Format(CultureInfo.CurrentCulture, L["Menu.Delete.Confirm"], tab.Label.ForCurrentCulture()),
            yesText: L["Menu.Delete.Yes"],
            cancelText: L["Menu.Delete.No"]);
        if (confirmed != true)
        {
            return;
        }

        Change(() => _tabs.Remove(tab, string.Format(CultureInfo.CurrentCulture, L["Menu.Removed"], tab.Label.ForCurrentCulture())));
    }

    private async Task SaveAsync()
    {
        if (_event is null)
        {
            return;
        }

        _saving = true;
        try
        {
            var draft = new MenuDocument(_version, _appearance, [.. _tabs.Select(t => t.ToTab())]);
            var result = await Editor.SaveAsync(_event.Id, draft, _actor);
            switch (result.Status)
            {
                case MenuSaveStatus.Saved:
                    Load(result.Current);
                    Snackbar.Add(L["Menu.Saved"], Severity.Success);
                    break;
                case MenuSaveStatus.Conflict:
                    _conflict = result.Current;
                    break;
                default:
                    ShowErrors(result.Errors!);
                    Snackbar.Add(L["Menu.Invalid"], Severity.Error);
                    break;
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private void ShowErrors(IReadOnlyDictionary<string, string[]> errors)
    {
        _colorError = errors.TryGetValue("appearance.color", out var color) ? color[0] : null;
        _rowErrors = RowErrors.ByRow(errors, "tabs", _tabs, t => t.Key);
    }

    /// <summary>Keeps the draft and takes the newer version as its base: the next save overwrites knowingly.</summary>
    private void KeepMine()
    {
        _version = _conflict!.Version;
        _conflict = null;
    }

    private void TakeTheirs() => Load(_conflict!);

    private async Task DiscardAsync()
    {
        if (_event is not null)
        {
            Load(await Editor.GetAsync(_event.Id));
        }
    }

    private string? WarningFor(TabDraft tab) =>
        tab.Kind == PageKind.Leads && tab.IsEnabled && _event is not null && _event.StartsAt - Time.GetUtcNow() > LeadsEarliest
            ? L["Menu.LeadsTooEarly"].Value
            : null;

    private static string OrderOf(IEnumerable<(LocalizedText Label, bool Enabled)> tabs) =>
        string.Join(" › ", tabs.Select(t => t.Enabled ? t.Label.ForCurrentCulture() : $"({t.Label.ForCurrentCulture()})"));
}
