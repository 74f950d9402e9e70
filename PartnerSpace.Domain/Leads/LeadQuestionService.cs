using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Leads;

/// <summary>A partner's qualification questions changed (added, edited, moved or deleted).</summary>
public sealed record LeadQuestionsChanged(Guid PartnerId) : LiveEvent(Topics.Partner(PartnerId));

/// <summary>A question as its editor submits it; <see cref="Options"/> only matter for a choice.</summary>
public sealed record LeadQuestionDraft(string? Label, LeadQuestionKind Kind, IReadOnlyList<string> Options);

/// <summary>
/// Edits a partner's own qualification questions (S-2.12): at most <see cref="LeadQuestion.MaxPerPartner"/>,
/// in the partner's order. Callers have checked that the user administers the partner. Field errors
/// name <c>label</c>, <c>kind</c> or <c>options</c>; too many questions is a <c>too-many-questions</c> conflict.
/// </summary>
public sealed class LeadQuestionService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time)
{
    public const int MinChoiceOptions = 2;
    public const int MaxChoiceOptions = 30;

    public async Task<Result<LeadQuestionView>> AddAsync(Guid partnerId, LeadQuestionDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var (label, options, errors) = Check(draft);
        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var positions = await db.LeadQuestions.Where(q => q.PartnerId == partnerId).Select(q => q.Position).ToListAsync(ct);
        if (positions.Count >= LeadQuestion.MaxPerPartner)
        {
            return Error.Conflict("too-many-questions", $"A partner may have at most {LeadQuestion.MaxPerPartner} questions.");
        }

        var question = new LeadQuestion(partnerId, label!, draft.Kind, options, positions.Count == 0 ? 0 : positions.Max() + 1, time.GetUtcNow());
        db.LeadQuestions.Add(question);
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new LeadQuestionsChanged(partnerId), ct);
        return Result<LeadQuestionView>.Ok(ToView(question));
    }

    /// <summary>Changes a question. Existing answers stay as they were, even if a choice loses the option they name.</summary>
    public async Task<Result<LeadQuestionView>> UpdateAsync(Guid partnerId, Guid questionId, LeadQuestionDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var (label, options, errors) = Check(draft);
        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var question = await db.LeadQuestions.FirstOrDefaultAsync(q => q.Id == questionId && q.PartnerId == partnerId, ct);
        if (question is null)
        {
            return Error.NotFound("question-not-found", "This question does not exist.");
        }

        question.Change(label!, draft.Kind, options);
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new LeadQuestionsChanged(partnerId), ct);
        return Result<LeadQuestionView>.Ok(ToView(question));
    }

    /// <summary>Moves a question one place up (-1) or down (+1); at an end it stays.</summary>
    public async Task<Result<bool>> MoveAsync(Guid partnerId, Guid questionId, int delta, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var questions = await db.LeadQuestions.Where(q => q.PartnerId == partnerId)
            .OrderBy(q => q.Position).ThenBy(q => q.CreatedAt).ToListAsync(ct);
        var index = questions.FindIndex(q => q.Id == questionId);
        if (index < 0)
        {
            return Error.NotFound("question-not-found", "This question does not exist.");
        }

        var target = index + Math.Sign(delta);
        if (target < 0 || target >= questions.Count || target == index)
        {
            return Result<bool>.Ok(false);
        }

        (questions[index], questions[target]) = (questions[target], questions[index]);
        for (var i = 0; i < questions.Count; i++)
        {
            questions[i].MoveTo(i);
        }

        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new LeadQuestionsChanged(partnerId), ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Deletes a question and drops its answers from the partner's leads; returns how many leads lost an answer.</summary>
    public async Task<Result<int>> DeleteAsync(Guid partnerId, Guid questionId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var question = await db.LeadQuestions.FirstOrDefaultAsync(q => q.Id == questionId && q.PartnerId == partnerId, ct);
        if (question is null)
        {
            return Error.NotFound("question-not-found", "This question does not exist.");
        }

        // Answers are JSON keyed by question id: only leads whose JSON names it are read.
        var key = $"\"{questionId}\"";
        var answered = await db.Leads.Where(l => l.PartnerId == partnerId && l.Answers != null && l.Answers.Contains(key)).ToListAsync(ct);
        var dropped = answered.Count(l => l.DropAnswer(questionId));
        db.LeadQuestions.Remove(question);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await live.PublishAsync(new LeadQuestionsChanged(partnerId), ct);
        return Result<int>.Ok(dropped);
    }

    internal static (string? Label, IReadOnlyList<string> Options, Dictionary<string, string[]> Errors) Check(LeadQuestionDraft draft)
    {
        var errors = new Dictionary<string, string[]>();
        var label = Text.Clean(draft.Label);
        if (label is null)
        {
            errors["label"] = ["Write the question."];
        }
        else if (label.Length > LeadQuestion.LabelMaxLength)
        {
            errors["label"] = [$"A question may have at most {LeadQuestion.LabelMaxLength} characters."];
        }

        if (!Enum.IsDefined(draft.Kind))
        {
            errors["kind"] = ["Choose text, choice or yes/no."];
        }

        IReadOnlyList<string> options = draft.Kind == LeadQuestionKind.Choice
            ? [.. (draft.Options ?? []).Select(Text.Clean).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)]
            : [];
        if (draft.Kind == LeadQuestionKind.Choice)
        {
            if (options.Count < MinChoiceOptions)
            {
                errors["options"] = [$"A choice needs at least {MinChoiceOptions} different options."];
            }
            else if (options.Count > MaxChoiceOptions)
            {
                errors["options"] = [$"A choice may have at most {MaxChoiceOptions} options."];
            }
            else if (options.Any(o => o.Contains('\n', StringComparison.Ordinal)) || string.Join('\n', options).Length > LeadQuestion.OptionsMaxLength)
            {
                errors["options"] = [$"Options may have at most {LeadQuestion.OptionsMaxLength} characters in all."];
            }
        }

        return (label, options, errors);
    }

    internal static LeadQuestionView ToView(LeadQuestion q) => new(q.Id, q.Label, q.Kind, q.OptionList, q.Position);
}
