using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Tasks;

/// <summary>What the organizer types to create or edit a task (S-2.5).</summary>
public sealed record TaskDraft(
    LocalizedText Title,
    LocalizedText Instructions,
    TaskAnswerKind AnswerKind,
    IReadOnlyList<LocalizedText> Choices,
    FileRules? FileRules,
    DateTimeOffset? DueAt,
    bool AllowReopen,
    Audience Audience,
    int Version = 0)
{
    public static TaskDraft New() => new(LocalizedText.Empty, LocalizedText.Empty, TaskAnswerKind.Acknowledgement, [], null, null, true, Audience.All);
}

/// <summary>Where a partner stands on a task; the board's order: overdue first, done last.</summary>
public enum TaskState
{
    Overdue = 0,
    Active = 1,
    Completed = 2,
}

/// <summary>A task on the organizer's list, with its progress: <see cref="Done"/> of <see cref="Assigned"/> partners.</summary>
public sealed record TaskSummary(
    Guid Id,
    LocalizedText Title,
    LocalizedText Instructions,
    TaskAnswerKind AnswerKind,
    IReadOnlyList<LocalizedText> Choices,
    FileRules? FileRules,
    DateTimeOffset? DueAt,
    bool AllowReopen,
    Audience Audience,
    int Version,
    int Assigned,
    int Done,
    int Answers)
{
    public TaskDraft ToDraft() => new(Title, Instructions, AnswerKind, Choices, FileRules, DueAt, AllowReopen, Audience, Version);
}

/// <summary>One partner on one task, as the organizer's tracking board shows it.</summary>
public sealed record TaskAssignment(
    Guid TaskId,
    LocalizedText TaskTitle,
    TaskAnswerKind AnswerKind,
    DateTimeOffset? DueAt,
    Guid PartnerId,
    string PartnerName,
    string? Category,
    TaskState State,
    DateTimeOffset? CompletedAt,
    string? CompletedByName,
    string? AnswerText,
    LocalizedText? Choice,
    Guid? AnswerFileId,
    string? AnswerFileName,
    DateTimeOffset? LastRemindedAt,
    int ReminderCount);

/// <summary>A task in a partner's Tasks tab, with the partner's last answer.</summary>
public sealed record PartnerTaskItem(
    Guid TaskId,
    LocalizedText Title,
    LocalizedText Instructions,
    TaskAnswerKind AnswerKind,
    IReadOnlyList<LocalizedText> Choices,
    FileRules FileRules,
    DateTimeOffset? DueAt,
    TaskState State,
    bool CanReopen,
    int ProgressVersion,
    string? AnswerText,
    int? ChoiceIndex,
    Guid? AnswerFileId,
    string? AnswerFileName,
    DateTimeOffset? CompletedAt,
    string? CompletedByName);

/// <summary>S-2.5: a partner's tasks, split into active (awaiting an answer) and completed.</summary>
public sealed record PartnerTaskList(IReadOnlyList<PartnerTaskItem> Active, IReadOnlyList<PartnerTaskItem> Completed);

/// <summary>A partner's answer: the text, the chosen choice's index or the uploaded file, by the task's kind.</summary>
public sealed record TaskAnswer(string? Text = null, int? Choice = null, Guid? FileId = null);

/// <summary>What a reminder did: how many partners it reminded, with how many e-mails.</summary>
public sealed record ReminderResult(int Partners, int Emails);

/// <summary>What goes with a task when it is deleted, for the confirmation.</summary>
public sealed record TaskDeletionImpact(LocalizedText Title, int Answers);
