using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Files;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.PageEditor;

/// <summary>
/// The Markdown body of a custom page in one language. Toolbar edits apply at the caret (read
/// through a small JS module), or at the end of the text when the caret cannot be read.
/// </summary>
public sealed partial class BodyEditor : IAsyncDisposable
{
    private ElementReference _box;
    private IJSObjectReference? _module;
    private TextEdit? _selectAfterRender;
    private string? _imageError;
    private bool _uploading;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired] public required string Value { get; set; }

    [Parameter] public EventCallback<string> ValueChanged { get; set; }

    /// <summary>"fr" or "en": the language of the text.</summary>
    [Parameter, EditorRequired] public required string Language { get; set; }

    [Parameter, EditorRequired] public required string Label { get; set; }

    /// <summary>The save's error about the body, if any.</summary>
    [Parameter] public string? Error { get; set; }

    /// <summary>Stores an uploaded image (file name, bytes) and answers its id.</summary>
    [Parameter, EditorRequired] public required Func<string, byte[], Task<Result<Guid>>> StoreImage { get; set; }

    private async Task BoldAsync() => await EditAsync((s, e) => MarkdownEdits.Wrap(Value, s, e, "**", L["Pages.Body.BoldText"]));

    private async Task ItalicAsync() => await EditAsync((s, e) => MarkdownEdits.Wrap(Value, s, e, "*", L["Pages.Body.ItalicText"]));

    private async Task HeadingAsync() => await EditAsync((s, e) => MarkdownEdits.PrefixLines(Value, s, e, "## ", L["Pages.Body.HeadingText"]));

    private async Task ListAsync() => await EditAsync((s, e) => MarkdownEdits.PrefixLines(Value, s, e, "- ", L["Pages.Body.ListText"]));

    private async Task LinkAsync() => await EditAsync((s, e) => MarkdownEdits.Link(Value, s, e, L["Pages.Body.LinkText"]));

    private async Task InsertImageAsync(IBrowserFile? file)
    {
        _imageError = null;
        if (file is null)
        {
            return;
        }

        if (file.Size > FileService.PageImageMaxBytes)
        {
            _imageError = L["Pages.Image.Refused"];
            return;
        }

        _uploading = true;
        try
        {
            var stored = await StoreImage(file.Name, await BrowserFiles.ReadAsync(file, FileService.PageImageMaxBytes));
            if (!stored.IsSuccess)
            {
                _imageError = L["Pages.Image.Refused"];
                return;
            }

            // The caret is read now, not before the upload: the organizer may have typed meanwhile.
            var (_, end) = await SelectionAsync();
            await ApplyAsync(MarkdownEdits.InsertBlock(Value, end, $"![{AltText(file.Name)}](/files/{stored.Value})"));
        }
        finally
        {
            _uploading = false;
        }
    }

    private async Task EditAsync(Func<int, int, TextEdit> edit)
    {
        var (start, end) = await SelectionAsync();
        await ApplyAsync(edit(start, end));
    }

    private async Task ApplyAsync(TextEdit edit)
    {
        _selectAfterRender = edit;
        await ValueChanged.InvokeAsync(edit.Text);
    }

    private async Task<(int Start, int End)> SelectionAsync()
    {
        var module = await ModuleAsync();
        var range = module is null ? null : await module.InvokeAsync<int[]?>("selection", _box);
        return range is [var start, var end] ? (start, end) : (Value.Length, Value.Length);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_selectAfterRender is { } edit && edit.Text == Value)
        {
            _selectAfterRender = null;
            if (await ModuleAsync() is { } module)
            {
                await module.InvokeVoidAsync("select", _box, edit.SelectionStart, edit.SelectionEnd);
            }
        }
    }

    private async Task<IJSObjectReference?> ModuleAsync()
    {
        if (_module is null && RendererInfo.IsInteractive)
        {
            try
            {
                _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/PageEditor/BodyEditor.razor.js");
            }
            catch (JSException)
            {
                // Without the module the toolbar still works, at the end of the text.
            }
        }

        return _module;
    }

    /// <summary>The file's name without extension, with nothing that would end the Markdown alt text.</summary>
    private static string AltText(string fileName)
    {
        var alt = AltUnsafe().Replace(Path.GetFileNameWithoutExtension(fileName), " ").Trim();
        return alt.Length == 0 ? "image" : alt;
    }

    public async ValueTask DisposeAsync()
    {
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

    [GeneratedRegex(@"[\s\[\]()\\!*_`<>]+")]
    private static partial Regex AltUnsafe();
}
