using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Forms;

namespace PartnerSpace.Domain.Partners;

/// <summary>A member of a partner's team as lists show it; <see cref="Registered"/> says whether they have a badge (S-3.1).</summary>
public sealed record MemberRow(Guid MemberId, Guid PersonId, string Email, string FirstName, string LastName, MemberRole Role, bool Registered)
{
    /// <summary>S-1.5: the member's answers to the team form, by field id.</summary>
    public IReadOnlyDictionary<Guid, string?> Answers { get; init; } = new Dictionary<Guid, string?>();
}

/// <summary>What is typed to add someone to a team; <see cref="Answers"/> are the team form's (S-1.5), by field id.</summary>
public sealed record MemberDraft(string? Email, string? FirstName, string? LastName, MemberRole Role, IReadOnlyDictionary<Guid, string?>? Answers = null);

/// <summary>
/// A partner's team (S-2.3): add, change role, remove, for the partner's administrators and the
/// event's organizers. A partner never loses its last administrator (S-4.1), opened space or not:
/// this is the one place that checks it. New administrators of an opened space get the access
/// e-mail on their own (S-4.3, <see cref="Access.PartnerSpaceAccessService"/>).
/// </summary>
public sealed class MemberService(IDbContextFactory<PartnerSpaceDbContext> dbs, PartnerAccessService access, Access.PartnerSpaceAccessService spaces, FormService forms, Files.FileService files, TimeProvider time, SecurityLog securityLog)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Error MemberGone = Error.NotFound("member-not-found", "This person is no longer in the team.");

    private static readonly Error LastAdministrator = Error.Conflict("last-administrator", "A partner keeps at least one administrator: name another one first.");

    public async Task<Result<IReadOnlyList<MemberRow>>> ListAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot see this team.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await db.PartnerMembers.AsNoTracking()
            .Where(m => m.PartnerId == partnerId)
            // Roles are stored by name: ordered as people read them, administrators first.
            .OrderBy(m => m.Role == MemberRole.Administrator ? 0 : m.Role == MemberRole.SalesContact ? 1 : 2).ThenBy(m => m.Person!.LastName).ThenBy(m => m.Person!.FirstName)
            .Select(m => new { Row = new MemberRow(m.Id, m.PersonId, m.Person!.Email, m.Person.FirstName, m.Person.LastName, m.Role, db.Attendees.Any(a => a.PersonId == m.PersonId)), m.AnswersJson })
            .ToListAsync(ct);
        return Result<IReadOnlyList<MemberRow>>.Ok([.. rows.Select(r => r.Row with { Answers = ReadAnswers(r.AnswersJson) })]);
    }

    /// <summary>
    /// Adds someone to the team. S-4.3: when the space is open, a new administrator gets the access
    /// e-mail in the same transaction, its links pointing at <paramref name="portal"/> (the
    /// configured public address when null).
    /// </summary>
    public Task<Result<Guid>> AddAsync(Viewer viewer, Guid partnerId, MemberDraft draft, Uri? portal = null, CancellationToken ct = default) =>
        AddCoreAsync(viewer, partnerId, draft, checkForm: true, portal, ct);

    private async Task<Result<Guid>> AddCoreAsync(Viewer viewer, Guid partnerId, MemberDraft draft, bool checkForm, Uri? portal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot change this team.");
        }

        var (first, last, errors) = CheckNames(draft.FirstName, draft.LastName);
        var email = Text.NormalizeEmail(draft.Email);
        if (email is null)
        {
            errors["email"] = ["Enter a valid e-mail address."];
        }

        if (!Enum.IsDefined(draft.Role))
        {
            errors["role"] = ["Choose a role."];
        }

        // S-1.5: the organizer's team form, checked like the profile form (errors keyed by field id).
        var (eventId, form) = await TeamFormOfAsync(partnerId, ct);
        var answers = draft.Answers ?? new Dictionary<Guid, string?>();
        foreach (var (key, problems) in checkForm ? FormAnswers.Validate(form, answers) : new Dictionary<string, string[]>())
        {
            errors[key] = problems;
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // One person per address and event: someone already known (an attendee, another partner's
        // sales contact) joins this team as they are.
        var person = await db.People.FirstOrDefaultAsync(p => p.EventId == eventId && p.Email == email, ct);
        if (person is null)
        {
            person = new Person(eventId, email!, first!, last!, null, "fr");
            db.People.Add(person);
        }
        else if (await db.PartnerMembers.AnyAsync(m => m.PartnerId == partnerId && m.PersonId == person.Id, ct))
        {
            return Error.Conflict("already-member", "This person is already in the team.");
        }

        var member = new PartnerMember(partnerId, person.Id, draft.Role, time.GetUtcNow());
        member.ReplaceAnswers(JsonSerializer.Serialize(Merge(form, new Dictionary<Guid, string?>(), answers), Json));
        db.PartnerMembers.Add(member);
        await securityLog.AddAsync(db, eventId, SecurityAction.MemberAdded, viewer, email, partnerId, SecurityDetails.Role(draft.Role), ct);
        var emails = await spaces.OnAddedAsync(db, partnerId, [(person, draft.Role)], portal, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await securityLog.PublishAsync(eventId, ct);
        if (emails > 0)
        {
            await spaces.AfterAddedAsync(partnerId, ct);
        }

        return Result<Guid>.Ok(member.Id);
    }

    /// <summary>
    /// S-4.4: an organizer joins a partner's team as an administrator, under their own e-mail, to
    /// sign in to the space exactly as the partner does (and receive what its administrators receive).
    /// </summary>
    public async Task<Result<Guid>> AddOrganizerAsync(Viewer organizer, Guid partnerId, Uri? portal = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(organizer);
        if (organizer.Kind != ViewerKind.Organizer)
        {
            return Error.Forbidden("forbidden", "Only organizers can add themselves to a team.");
        }

        string? email, name;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            (email, name) = await db.Users.Where(u => u.Id == organizer.Id).Select(u => new ValueTuple<string?, string?>(u.Email, u.DisplayName)).FirstOrDefaultAsync(ct);
        }

        var parts = (Text.Clean(name) ?? Text.Clean(email?.Split('@')[0]) ?? "Organizer").Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        // The team form is the partner's to fill for its people: an organizer joins without it.
        return await AddCoreAsync(organizer, partnerId, new MemberDraft(email, parts[0], parts.Length > 1 ? parts[1] : "Organizer", MemberRole.Administrator), checkForm: false, portal, ct);
    }

    /// <summary>Corrects a member's name (their e-mail is who they are: it does not change here).</summary>
    public Task<Result<bool>> RenameAsync(Viewer viewer, Guid partnerId, Guid memberId, string? firstName, string? lastName, CancellationToken ct = default) =>
        EditAsync(viewer, partnerId, memberId, firstName, lastName, null, ct);

    /// <summary>
    /// Corrects a member's name and, when <paramref name="answers"/> are given, their team form
    /// answers (S-1.5): only the visible fields' answers are replaced, removed fields keep theirs.
    /// </summary>
    public async Task<Result<bool>> EditAsync(Viewer viewer, Guid partnerId, Guid memberId, string? firstName, string? lastName, IReadOnlyDictionary<Guid, string?>? answers, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot change this team.");
        }

        var (first, last, errors) = CheckNames(firstName, lastName);
        var (_, form) = await TeamFormOfAsync(partnerId, ct);
        if (answers is not null)
        {
            foreach (var (key, problems) in FormAnswers.Validate(form, answers))
            {
                errors[key] = problems;
            }
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var member = await db.PartnerMembers.Include(m => m.Person).FirstOrDefaultAsync(m => m.Id == memberId && m.PartnerId == partnerId, ct);
        if (member is null)
        {
            return MemberGone;
        }

        member.Person!.Rename(first!, last!);
        if (answers is not null)
        {
            member.ReplaceAnswers(JsonSerializer.Serialize(Merge(form, ReadAnswers(member.AnswersJson), answers), Json));
        }

        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>The event's team form (S-1.5), for the add and edit forms.</summary>
    public async Task<Result<FormDocument>> GetFormAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot see this team.");
        }

        return Result<FormDocument>.Ok((await TeamFormOfAsync(partnerId, ct)).Form);
    }

    /// <summary>
    /// Stores a file for an Image or File field of the team form, checked against the field's rules
    /// (kind by content, size); the answer then holds the returned id until the member is saved.
    /// </summary>
    public async Task<Result<Guid>> UploadAsync(Viewer viewer, Guid partnerId, Guid fieldId, string fileName, byte[] content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot change this team.");
        }

        // A team member's photo or file is the partner's, not public (FormFile).
        var (eventId, form) = await TeamFormOfAsync(partnerId, ct);
        return await files.StoreFormAnswerAsync(eventId, partnerId, form, fieldId, publicImages: false, fileName, content, ct);
    }

    private async Task<(Guid EventId, FormDocument Form)> TeamFormOfAsync(Guid partnerId, CancellationToken ct)
    {
        Guid eventId;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.EventId).FirstAsync(ct);
        }

        return (eventId, await forms.GetAsync(eventId, FormKind.Team, ct));
    }

    private static Dictionary<Guid, string?> Merge(FormDocument form, Dictionary<Guid, string?> stored, IReadOnlyDictionary<Guid, string?> answers)
    {
        foreach (var field in form.Visible)
        {
            var value = answers.TryGetValue(field.Id, out var v) ? Text.Clean(v) : null;
            if (value is null)
            {
                stored.Remove(field.Id);
            }
            else
            {
                stored[field.Id] = value;
            }
        }

        return stored;
    }

    private static Dictionary<Guid, string?> ReadAnswers(string json) =>
        JsonSerializer.Deserialize<Dictionary<Guid, string?>>(json, Json) ?? [];

    private static (string? First, string? Last, Dictionary<string, string[]> Errors) CheckNames(string? firstName, string? lastName)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var first = Text.Clean(firstName);
        var last = Text.Clean(lastName);
        if (first is null or { Length: > Person.NameMaxLength })
        {
            errors["firstName"] = [$"A first name is 1 to {Person.NameMaxLength} characters."];
        }

        if (last is null or { Length: > Person.NameMaxLength })
        {
            errors["lastName"] = [$"A last name is 1 to {Person.NameMaxLength} characters."];
        }

        return (first, last, errors);
    }

    /// <summary>Changes a member's role; S-4.3: someone made an administrator of an opened space gets the access e-mail.</summary>
    public async Task<Result<bool>> ChangeRoleAsync(Viewer viewer, Guid partnerId, Guid memberId, MemberRole role, Uri? portal = null, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot change this team.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var member = await db.PartnerMembers.Include(m => m.Person).FirstOrDefaultAsync(m => m.Id == memberId && m.PartnerId == partnerId, ct);
        if (member is null)
        {
            return MemberGone;
        }

        // S-4.1: checked inside the write transaction, open space or not.
        if (member.Role == MemberRole.Administrator && role != MemberRole.Administrator && await IsLastAdministratorAsync(db, partnerId, ct))
        {
            return LastAdministrator;
        }

        // Issue 8: a demoted administrator's open sessions end (their cookie and circuit carry the old stamp).
        if (member.Role == MemberRole.Administrator && role != MemberRole.Administrator)
        {
            await Access.SessionRevocation.EndSessionsAsync(db, member.PersonId, time.GetUtcNow(), ct);
        }

        var before = member.Role;
        var promoted = before != MemberRole.Administrator && role == MemberRole.Administrator;
        member.ChangeRole(role);
        if (before != role)
        {
            // S-2.3, issue 8: a role change is an access change, recorded with it.
            await securityLog.AddAsync(db, member.Person!.EventId, SecurityAction.RoleChanged, viewer, member.Person.Email, partnerId, $"{SecurityDetails.Role(before)} → {SecurityDetails.Role(role)}", ct);
        }

        var emails = promoted ? await spaces.OnAddedAsync(db, partnerId, [(member.Person!, role)], portal, ct) : 0;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await securityLog.PublishAsync(member.Person!.EventId, ct);
        if (emails > 0)
        {
            await spaces.AfterAddedAsync(partnerId, ct);
        }

        return Result<bool>.Ok(true);
    }

    public async Task<Result<bool>> RemoveAsync(Viewer viewer, Guid partnerId, Guid memberId, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot change this team.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var member = await db.PartnerMembers.Include(m => m.Person).FirstOrDefaultAsync(m => m.Id == memberId && m.PartnerId == partnerId, ct);
        if (member is null)
        {
            return MemberGone;
        }

        // S-4.1: checked inside the write transaction, so two removals cannot both pass.
        if (member.Role == MemberRole.Administrator && await IsLastAdministratorAsync(db, partnerId, ct))
        {
            return LastAdministrator;
        }

        // Issue 8: the removed person's open sessions end, and their unused sign-in links.
        await Access.SessionRevocation.EndSessionsAsync(db, member.PersonId, time.GetUtcNow(), ct);
        db.PartnerMembers.Remove(member);
        await securityLog.AddAsync(db, member.Person!.EventId, SecurityAction.MemberRemoved, viewer, member.Person.Email, partnerId, SecurityDetails.Role(member.Role), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await securityLog.PublishAsync(member.Person.EventId, ct);
        return Result<bool>.Ok(true);
    }

    private static async Task<bool> IsLastAdministratorAsync(PartnerSpaceDbContext db, Guid partnerId, CancellationToken ct) =>
        await db.PartnerMembers.CountAsync(m => m.PartnerId == partnerId && m.Role == MemberRole.Administrator, ct) <= 1;
}
