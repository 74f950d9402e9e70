using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Domain.Tasks;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Tasks;

/// <summary>S-2.5: the organizer's tasks (create, edit, delete, order) and the live tracking board with reminders (S-5).</summary>
public sealed partial class TasksPage
{
    private IReadOnlyList<TaskSummary> _tasks = [];
    private IReadOnlyList<TaskAssignment> _board = [];
    private IReadOnlyList<AudiencePartner> _partners = [];
    private bool _busy;
    private int _tab;
    private Guid? _boardTask;

    [Inject] private TaskService TaskService { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;


    protected override async Task ReloadAsync()
    {
        _tasks = await TaskService.ListAsync(OrganizerId, Event!.Id);
        _board = await TaskService.GetBoardAsync(OrganizerId, Event.Id);
        _partners = [.. (await Partners.GetPartnersAsync(OrganizerId, Event.Id)).Select(p => new AudiencePartner(p.Id, p.Name, p.Category, p.IsTestPartner))];
        if (_boardTask is { } id && _tasks.All(t => t.Id != id))
        {
            _boardTask = null;
        }
    }

    private void Track(Guid taskId)
    {
        _boardTask = taskId;
        _tab = 1;
    }

    private Task CreateAsync() => ShowDialogAsync(L["Tasks.New"], TaskDraft.New(), draft => TaskService.CreateAsync(OrganizerId, Event!.Id, draft));

    private Task EditAsync(TaskSummary task) =>
        ShowDialogAsync(string.Format(CultureInfo.CurrentCulture, L["Tasks.EditOf"], task.Title.ForCurrentCulture()), task.ToDraft(), draft => TaskService.UpdateAsync(OrganizerId, task.Id, draft));

    private async Task ShowDialogAsync(string title, TaskDraft draft, Func<TaskDraft, Task<Result<Guid>>> save)
    {
        var parameters = new DialogParameters<TaskDialog>
        {
            { d => d.Draft, draft },
            { d => d.Partners, _partners },
            { d => d.TimeZoneId, Event!.TimeZoneId },
            { d => d.Save, save },
        };
        var dialog = await Dialogs.ShowAsync<TaskDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["Tasks.Saved"], Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task DeleteAsync(TaskSummary task)
    {
        var impact = await TaskService.GetDeletionImpactAsync(OrganizerId, task.Id);
        if (impact is null)
        {
            await ReloadAsync();
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(
            string.Format(CultureInfo.CurrentCulture, L["Tasks.Delete.Title"], impact.Title.ForCurrentCulture()),
            string.Format(CultureInfo.CurrentCulture, L["Tasks.Delete.Confirm"], impact.Answers),
            yesText: L["Menu.Delete.Yes"],
            cancelText: L["Menu.Delete.No"]);
        if (confirmed != true)
        {
            return;
        }

        var deleted = await TaskService.DeleteAsync(OrganizerId, task.Id);
        Snackbar.Add(deleted.IsSuccess ? L["Tasks.Deleted"] : deleted.Error!.Message, deleted.IsSuccess ? Severity.Success : Severity.Warning);
        await ReloadAsync();
    }

    private async Task MoveAsync(TaskSummary task, int by)
    {
        var index = _tasks.ToList().FindIndex(t => t.Id == task.Id) + by;
        await TaskService.MoveAsync(OrganizerId, task.Id, index);
        await ReloadAsync();
    }

    private Task RemindAsync(TaskAssignment row) => RemindAsync(row.TaskId, row.PartnerId);

    private Task RemindAllAsync(Guid taskId) => RemindAsync(taskId, null);

    private async Task RemindAsync(Guid taskId, Guid? partnerId)
    {
        _busy = true;
        try
        {
            var result = await TaskService.RemindAsync(OrganizerId, taskId, partnerId, new Uri(Navigation.BaseUri));
            if (result.Value is { } sent)
            {
                Snackbar.Add(sent.Emails == 0 ? L["Tasks.Reminded.NoAdmin"] : string.Format(CultureInfo.CurrentCulture, L["Tasks.Reminded"], sent.Partners, sent.Emails), sent.Emails == 0 ? Severity.Warning : Severity.Success);
            }
            else
            {
                Snackbar.Add(result.Error!.Code == "already-done" ? L["Tasks.Reminded.AlreadyDone"] : result.Error.Message, Severity.Info);
            }

            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }
}
