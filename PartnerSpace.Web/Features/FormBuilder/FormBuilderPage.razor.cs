using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Shared;
using FieldType = PartnerSpace.Domain.Forms.FieldType;

namespace PartnerSpace.Web.Features.FormBuilder;

/// <summary>
/// The profile and team form builders (S-1.4, S-1.5): fields are added, edited, dragged or moved
/// by keyboard, and the preview follows every change; publishing saves the whole form at once.
/// </summary>
public sealed partial class FormBuilderPage
{
    private readonly ReorderableList<FieldDraft> _fields;
    private Guid _eventId;
    private FormDocument? _form;
    private Dictionary<Guid, IReadOnlyDictionary<string, string>> _rowErrors = [];
    private FieldType _newType = FieldType.Text;
    private bool _saving;
    private bool _conflict;
    private FormDocument? _theirs;
    private bool _ready;
    private Actor _actor = new(Guid.Empty, "");

    public FormBuilderPage() =>
        _fields = new((field, at, of) => string.Format(CultureInfo.CurrentCulture, L["Forms.Moved"], field.Label.ForCurrentCulture(), at, of));

    [Parameter] public string Which { get; set; } = "";

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private FormService Forms { get; set; } = default!;

    [Inject] private PartnerService Partners { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private FormKind Kind => Which == "team" ? FormKind.Team : FormKind.Profile;

    private string Title => Kind == FormKind.Team ? L["Forms.TeamTitle"] : L["Forms.ProfileTitle"];

    private IReadOnlyList<FormField> PreviewFields => [.. _fields.Select(f => f.ToField())];

    protected override async Task OnParametersSetAsync()
    {
        if (Which is not ("profile" or "team"))
        {
            Navigation.NotFound();
            return;
        }

        var user = (await AuthState).User;
        var viewer = user.ToViewer()!;
        _actor = user.ToActor()!;
        if (await Partners.GetCurrentEventAsync(viewer.Id) is { } current)
        {
            _eventId = current.Id;
            await LoadAsync();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Drag and drop needs the interactive rows, not the prerendered ones: say when they are there.
        if (!_ready && _form is not null && RendererInfo.IsInteractive)
        {
            _ready = true;
            StateHasChanged();
        }
    }

    private async Task LoadAsync() => Show(await Forms.GetAsync(_eventId, Kind));

    private void Show(FormDocument form)
    {
        _form = form;
        _fields.Reset(form.Visible.Select(FieldDraft.From));
        _rowErrors = [];
        _conflict = false;
    }

    private void AddField()
    {
        var field = new FieldDraft { Type = _newType, LabelFr = L[$"Forms.Type.{_newType}"], LabelEn = _newType.ToString() };
        _fields.Add(field, string.Format(CultureInfo.CurrentCulture, L["Forms.Added"], field.Label.ForCurrentCulture()));
    }

    private async Task RemoveAsync(FieldDraft field)
    {
        var label = field.Label.ForCurrentCulture();
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Forms.Remove.Title"],
            string.Format(CultureInfo.CurrentCulture, L["Forms.Remove.Confirm"], label),
            yesText: L["Menu.Delete.Yes"],
            cancelText: L["Menu.Delete.No"]);
        if (confirmed == true)
        {
            _fields.Remove(field, string.Format(CultureInfo.CurrentCulture, L["Forms.Removed"], label));
        }
    }

    /// <summary>Keeps the draft and takes the newer version as its base: the next save replaces theirs knowingly.</summary>
    /// <summary>The fields in order, as the conflict shows them: "Description*, Website, Logo".</summary>
    private List<(string Label, string Theirs, string Yours)> ConflictRows(FormDocument theirs) =>
    [
        (L["Forms.Conflict.Fields"], Outline(theirs.Visible), Outline(PreviewFields)),
    ];

    private static string Outline(IEnumerable<FormField> fields) =>
        string.Join(", ", fields.Select(f => f.Label.ForCurrentCulture() + (f.Required ? "*" : "")));

    private async Task KeepMine()
    {
        var latest = await Forms.GetAsync(_eventId, Kind);
        _form = _form! with { Version = latest.Version };
        _conflict = false;
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var result = await Forms.SaveAsync(_eventId, new FormDocument(Kind, _form!.Version, PreviewFields), _actor);
            switch (result.Status)
            {
                case MenuSaveStatus.Saved:
                    Show(result.Current);
                    Snackbar.Add(L["Forms.Saved"], Severity.Success);
                    break;
                case MenuSaveStatus.Conflict:
                    _conflict = true;
                    _theirs = result.Current;
                    break;
                default:
                    _rowErrors = RowErrors.ByRow(result.Errors!, "fields", _fields, f => f.Id);
                    Snackbar.Add(L["Menu.Invalid"], Severity.Error);
                    break;
            }
        }
        finally
        {
            _saving = false;
        }
    }
}
