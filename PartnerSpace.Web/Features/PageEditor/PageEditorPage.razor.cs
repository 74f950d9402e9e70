using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Files;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Web.Auth;

namespace PartnerSpace.Web.Features.PageEditor;

/// <summary>S-1.3: the texts of the partner space's pages, with an instant preview per language.</summary>
public sealed partial class PageEditorPage
{
    private Guid _eventId;
    private IReadOnlyList<PageTexts>? _pages;
    private PageTexts? _draft;
    private PageTexts? _conflict;
    private string _titleFr = "";
    private string _titleEn = "";
    private string _introFr = "";
    private string _introEn = "";
    private string _bodyFr = "";
    private string _bodyEn = "";
    private string _helpFr = "";
    private string _helpEn = "";
    private int _bodyTab;
    private string _previewLanguage = "fr";
    private Dictionary<string, string> _errors = [];
    private bool _saving;
    private bool _ready;
    private Actor _actor = new(Guid.Empty, "");

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private PageEditorService Editor { get; set; } = default!;

    [Inject] private PartnerService Partners { get; set; } = default!;

    [Inject] private FileService Files { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private bool Dirty => _draft is not null && Edited != (_draft.Title, _draft.Introduction, _draft.Body, _draft.Help);

    private (LocalizedText Title, LocalizedText Introduction, LocalizedText Body, LocalizedText Help) Edited =>
        (new(_titleFr, _titleEn), new(_introFr, _introEn), new(_bodyFr, _bodyEn), new(_helpFr, _helpEn));

    private string PreviewTitle => Edited.Title.For(_previewLanguage);

    private string PreviewIntro => Edited.Introduction.For(_previewLanguage);

    private string PreviewBody => Edited.Body.For(_previewLanguage);

    private string PreviewHelp => Edited.Help.For(_previewLanguage);

    protected override async Task OnInitializedAsync()
    {
        _previewLanguage = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? "fr" : "en";
        var user = (await AuthState).User;
        var viewer = user.ToViewer()!;
        _actor = user.ToActor()!;
        var current = await Partners.GetCurrentEventAsync(viewer.Id);
        if (current is null)
        {
            _pages = [];
            return;
        }

        _eventId = current.Id;
        _pages = await Editor.GetAllAsync(_eventId);
        Load(_pages.Count > 0 ? _pages[0] : null);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!_ready && _pages is not null && RendererInfo.IsInteractive)
        {
            _ready = true;
            StateHasChanged();
        }
    }

    private void Load(PageTexts? page)
    {
        _draft = page;
        _conflict = null;
        _errors = [];
        _titleFr = page?.Title.Fr ?? "";
        _titleEn = page?.Title.En ?? "";
        _introFr = page?.Introduction.Fr ?? "";
        _introEn = page?.Introduction.En ?? "";
        _bodyFr = page?.Body.Fr ?? "";
        _bodyEn = page?.Body.En ?? "";
        _helpFr = page?.Help.Fr ?? "";
        _helpEn = page?.Help.En ?? "";
    }

    private List<(string Label, string Theirs, string Yours)> ConflictRows(PageTexts theirs) =>
    [
        (L["Pages.TitleFr"], theirs.Title.Fr, _titleFr),
        (L["Pages.TitleEn"], theirs.Title.En, _titleEn),
        (L["Pages.IntroFr"], theirs.Introduction.Fr, _introFr),
        (L["Pages.IntroEn"], theirs.Introduction.En, _introEn),
        (L["Pages.BodyFr"], theirs.Body.Fr, _bodyFr),
        (L["Pages.BodyEn"], theirs.Body.En, _bodyEn),
        (L["Pages.HelpFr"], theirs.Help.Fr, _helpFr),
        (L["Pages.HelpEn"], theirs.Help.En, _helpEn),
    ];

    private Task PageCreatedAsync(PageTexts created) => SelectAsync(created);

    private async Task SelectAsync(PageTexts page)
    {
        _pages = await Editor.GetAllAsync(_eventId);
        Load(_pages.FirstOrDefault(p => p.PageId == page.PageId));
    }

    private async Task SaveAsync()
    {
        if (_draft is null)
        {
            return;
        }

        _saving = true;
        try
        {
            var result = await Editor.SaveAsync(_eventId, _draft with { Title = Edited.Title, Introduction = Edited.Introduction, Body = Edited.Body, Help = Edited.Help }, _actor);
            switch (result.Status)
            {
                case MenuSaveStatus.Saved:
                    _pages = await Editor.GetAllAsync(_eventId);
                    Load(result.Current);
                    Snackbar.Add(L["Pages.Saved"], Severity.Success);
                    break;
                case MenuSaveStatus.Conflict:
                    _conflict = result.Current;
                    break;
                default:
                    _errors = result.Errors!.ToDictionary(e => e.Key, e => e.Value[0]);
                    break;
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private Task<Result<Guid>> StoreImageAsync(string fileName, byte[] content) => Files.StorePageImageAsync(_eventId, fileName, content);

    private void KeepMine()
    {
        _draft = _draft! with { Version = _conflict!.Version };
        _conflict = null;
    }

    private void TakeTheirs() => Load(_conflict);
}
