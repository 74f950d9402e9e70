using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Menu;

namespace PartnerSpace.Web.Features.Emails;

/// <summary>
/// The editor of one e-mail in one language. The preview follows the typing after a short pause
/// (<see cref="PreviewDelay"/>), filled with the placeholders' sample values; problems show at
/// their field as you type; a stale save keeps the typed text and offers keep mine / take theirs.
/// </summary>
public sealed partial class EmailTemplateForm : IAsyncDisposable
{
    public static readonly TimeSpan PreviewDelay = TimeSpan.FromMilliseconds(250);

    private ElementReference _box;
    private IJSObjectReference? _module;
    private EmailTemplateText _loaded = default!;
    private EmailTemplateText? _conflict;
    private string _subject = "";
    private string _body = "";
    private ComposedEmail _preview = new("", "", "");
    private IReadOnlyList<EmailTemplateProblem> _problems = [];
    private CancellationTokenSource? _pending;
    private int? _caretAfterRender;
    private bool _busy;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The text as loaded (its version is the one a save is checked against).</summary>
    [Parameter, EditorRequired] public required EmailTemplateText Template { get; set; }

    [Parameter, EditorRequired] public required Func<EmailTemplateText, Task<EmailTemplateSaveResult>> Save { get; set; }

    [Parameter, EditorRequired] public required Func<EmailTemplateText, Task<EmailTemplateSaveResult>> Reset { get; set; }

    /// <summary>Raised with the stored text after a save or a reset.</summary>
    [Parameter] public EventCallback<EmailTemplateText> OnSaved { get; set; }

    private bool Dirty => _subject != _loaded.Subject || _body != _loaded.Body;

    protected override void OnParametersSet()
    {
        // The page keys one form per kind and language: the text is loaded once, then it is the draft's.
        if (_loaded is null)
        {
            Load(Template);
        }
    }

    private void Load(EmailTemplateText text)
    {
        _loaded = text;
        _conflict = null;
        _subject = text.Subject;
        _body = text.Body;
        Refresh();
    }

    private void Refresh()
    {
        _problems = EmailTemplateEditor.Validate(_loaded.Kind, _subject, _body);
        _preview = EmailTemplateService.Preview(_loaded.Kind, _loaded.Language, _subject, _body);
    }

    private Task SubjectChanged(string value)
    {
        _subject = value ?? "";
        return SchedulePreviewAsync();
    }

    private Task BodyChanged(string value)
    {
        _body = value ?? "";
        return SchedulePreviewAsync();
    }

    /// <summary>Waits for a pause in the typing, then refreshes the preview once.</summary>
    private async Task SchedulePreviewAsync()
    {
        if (_pending is not null)
        {
            await _pending.CancelAsync();
            _pending.Dispose();
        }

        var pending = _pending = new CancellationTokenSource();
        try
        {
            await Task.Delay(PreviewDelay, pending.Token);
        }
        catch (TaskCanceledException)
        {
            return;
        }

        Refresh();
        StateHasChanged();
    }

    private string? ProblemAt(string field) =>
        _problems.FirstOrDefault(p => p.Field == field) is { } problem ? Describe(problem) : null;

    private string Describe(EmailTemplateProblem problem) => problem.Kind switch
    {
        EmailTemplateProblemKind.SubjectTooLong => string.Format(CultureInfo.CurrentCulture, L["Emails.Problem.SubjectTooLong"], EmailTemplate.SubjectMaxLength),
        EmailTemplateProblemKind.BodyTooLong => string.Format(CultureInfo.CurrentCulture, L["Emails.Problem.BodyTooLong"], EmailTemplate.BodyMaxLength),
        EmailTemplateProblemKind.PlaceholderMissing => string.Format(CultureInfo.CurrentCulture, L["Emails.Problem.PlaceholderMissing"], $"{{{problem.Placeholder}}}"),
        EmailTemplateProblemKind.PlaceholderUnknown => string.Format(CultureInfo.CurrentCulture, L["Emails.Problem.PlaceholderUnknown"], $"{{{problem.Placeholder}}}"),
        _ => L[$"Emails.Problem.{problem.Kind}"],
    };

    /// <summary>Puts the placeholder at the body's caret (replacing a selection), or at its end when the caret cannot be read.</summary>
    private async Task InsertAsync(EmailPlaceholder placeholder)
    {
        var (start, end) = await SelectionAsync();
        start = Math.Clamp(start, 0, _body.Length);
        end = Math.Clamp(end, start, _body.Length);
        _body = string.Concat(_body.AsSpan(0, start), placeholder.Token, _body.AsSpan(end));
        _caretAfterRender = start + placeholder.Token.Length;
        Refresh();
    }

    private async Task<(int Start, int End)> SelectionAsync()
    {
        var module = await ModuleAsync();
        var range = module is null ? null : await module.InvokeAsync<int[]?>("selection", _box);
        return range is [var start, var end] ? (start, end) : (_body.Length, _body.Length);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_caretAfterRender is { } caret)
        {
            _caretAfterRender = null;
            if (await ModuleAsync() is { } module)
            {
                await module.InvokeVoidAsync("select", _box, caret, caret);
            }
        }
    }

    private async Task<IJSObjectReference?> ModuleAsync()
    {
        if (_module is null && RendererInfo.IsInteractive)
        {
            try
            {
                // The page editor's caret helpers: the same two functions serve here.
                _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/PageEditor/BodyEditor.razor.js");
            }
            catch (JSException)
            {
                // Without the module the chips still work, at the end of the text.
            }
        }

        return _module;
    }

    private async Task SaveAsync()
    {
        Refresh();
        if (_problems.Count > 0)
        {
            return;
        }

        await RunAsync(() => Save(_loaded with { Subject = _subject, Body = _body }), L["Emails.Saved"]);
    }

    private async Task ResetAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Emails.Reset.Title"],
            L["Emails.Reset.Confirm"],
            yesText: L["Emails.Reset"],
            cancelText: L["Menu.Delete.No"]);
        if (confirmed == true)
        {
            await RunAsync(() => Reset(_loaded), L["Emails.Reset.Done"]);
        }
    }

    private async Task RunAsync(Func<Task<EmailTemplateSaveResult>> write, string done)
    {
        _busy = true;
        try
        {
            var result = await write();
            switch (result.Status)
            {
                case MenuSaveStatus.Saved:
                    Load(result.Current!);
                    Snackbar.Add(done, Severity.Success);
                    await OnSaved.InvokeAsync(result.Current!);
                    break;
                case MenuSaveStatus.Conflict:
                    // The typed text stays; the newer one waits in _conflict.
                    _conflict = result.Current;
                    break;
                default:
                    _problems = result.Problems;
                    break;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private void KeepMine()
    {
        _loaded = _loaded with { Version = _conflict!.Version, IsCustom = _conflict.IsCustom };
        _conflict = null;
    }

    private void TakeTheirs() => Load(_conflict!);

    public async ValueTask DisposeAsync()
    {
        _pending?.Dispose();
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }
}
