using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Leads;

/// <summary>A lead's qualification changed (from the list, the scanner or the API).</summary>
public sealed record LeadQualified(Guid PartnerId, Guid LeadId) : LiveEvent(Topics.Partner(PartnerId));

/// <summary>One lead as the qualification editor shows it.</summary>
/// <param name="Email">Only while the person consents (<see cref="Consent"/> is not None).</param>
public sealed record LeadCard(
    Guid LeadId,
    Guid PersonId,
    string FirstName,
    string LastName,
    string? Company,
    string? Email,
    LeadSources Sources,
    LeadConsent Consent,
    DateTimeOffset? ConsentAt,
    int ScanCount,
    DateTimeOffset CreatedAt,
    LeadQualification Qualification,
    DateTimeOffset? QualifiedAt,
    string? QualifiedBy);

/// <summary>A question as the editor and the scanner show it.</summary>
public sealed record LeadQuestionView(Guid Id, string Label, LeadQuestionKind Kind, IReadOnlyList<string> Options, int Position);

/// <summary>A team member who may own a lead's follow-up.</summary>
public sealed record LeadOwnerChoice(Guid PersonId, string Name, string Email);

/// <summary>
/// Qualifies a partner's leads (S-2.12): rating, follow-up, notes, tags, owner and answers to the
/// partner's own questions. Callers have checked that the user may manage this partner's leads;
/// every method is scoped to <c>partnerId</c>, so another partner's lead is simply not found.
/// </summary>
public sealed class LeadQualificationService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time)
{
    public const int MaxTagSuggestions = 200;

    public async Task<LeadCard?> GetAsync(Guid partnerId, Guid leadId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var lead = await db.Leads.AsNoTracking().Include(l => l.Person)
            .FirstOrDefaultAsync(l => l.Id == leadId && l.PartnerId == partnerId, ct);
        return lead is null ? null : ToCard(lead);
    }

