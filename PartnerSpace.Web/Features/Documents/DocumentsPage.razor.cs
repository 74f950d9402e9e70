using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Documents;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Documents;

/// <summary>S-2.6: the organizer's documents (upload, edit, replace, delete, order) and who read what, live (S-5).</summary>
public sealed partial class DocumentsPage
{
    private IReadOnlyList<DocumentSummary> _documents = [];
    private IReadOnlyList<DocumentReadRow> _readers = [];
    private IReadOnlyList<AudiencePartner> _partners = [];
    private int _tab;
    private Guid? _boardDocument;

    [Inject] private DocumentService DocumentService { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;


    private static long MaxBytes => DocumentService.Rules.MaxSizeMb * 1024L * 1024L;

    protected override async Task ReloadAsync()
    {
        _documents = await DocumentService.ListAsync(OrganizerId, Event!.Id);
        _readers = await DocumentService.GetReadersAsync(OrganizerId, Event.Id);
        _partners = [.. (await Partners.GetPartnersAsync(OrganizerId, Event.Id)).Select(p => new AudiencePartner(p.Id, p.Name, p.Category, p.IsTestPartner))];
        if (_boardDocument is { } id && _documents.All(d => d.Id != id))
        {
            _boardDocument = null;
        }
    }

    private void Track(Guid documentId)
    {
        _boardDocument = documentId;
        _tab = 1;
    }

    private Task CreateAsync() => ShowDialogAsync(L["Documents.New"], DocumentDraft.New(), isNew: true, async (draft, file) =>
    {
        await using var stream = BrowserFiles.OpenRead(file!, MaxBytes);
        return await DocumentService.UploadAsync(OrganizerId, Event!.Id, draft, file!.Name, file.Size, stream);
    });

    private Task EditAsync(DocumentSummary document) =>
        ShowDialogAsync(string.Format(CultureInfo.CurrentCulture, L["Documents.EditOf"], document.Title.ForCurrentCulture()), document.ToDraft(), isNew: false,
            (draft, _) => DocumentService.UpdateAsync(OrganizerId, document.Id, draft));

    private async Task ShowDialogAsync(string title, DocumentDraft draft, bool isNew, Func<DocumentDraft, IBrowserFile?, Task<Result<Guid>>> save)
    {
        var parameters = new DialogParameters<DocumentDialog>
        {
            { d => d.Draft, draft },
            { d => d.IsNew, isNew },
            { d => d.Partners, _partners },
            { d => d.Save, save },
        };
        var dialog = await Dialogs.ShowAsync<DocumentDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(isNew ? L["Documents.Shared"] : L["Documents.Saved"], Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task ReplaceAsync(DocumentSummary document, IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        if (file.Size > MaxBytes)
        {
            Snackbar.Add(DocumentService.Rules.Check(document.Title.ForCurrentCulture(), false, file.Name, file.Size, []) ?? "", Severity.Error);
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(
            string.Format(CultureInfo.CurrentCulture, L["Documents.Replace.Title"], document.Title.ForCurrentCulture()),
            string.Format(CultureInfo.CurrentCulture, L["Documents.Replace.Confirm"], file.Name, document.Read),
            yesText: L["Documents.Replace.Yes"],
            cancelText: L["Menu.Delete.No"]);
        if (confirmed != true)
        {
            return;
        }

        await using var stream = BrowserFiles.OpenRead(file, MaxBytes);
        var result = await DocumentService.ReplaceFileAsync(OrganizerId, document.Id, document.Version, file.Name, file.Size, stream);
        Snackbar.Add(
            result.IsSuccess ? L["Documents.Replaced"] : result.Error!.Fields?.Values.SelectMany(v => v).FirstOrDefault() ?? (result.Error.Kind == ErrorKind.Conflict ? L["Documents.Conflict"] : result.Error.Message),
            result.IsSuccess ? Severity.Success : Severity.Error);
        await ReloadAsync();
    }

    private async Task DeleteAsync(DocumentSummary document)
    {
        var reads = await DocumentService.GetReadCountAsync(OrganizerId, document.Id);
        if (reads is null)
        {
            await ReloadAsync();
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(
            string.Format(CultureInfo.CurrentCulture, L["Documents.Delete.Title"], document.Title.ForCurrentCulture()),
            string.Format(CultureInfo.CurrentCulture, L["Documents.Delete.Confirm"], document.Assigned, reads),
            yesText: L["Menu.Delete.Yes"],
            cancelText: L["Menu.Delete.No"]);
        if (confirmed != true)
        {
            return;
        }

        var deleted = await DocumentService.DeleteAsync(OrganizerId, document.Id);
        Snackbar.Add(deleted.IsSuccess ? L["Documents.Deleted"] : deleted.Error!.Message, deleted.IsSuccess ? Severity.Success : Severity.Warning);
        await ReloadAsync();
    }

    private async Task MoveAsync(DocumentSummary document, int by)
    {
        var index = _documents.ToList().FindIndex(d => d.Id == document.Id) + by;
        await DocumentService.MoveAsync(OrganizerId, document.Id, index);
        await ReloadAsync();
    }
}
