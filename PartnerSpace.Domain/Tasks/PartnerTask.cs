using System.Text.Json;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Tasks;

/// <summary>S-2.5: how a partner answers a task.</summary>
public enum TaskAnswerKind
{
    /// <summary>"Done" / "I have read it": one click.</summary>
    Acknowledgement = 1,

    /// <summary>A written answer.</summary>
    Text = 2,

    /// <summary>An uploaded file, checked by the task's file rules.</summary>
    File = 3,

    /// <summary>One of the organizer's choices.</summary>
    Choice = 4,
}

/// <summary>S-2.5: a task the organizer assigns to partners (all, categories or chosen ones).</summary>
public sealed class PartnerTask
{
    public const int TitleMaxLength = 160;
    public const int InstructionsMaxLength = 4000;
    public const int MaxChoices = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private PartnerTask()
    {
    }

    public PartnerTask(Guid eventId, LocalizedText title, LocalizedText instructions, TaskAnswerKind answerKind, DateTimeOffset? dueAt, Audience audience, DateTimeOffset createdAt)
    {
        EventId = eventId;
        Title = title;
        Instructions = instructions;
        AnswerKind = answerKind;
        DueAt = dueAt;
        AudienceJson = audience.ToJson();
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    public LocalizedText Title { get; private set; } = LocalizedText.Empty;

    public LocalizedText Instructions { get; private set; } = LocalizedText.Empty;

    public TaskAnswerKind AnswerKind { get; private set; }

    /// <summary>The choices of a <see cref="TaskAnswerKind.Choice"/> task, as JSON (list of fr/en texts).</summary>
    public string ChoicesJson { get; private set; } = "[]";

    /// <summary>The file rules of a <see cref="TaskAnswerKind.File"/> task, as JSON; null elsewhere.</summary>
    public string? FileRulesJson { get; private set; }

    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>Whether a partner may reopen a completed task (until the due date, when there is one).</summary>
    public bool AllowReopen { get; private set; } = true;

    public string AudienceJson { get; private set; } = "";

    public Audience Audience => Audience.FromJson(AudienceJson);

    public IReadOnlyList<LocalizedText> Choices => JsonSerializer.Deserialize<List<LocalizedText>>(ChoicesJson, Json) ?? [];

    public FileRules? FileRules => FileRulesJson is null ? null : JsonSerializer.Deserialize<FileRules>(FileRulesJson, Json);

    /// <summary>Order on the organizer's list, from 0.</summary>
    public int Position { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public int Version { get; private set; }

    public bool IsOverdue(DateTimeOffset now) => DueAt is { } due && due < now;

    /// <summary>Whether a partner may reopen its completed answer now.</summary>
    public bool CanReopen(DateTimeOffset now) => AllowReopen && !IsOverdue(now);

    internal void Edit(LocalizedText title, LocalizedText instructions, TaskAnswerKind answerKind, IReadOnlyList<LocalizedText> choices, FileRules? fileRules, DateTimeOffset? dueAt, bool allowReopen, Audience audience)
    {
        Title = title;
        Instructions = instructions;
        AnswerKind = answerKind;
        ChoicesJson = JsonSerializer.Serialize(choices, Json);
        FileRulesJson = answerKind == TaskAnswerKind.File && fileRules is not null ? JsonSerializer.Serialize(fileRules, Json) : null;
        DueAt = dueAt;
        AllowReopen = allowReopen;
        AudienceJson = audience.ToJson();
        Version++;
    }

    internal void MoveTo(int position) => Position = position;
}

/// <summary>
/// A partner's state on one task: created with the first answer or reminder. No row means the
/// task is active and nobody reminded the partner yet.
/// </summary>
public sealed class TaskProgress
{
    public const int AnswerMaxLength = 4000;

    private TaskProgress()
    {
    }

    public TaskProgress(Guid taskId, Guid partnerId)
    {
        TaskId = taskId;
        PartnerId = partnerId;
    }

    public Guid TaskId { get; private set; }

    public Guid PartnerId { get; private set; }

    /// <summary>When the partner completed the task; null while active (never answered, or reopened).</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Who completed it (a person of the event), for the organizer's board.</summary>
    public Guid? CompletedBy { get; private set; }

    /// <summary>The text, or the chosen choice's index, of the last answer.</summary>
    public string? AnswerText { get; private set; }

    /// <summary>The uploaded file of a file task's last answer.</summary>
    public Guid? AnswerFileId { get; private set; }

    public DateTimeOffset? LastRemindedAt { get; private set; }

    public int ReminderCount { get; private set; }

    public int Version { get; private set; }

    public bool IsCompleted => CompletedAt is not null;

    internal void Complete(string? answerText, Guid? answerFileId, Guid? by, DateTimeOffset at)
    {
        AnswerText = answerText;
        AnswerFileId = answerFileId;
        CompletedBy = by;
        CompletedAt = at;
        Version++;
    }

    /// <summary>Makes the task active again; the last answer stays as a draft.</summary>
    internal void Reopen()
    {
        CompletedAt = null;
        Version++;
    }

    internal void Remind(DateTimeOffset at)
    {
        LastRemindedAt = at;
        ReminderCount++;
    }
}