    public async Task<IReadOnlyList<LeadQuestionView>> GetQuestionsAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var questions = await db.LeadQuestions.AsNoTracking().Where(q => q.PartnerId == partnerId)
            .OrderBy(q => q.Position).ThenBy(q => q.CreatedAt).ToListAsync(ct);
        return [.. questions.Select(q => new LeadQuestionView(q.Id, q.Label, q.Kind, q.OptionList, q.Position))];
    }

    /// <summary>Tags the partner already uses, for suggestions: most used first, then by name.</summary>
    public async Task<IReadOnlyList<string>> GetTagsAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);

        // Distinct tag sets are few next to leads (a team reuses a handful): count them in SQL, split here.
        var sets = await db.Leads.AsNoTracking().Where(l => l.PartnerId == partnerId && l.Tags != null)
            .GroupBy(l => l.Tags!).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return [.. sets.SelectMany(s => LeadTags.Parse(s.Key).Select(t => (Tag: t, s.Count)))
            .GroupBy(t => t.Tag, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Tag: g.First().Tag, Count: g.Sum(t => t.Count)))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Tag, StringComparer.CurrentCultureIgnoreCase)
            .Take(MaxTagSuggestions)
            .Select(t => t.Tag)];
    }

    /// <summary>The partner's team, who may own a lead's follow-up.</summary>
    public async Task<IReadOnlyList<LeadOwnerChoice>> GetOwnersAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var owners = await db.PartnerMembers.AsNoTracking()
            .Where(m => m.PartnerId == partnerId)
            .Select(m => new LeadOwnerChoice(m.PersonId, m.Person!.FirstName + " " + m.Person.LastName, m.Person.Email))
            .ToListAsync(ct);
        return [.. owners.DistinctBy(o => o.PersonId).OrderBy(o => o.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>
    /// Saves a qualification. Field errors name <c>notes</c>, <c>tags</c>, <c>owner</c> or
    /// <c>answers.{questionId}</c>; a stale <see cref="LeadQualification.Version"/> gives a
    /// <c>lead-changed</c> conflict and saves nothing.
    /// </summary>
    public async Task<Result<LeadCard>> QualifyAsync(Guid partnerId, Guid leadId, LeadQualification draft, string? by, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var lead = await db.Leads.Include(l => l.Person).FirstOrDefaultAsync(l => l.Id == leadId && l.PartnerId == partnerId, ct);
        if (lead is null)
        {
            return Error.NotFound("lead-not-found", "This lead does not exist.");
        }

        var questions = await db.LeadQuestions.AsNoTracking().Where(q => q.PartnerId == partnerId).ToDictionaryAsync(q => q.Id, ct);
        var ownerIsMember = draft.OwnerPersonId is not { } owner
            || await db.PartnerMembers.AnyAsync(m => m.PartnerId == partnerId && m.PersonId == owner, ct);
        var (clean, errors) = Check(draft, questions, ownerIsMember);
        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        if (draft.Version is { } version && version != lead.Version)
        {
            return Error.Conflict("lead-changed", "Someone else changed this lead meanwhile. Reload it and try again.");
        }

        lead.Qualify(clean, Text.Clean(by), time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("lead-changed", "Someone else changed this lead meanwhile. Reload it and try again.");
        }

        await live.PublishAsync(new LeadQualified(partnerId, leadId), ct);
        return Result<LeadCard>.Ok(ToCard(lead));
    }

    internal static (LeadQualification Clean, Dictionary<string, string[]> Errors) Check(
        LeadQualification draft, IReadOnlyDictionary<Guid, LeadQuestion> questions, bool ownerIsMember)
    {
        var errors = new Dictionary<string, string[]>();
        var notes = Text.Clean(draft.Notes);
        if (notes is { Length: > Lead.NotesMaxLength })
        {
            errors["notes"] = [$"Notes may have at most {Lead.NotesMaxLength} characters."];
        }

        if (!Enum.IsDefined(draft.Rating))
        {
            errors["rating"] = ["Choose hot, warm, cold or no rating."];
        }

        if (!Enum.IsDefined(draft.FollowUp))
        {
            errors["followUp"] = ["Choose a follow-up status."];
        }

        var tags = LeadTags.Normalize(draft.Tags);
        if (tags.Count > Lead.MaxTags)
        {
            errors["tags"] = [$"A lead may have at most {Lead.MaxTags} tags."];
        }
        else if (tags.Any(t => t.Length > Lead.TagMaxLength))
        {
            errors["tags"] = [$"A tag may have at most {Lead.TagMaxLength} characters."];
        }

        if (!ownerIsMember)
        {
            errors["owner"] = ["The owner must be a member of the partner's team."];
        }

        var answers = new Dictionary<Guid, string>();
        foreach (var (id, raw) in draft.Answers)
        {
            var answer = Text.Clean(raw);
            if (answer is null)
            {
                continue;
            }

            var key = $"answers.{id}";
            if (!questions.TryGetValue(id, out var question))
            {
                errors[key] = ["This question no longer exists."];
            }
            else if (answer.Length > LeadQuestion.AnswerMaxLength)
            {
                errors[key] = [$"An answer may have at most {LeadQuestion.AnswerMaxLength} characters."];
            }
            else if (question.Kind == LeadQuestionKind.Choice && !question.OptionList.Contains(answer, StringComparer.Ordinal))
            {
                errors[key] = ["Choose one of the question's options."];
            }
            else if (question.Kind == LeadQuestionKind.YesNo && answer is not ("yes" or "no"))
            {
                errors[key] = ["Answer yes or no."];
            }
            else
            {
                answers[id] = answer;
            }
        }

        return (draft with { Notes = notes, Tags = tags, Answers = answers }, errors);
    }

    internal static LeadCard ToCard(Lead lead)
    {
        var person = lead.Person ?? throw new InvalidOperationException("Load the lead with its person.");
        var qualification = new LeadQualification(
            lead.Rating, lead.FollowUp, lead.Notes, lead.TagList, lead.OwnerPersonId, LeadAnswers.Parse(lead.Answers), lead.Version);
        return new LeadCard(
            lead.Id,
            lead.PersonId,
            person.FirstName,
            person.LastName,
            person.Company,
            lead.Consent == LeadConsent.None ? null : person.Email,
            lead.Sources,
            lead.Consent,
            lead.ConsentAt,
            lead.ScanCount,
            lead.CreatedAt,
            qualification,
            lead.QualifiedAt,
            lead.QualifiedBy);
    }
}
