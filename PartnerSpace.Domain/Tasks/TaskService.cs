using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Files;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Tasks;

/// <summary>
/// S-2.5: the organizer's tasks for partners (all, categories or chosen ones), the partners'
/// answers, and the tracking board with reminders. Every change tells open screens (S-5).
/// </summary>
public sealed class TaskService(IDbContextFactory<PartnerSpaceDbContext> dbs, PartnerAccessService access, FileService files, ILiveEvents live, TimeProvider time)
{
    public const int ChoiceMaxLength = 200;
    public const int MinChoices = 2;

    private static readonly Error TaskGone = Error.NotFound("task-not-found", "This task no longer exists.");

    private static readonly Error Changed = Error.Conflict("changed", "Someone else changed this task meanwhile. Reload to see their changes.");

    // ---- Organizer ----

    /// <summary>The event's tasks in the organizer's order, each with how many of its partners are done.</summary>
    public async Task<IReadOnlyList<TaskSummary>> ListAsync(Guid organizerId, Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return [];
        }

        var tasks = await db.Tasks.AsNoTracking().Where(t => t.EventId == eventId).OrderBy(t => t.Position).ThenBy(t => t.CreatedAt).ToListAsync(ct);
        var partners = await AudiencePartners.OfEventAsync(db, eventId, ct);
        var progress = await ProgressOfAsync(db, eventId, ct);
        return [.. tasks.Select(t =>
        {
            var assigned = t.Audience.In(partners);
            var done = assigned.Count(p => progress.TryGetValue((t.Id, p.Id), out var row) && row.IsCompleted);
            var answers = progress.Keys.Count(k => k.TaskId == t.Id);
            return new TaskSummary(t.Id, t.Title, t.Instructions, t.AnswerKind, t.Choices, t.FileRules, t.DueAt, t.AllowReopen, t.Audience, t.Version, assigned.Count, done, answers);
        })];
    }

    public async Task<Result<Guid>> CreateAsync(Guid organizerId, Guid eventId, TaskDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return Error.Forbidden("not-organizer", "You do not organize this event.");
        }

        var partners = await AudiencePartners.OfEventAsync(db, eventId, ct);
        var (clean, errors) = Validate(draft, partners, previousDueAt: null, time.GetUtcNow());
        if (clean is null)
        {
            return Error.Validation(errors);
        }

        var task = new PartnerTask(eventId, clean.Title, clean.Instructions, clean.AnswerKind, clean.DueAt, clean.Audience, time.GetUtcNow());
        task.Edit(clean.Title, clean.Instructions, clean.AnswerKind, clean.Choices, clean.FileRules, clean.DueAt, clean.AllowReopen, clean.Audience);
        var last = await db.Tasks.Where(t => t.EventId == eventId).MaxAsync(t => (int?)t.Position, ct);
        task.MoveTo((last ?? -1) + 1);
        db.Tasks.Add(task);
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new TasksChanged(eventId), ct);
        return Result<Guid>.Ok(task.Id);
    }

    /// <summary>Edits a task; a stale <see cref="TaskDraft.Version"/> is a conflict and writes nothing.</summary>
    public async Task<Result<Guid>> UpdateAsync(Guid organizerId, Guid taskId, TaskDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var task = await FindOwnAsync(db, organizerId, taskId, ct);
        if (task is null)
        {
            return TaskGone;
        }

        var partners = await AudiencePartners.OfEventAsync(db, task.EventId, ct);
        var (clean, errors) = Validate(draft, partners, task.DueAt, time.GetUtcNow());
        if (clean is null)
        {
            return Error.Validation(errors);
        }

        if (task.Version != draft.Version)
        {
            return Changed;
        }

        // The concurrency token makes a save racing another one fail instead of overwriting it.
        db.Entry(task).Property(t => t.Version).OriginalValue = draft.Version;
        task.Edit(clean.Title, clean.Instructions, clean.AnswerKind, clean.Choices, clean.FileRules, clean.DueAt, clean.AllowReopen, clean.Audience);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed;
        }

        await live.PublishAsync(new TasksChanged(task.EventId), ct);
        return Result<Guid>.Ok(task.Id);
    }

    public async Task<TaskDeletionImpact?> GetDeletionImpactAsync(Guid organizerId, Guid taskId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var task = await FindOwnAsync(db, organizerId, taskId, ct);
        return task is null ? null : new TaskDeletionImpact(task.Title, await db.TaskProgress.CountAsync(p => p.TaskId == taskId && p.CompletedAt != null, ct));
    }

    /// <summary>Deletes a task with every partner's answers, including their uploaded files.</summary>
    public async Task<Result<bool>> DeleteAsync(Guid organizerId, Guid taskId, CancellationToken ct = default)
    {
        List<Guid> answerFiles;
        Guid eventId;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var task = await FindOwnAsync(db, organizerId, taskId, ct);
            if (task is null)
            {
                return TaskGone;
            }

            eventId = task.EventId;
            answerFiles = await db.TaskProgress.Where(p => p.TaskId == taskId && p.AnswerFileId != null).Select(p => p.AnswerFileId!.Value).ToListAsync(ct);
            db.Tasks.Remove(task);
            await db.SaveChangesAsync(ct);
        }

        await files.DeleteAsync(answerFiles, ct);
        await live.PublishAsync(new TasksChanged(eventId), ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Puts a task at a place of the organizer's list (0 first); the others follow in order.</summary>
    public async Task<Result<bool>> MoveAsync(Guid organizerId, Guid taskId, int index, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var task = await FindOwnAsync(db, organizerId, taskId, ct);
        if (task is null)
        {
            return TaskGone;
        }

        var ordered = await db.Tasks.Where(t => t.EventId == task.EventId).OrderBy(t => t.Position).ThenBy(t => t.CreatedAt).ToListAsync(ct);
        var moving = ordered.Single(t => t.Id == taskId);
        ordered.Remove(moving);
        ordered.Insert(Math.Clamp(index, 0, ordered.Count), moving);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].MoveTo(i);
        }

        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new TasksChanged(task.EventId), ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>
    /// The tracking board: every (task, partner) of the event's tasks' audiences, optionally of one
    /// task or one partner; overdue first, then active, then done, each by due date and name.
    /// </summary>
    public async Task<IReadOnlyList<TaskAssignment>> GetBoardAsync(Guid organizerId, Guid eventId, Guid? taskId = null, Guid? partnerId = null, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return [];
        }

        var now = time.GetUtcNow();
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.EventId == eventId && (taskId == null || t.Id == taskId)).OrderBy(t => t.Position).ToListAsync(ct);
        var partners = (await AudiencePartners.OfEventAsync(db, eventId, ct)).Where(p => partnerId == null || p.Id == partnerId).ToList();
        var progress = await ProgressOfAsync(db, eventId, ct);
        var names = await NamesAsync(db, progress.Values, ct);
        var rows = new List<TaskAssignment>();
        foreach (var task in tasks)
        {
            foreach (var partner in task.Audience.In(partners))
            {
                var row = progress.GetValueOrDefault((task.Id, partner.Id));
                var (text, choice) = AnswerOf(task, row);
                rows.Add(new TaskAssignment(
                    task.Id, task.Title, task.AnswerKind, task.DueAt, partner.Id, partner.Name, partner.Category, StateOf(task, row, now),
                    row?.CompletedAt, row?.CompletedBy is { } by ? names.People.GetValueOrDefault(by) : null, text, choice,
                    row?.AnswerFileId, row?.AnswerFileId is { } file ? names.Files.GetValueOrDefault(file) : null,
                    row?.LastRemindedAt, row?.ReminderCount ?? 0));
            }
        }

        return [.. rows.OrderBy(r => r.State).ThenBy(r => r.DueAt ?? DateTimeOffset.MaxValue).ThenBy(r => r.PartnerName, StringComparer.CurrentCulture).ThenBy(r => r.TaskTitle.ForCurrentCulture(), StringComparer.CurrentCulture)];
    }

    /// <summary>
    /// Reminds a partner of a task it has not done, or every partner of the task's audience that
    /// has not (no <paramref name="partnerId"/>): an e-mail to each of its administrators, in their
    /// language, through the outbox, with a link to its Tasks tab; the board shows when.
    /// </summary>
    public async Task<Result<ReminderResult>> RemindAsync(Guid organizerId, Guid taskId, Guid? partnerId, Uri baseUri, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        var now = time.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var task = await FindOwnAsync(db, organizerId, taskId, ct);
        if (task is null)
        {
            return TaskGone;
        }

        var show = await db.Events.AsNoTracking().FirstAsync(e => e.Id == task.EventId, ct);
        var slug = await db.Pages.Where(p => p.EventId == task.EventId && p.Kind == PageKind.Tasks).Select(p => p.Slug).FirstOrDefaultAsync(ct) ?? "tasks";
        var targets = task.Audience.In(await AudiencePartners.OfEventAsync(db, task.EventId, ct))
            .Where(p => partnerId == null || p.Id == partnerId).ToList();
        if (partnerId is not null && targets.Count == 0)
        {
            return Error.NotFound("partner-not-assigned", "This task is not assigned to this partner.");
        }

        var ids = targets.Select(p => p.Id).ToList();
        var progress = await db.TaskProgress.Where(p => p.TaskId == taskId && ids.Contains(p.PartnerId)).ToDictionaryAsync(p => p.PartnerId, ct);
        var admins = await db.PartnerMembers.AsNoTracking()
            .Where(m => ids.Contains(m.PartnerId) && m.Role == MemberRole.Administrator)
            .Select(m => new { m.PartnerId, m.Person })
            .ToListAsync(ct);
        int reminded = 0, emails = 0;
        EmailTemplateSet? templates = null;
        foreach (var partner in targets)
        {
            var row = progress.GetValueOrDefault(partner.Id);
            if (row?.IsCompleted == true)
            {
                continue;
            }

            if (row is null)
            {
                row = new TaskProgress(taskId, partner.Id);
                db.TaskProgress.Add(row);
            }

            row.Remind(now);
            reminded++;
            var link = new Uri(baseUri, $"/partner/{partner.Id}/{slug}");
            templates ??= await EmailTemplateService.LoadAsync(db, show.Id, EmailKind.TaskReminder, ct);
            foreach (var admin in admins.Where(a => a.PartnerId == partner.Id))
            {
                db.Outbox.Add(ComposeReminder(templates, admin.Person!, partner.Name, show.Name, show.TimeZoneId, task, link, now));
                emails++;
            }
        }

        if (partnerId is not null && reminded == 0)
        {
            return Error.Conflict("already-done", "This partner has already done this task.");
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (reminded > 0)
        {
            await live.PublishAsync(new TasksChanged(task.EventId), ct);
            await live.PublishAsync(new OutboxChanged(task.EventId), ct);
        }

        return Result<ReminderResult>.Ok(new ReminderResult(reminded, emails));
    }

    // ---- Partner ----

    /// <summary>S-2.5: the partner's tasks: active ones (overdue first, then by due date) and completed ones (latest first).</summary>
    public async Task<Result<PartnerTaskList>> GetForPartnerAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot see these tasks.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var partner = await PartnerAsync(db, partnerId, ct);
        var tasks = await TasksOfAsync(db, partner, ct);
        var ids = tasks.Select(t => t.Id).ToList();
        var progress = await db.TaskProgress.AsNoTracking().Where(p => p.PartnerId == partnerId && ids.Contains(p.TaskId)).ToDictionaryAsync(p => p.TaskId, ct);
        var names = await NamesAsync(db, progress.Values, ct);
        var now = time.GetUtcNow();
        var items = tasks.Select(t =>
        {
            var row = progress.GetValueOrDefault(t.Id);
            var (text, _) = AnswerOf(t, row);
            return new PartnerTaskItem(
                t.Id, t.Title, t.Instructions, t.AnswerKind, t.Choices, RulesOf(t), t.DueAt, StateOf(t, row, now), t.CanReopen(now), row?.Version ?? 0,
                t.AnswerKind == TaskAnswerKind.Choice ? null : text, ChoiceIndexOf(t, row),
                row?.AnswerFileId, row?.AnswerFileId is { } file ? names.Files.GetValueOrDefault(file) : null,
                row?.CompletedAt, row?.CompletedBy is { } by ? names.People.GetValueOrDefault(by) : null);
        }).ToList();
        return Result<PartnerTaskList>.Ok(new PartnerTaskList(
            [.. items.Where(i => i.State != TaskState.Completed).OrderBy(i => i.State).ThenBy(i => i.DueAt ?? DateTimeOffset.MaxValue)],
            [.. items.Where(i => i.State == TaskState.Completed).OrderByDescending(i => i.CompletedAt)]));
    }

    /// <summary>
    /// Stores a file for a file task, checked against the task's rules by content and size and
    /// streamed to disk; the answer then names it (<see cref="AnswerAsync"/>).
    /// </summary>
    public async Task<Result<Guid>> UploadAsync(Viewer viewer, Guid partnerId, Guid taskId, string fileName, long length, Stream content, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot answer these tasks.");
        }

        PartnerTask? task;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            task = (await TasksOfAsync(db, await PartnerAsync(db, partnerId, ct), ct)).FirstOrDefault(t => t.Id == taskId);
        }

        if (task is null)
        {
            return TaskGone;
        }

        if (task.AnswerKind != TaskAnswerKind.File)
        {
            return Error.Conflict("not-a-file-task", "This task no longer takes a file: reload it.");
        }

        return await files.StoreAsync(task.EventId, partnerId, FilePurpose.TaskAnswer, RulesOf(task), task.Title.ForCurrentCulture(), fileName, length, content, ct);
    }

    /// <summary>
    /// Completes a task with the partner's answer. <paramref name="progressVersion"/> is the version
    /// the partner saw: a colleague's answer or reopening meanwhile is a conflict, never overwritten.
    /// </summary>
    public async Task<Result<bool>> AnswerAsync(Viewer viewer, Guid partnerId, Guid taskId, TaskAnswer answer, int progressVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(answer);
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot answer these tasks.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var partner = await PartnerAsync(db, partnerId, ct);
        var task = (await TasksOfAsync(db, partner, ct)).FirstOrDefault(t => t.Id == taskId);
        if (task is null)
        {
            return TaskGone;
        }

        var (text, fileId, problem) = await CheckAnswerAsync(db, task, partnerId, answer, ct);
        if (problem is not null)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["answer"] = [problem] });
        }

        var row = await db.TaskProgress.FirstOrDefaultAsync(p => p.TaskId == taskId && p.PartnerId == partnerId, ct);
        if ((row?.Version ?? 0) != progressVersion || row?.IsCompleted == true)
        {
            return Error.Conflict("changed", "A colleague answered or reopened this task meanwhile. Reload to see it.");
        }

        if (row is null)
        {
            row = new TaskProgress(taskId, partnerId);
            db.TaskProgress.Add(row);
        }
        else
        {
            db.Entry(row).Property(p => p.Version).OriginalValue = progressVersion;
        }

        var previousFile = row.AnswerFileId;
        row.Complete(text, fileId, viewer.Kind == ViewerKind.Person ? viewer.Id : null, time.GetUtcNow());
        if (!await SaveProgressAsync(db, ct))
        {
            return Error.Conflict("changed", "A colleague answered or reopened this task meanwhile. Reload to see it.");
        }

        if (previousFile is { } old && old != fileId)
        {
            await files.DeleteAsync([old], ct);
        }

        await PublishProgressAsync(task.EventId, partnerId, taskId, ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Makes a completed task active again while the task allows it (<see cref="PartnerTask.CanReopen"/>); the answer stays as a draft.</summary>
    public async Task<Result<bool>> ReopenAsync(Viewer viewer, Guid partnerId, Guid taskId, int progressVersion, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot answer these tasks.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var task = (await TasksOfAsync(db, await PartnerAsync(db, partnerId, ct), ct)).FirstOrDefault(t => t.Id == taskId);
        if (task is null)
        {
            return TaskGone;
        }

        if (!task.CanReopen(time.GetUtcNow()))
        {
            return Error.Conflict("closed", task.AllowReopen ? "The due date has passed: this answer can no longer be changed." : "The organizer does not allow changing this answer.");
        }

        var row = await db.TaskProgress.FirstOrDefaultAsync(p => p.TaskId == taskId && p.PartnerId == partnerId, ct);
        if (row is null || !row.IsCompleted || row.Version != progressVersion)
        {
            return Error.Conflict("changed", "A colleague answered or reopened this task meanwhile. Reload to see it.");
        }

        db.Entry(row).Property(p => p.Version).OriginalValue = progressVersion;
        row.Reopen();
        if (!await SaveProgressAsync(db, ct))
        {
            return Error.Conflict("changed", "A colleague answered or reopened this task meanwhile. Reload to see it.");
        }

        await PublishProgressAsync(task.EventId, partnerId, taskId, ct);
        return Result<bool>.Ok(true);
    }

    // ---- Home and readiness ----

    /// <summary>S-2.1: how many tasks of the partner await an answer.</summary>
    public async Task<int> CountOpenAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId, ct))
        {
            return 0;
        }

        var ids = (await TasksOfAsync(db, await PartnerAsync(db, partnerId, ct), ct)).Select(t => t.Id).ToList();
        var done = await db.TaskProgress.CountAsync(p => p.PartnerId == partnerId && ids.Contains(p.TaskId) && p.CompletedAt != null, ct);
        return ids.Count - done;
    }

    /// <summary>Readiness: the tasks each partner completed of those assigned to it.</summary>
    public async Task<IReadOnlyDictionary<Guid, (int Done, int Total)>> GetCompletionAsync(Guid eventId, Guid? partnerId = null, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.EventId == eventId).ToListAsync(ct);
        var partners = (await AudiencePartners.OfEventAsync(db, eventId, ct)).Where(p => partnerId == null || p.Id == partnerId).ToList();
        var progress = await ProgressOfAsync(db, eventId, ct);
        return partners.ToDictionary(p => p.Id, p =>
        {
            var assigned = tasks.Where(t => t.Audience.Includes(p)).ToList();
            return (assigned.Count(t => progress.TryGetValue((t.Id, p.Id), out var row) && row.IsCompleted), assigned.Count);
        });
    }

    // ---- Helpers ----

    private static async Task<bool> IsOrganizerAsync(PartnerSpaceDbContext db, Guid organizerId, Guid eventId, CancellationToken ct) =>
        await db.EventOrganizers.AnyAsync(o => o.UserId == organizerId && o.EventId == eventId, ct);

    private static async Task<PartnerTask?> FindOwnAsync(PartnerSpaceDbContext db, Guid organizerId, Guid taskId, CancellationToken ct) =>
        await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId && db.EventOrganizers.Any(o => o.UserId == organizerId && o.EventId == t.EventId), ct);

    private static async Task<(AudiencePartner Partner, Guid EventId)> PartnerAsync(PartnerSpaceDbContext db, Guid partnerId, CancellationToken ct)
    {
        var p = await db.Partners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => new { p.Id, p.Name, p.Category, p.IsTestPartner, p.EventId }).FirstAsync(ct);
        return (new AudiencePartner(p.Id, p.Name, p.Category, p.IsTestPartner), p.EventId);
    }

    /// <summary>The tasks of the partner's event whose audience includes it, resolved now.</summary>
    private static async Task<List<PartnerTask>> TasksOfAsync(PartnerSpaceDbContext db, (AudiencePartner Partner, Guid EventId) partner, CancellationToken ct)
    {
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.EventId == partner.EventId).OrderBy(t => t.Position).ToListAsync(ct);
        return [.. tasks.Where(t => t.Audience.Includes(partner.Partner))];
    }

    private static async Task<Dictionary<(Guid TaskId, Guid PartnerId), TaskProgress>> ProgressOfAsync(PartnerSpaceDbContext db, Guid eventId, CancellationToken ct) =>
        await db.TaskProgress.AsNoTracking()
            .Where(p => db.Tasks.Any(t => t.Id == p.TaskId && t.EventId == eventId))
            .ToDictionaryAsync(p => (p.TaskId, p.PartnerId), ct);

    private static async Task<(Dictionary<Guid, string> People, Dictionary<Guid, string> Files)> NamesAsync(PartnerSpaceDbContext db, IEnumerable<TaskProgress> rows, CancellationToken ct)
    {
        var list = rows.ToList();
        var people = list.Select(r => r.CompletedBy).OfType<Guid>().Distinct().ToList();
        var fileIds = list.Select(r => r.AnswerFileId).OfType<Guid>().Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => people.Contains(p.Id)).Select(p => new { p.Id, p.FirstName, p.LastName }).ToListAsync(ct);
        var fileNames = await db.Files.AsNoTracking().Where(f => fileIds.Contains(f.Id)).Select(f => new { f.Id, f.FileName }).ToListAsync(ct);
        return (names.ToDictionary(n => n.Id, n => $"{n.FirstName} {n.LastName}".Trim()), fileNames.ToDictionary(f => f.Id, f => f.FileName));
    }

    private static TaskState StateOf(PartnerTask task, TaskProgress? row, DateTimeOffset now) =>
        row?.IsCompleted == true ? TaskState.Completed : task.IsOverdue(now) ? TaskState.Overdue : TaskState.Active;

    private static FileRules RulesOf(PartnerTask task) => task.FileRules ?? FileRules.DefaultFile;

    private static int? ChoiceIndexOf(PartnerTask task, TaskProgress? row) =>
        task.AnswerKind == TaskAnswerKind.Choice && int.TryParse(row?.AnswerText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < task.Choices.Count ? index : null;

    private static (string? Text, LocalizedText? Choice) AnswerOf(PartnerTask task, TaskProgress? row) =>
        task.AnswerKind == TaskAnswerKind.Choice
            ? (row?.AnswerText, ChoiceIndexOf(task, row) is { } i ? task.Choices[i] : null)
            : (row?.AnswerText, null);

    private static async Task<(string? Text, Guid? FileId, string? Problem)> CheckAnswerAsync(PartnerSpaceDbContext db, PartnerTask task, Guid partnerId, TaskAnswer answer, CancellationToken ct)
    {
        switch (task.AnswerKind)
        {
            case TaskAnswerKind.Text:
                var text = Text.Clean(answer.Text);
                return text switch
                {
                    null => (null, null, "Write an answer."),
                    { Length: > TaskProgress.AnswerMaxLength } => (null, null, $"An answer is at most {TaskProgress.AnswerMaxLength} characters."),
                    _ => (text, null, null),
                };
            case TaskAnswerKind.Choice:
                return answer.Choice is { } choice && choice >= 0 && choice < task.Choices.Count
                    ? (choice.ToString(CultureInfo.InvariantCulture), null, null)
                    : (null, null, "Choose one of the answers.");
            case TaskAnswerKind.File:
                // Only a file uploaded for this partner's task answers may be named: not someone else's.
                var ok = answer.FileId is { } id && await db.Files.AnyAsync(f => f.Id == id && f.PartnerId == partnerId && f.Purpose == FilePurpose.TaskAnswer, ct);
                return ok ? (null, answer.FileId, null) : (null, null, "Upload a file.");
            default:
                return (null, null, null);
        }
    }

    private static async Task<bool> SaveProgressAsync(PartnerSpaceDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Two first answers racing: the (task, partner) key or the version picks one winner.
            return false;
        }
    }

    private async Task PublishProgressAsync(Guid eventId, Guid partnerId, Guid taskId, CancellationToken ct)
    {
        await live.PublishAsync(new TaskStatusChanged(partnerId, taskId), ct);
        await live.PublishAsync(new TasksChanged(eventId), ct);
    }

    /// <summary>The clean draft, or the field errors: title, instructions, answerKind, choices, fileRules, dueAt, audience.</summary>
    private static (TaskDraft? Clean, Dictionary<string, string[]> Errors) Validate(TaskDraft draft, IReadOnlyList<AudiencePartner> partners, DateTimeOffset? previousDueAt, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var title = new LocalizedText((draft.Title?.Fr ?? "").Trim(), (draft.Title?.En ?? "").Trim());
        var instructions = new LocalizedText((draft.Instructions?.Fr ?? "").Trim(), (draft.Instructions?.En ?? "").Trim());
        if (title.Fr.Length == 0 && title.En.Length == 0)
        {
            errors["title"] = ["A task needs a title in French or in English."];
        }
        else if (title.Fr.Length > PartnerTask.TitleMaxLength || title.En.Length > PartnerTask.TitleMaxLength)
        {
            errors["title"] = [$"A title is at most {PartnerTask.TitleMaxLength} characters."];
        }

        if (instructions.Fr.Length > PartnerTask.InstructionsMaxLength || instructions.En.Length > PartnerTask.InstructionsMaxLength)
        {
            errors["instructions"] = [$"Instructions are at most {PartnerTask.InstructionsMaxLength} characters in each language."];
        }

        if (!Enum.IsDefined(draft.AnswerKind))
        {
            errors["answerKind"] = ["Choose how partners answer."];
        }

        IReadOnlyList<LocalizedText> choices = [];
        if (draft.AnswerKind == TaskAnswerKind.Choice)
        {
            choices = [.. (draft.Choices ?? []).Select(c => new LocalizedText((c?.Fr ?? "").Trim(), (c?.En ?? "").Trim())).Where(c => c.Fr.Length > 0 || c.En.Length > 0)];
            if (choices.Count is < MinChoices or > PartnerTask.MaxChoices)
            {
                errors["choices"] = [$"A choice task has {MinChoices} to {PartnerTask.MaxChoices} answers."];
            }
            else if (choices.Any(c => c.Fr.Length > ChoiceMaxLength || c.En.Length > ChoiceMaxLength))
            {
                errors["choices"] = [$"An answer is at most {ChoiceMaxLength} characters."];
            }
        }

        FileRules? rules = null;
        if (draft.AnswerKind == TaskAnswerKind.File)
        {
            rules = draft.FileRules ?? FileRules.DefaultFile;
            if (rules.Problems(FieldType.File) is { Count: > 0 } problems)
            {
                errors["fileRules"] = [.. problems.Values];
            }
        }

        // A due date already past may stay as it was; a new one must be ahead.
        if (draft.DueAt is { } due && due < now && due != previousDueAt)
        {
            errors["dueAt"] = ["The due date has passed: choose a later one."];
        }

        var (audience, audienceProblem) = AudiencePartners.Clean(draft.Audience, partners);
        if (audienceProblem is not null)
        {
            errors["audience"] = [audienceProblem];
        }

        return errors.Count > 0
            ? (null, errors)
            : (draft with { Title = title, Instructions = instructions, Choices = choices, FileRules = rules, Audience = audience! }, errors);
    }

    private static OutboxMessage ComposeReminder(EmailTemplateSet templates, Person person, string partnerName, LocalizedText eventName, string timeZoneId, PartnerTask task, Uri link, DateTimeOffset now)
    {
        var culture = CultureInfo.GetCultureInfo(EmailTemplateService.NormalizeLanguage(person.Language));
        var due = task.DueAt is { } at
            ? EmailTexts.Get("TaskReminder.Due", culture).Replace("{date}", ToZone(at, timeZoneId).ToString("f", culture), StringComparison.Ordinal)
            : "";
        return templates.Compose(culture.Name, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["firstName"] = person.FirstName,
            ["eventName"] = eventName.For(culture.Name),
            ["partnerName"] = partnerName,
            ["taskTitle"] = task.Title.For(culture.Name),
            ["due"] = due,
            [EmailTemplateService.LinkPlaceholder] = link.ToString(),
        }).ToOutbox(person.EventId, person.Email, now);
    }

    private static DateTimeOffset ToZone(DateTimeOffset utc, string timeZoneId) =>
        TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc);
}
