using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Partners;

/// <summary>How much of the profile form a partner has filled (S-1.1 partner status).</summary>
public sealed record ProfileCompletion(int Answered, int Total, int RequiredMissing)
{
    public int Percent => Total == 0 ? 100 : Answered * 100 / Total;

    public bool IsComplete => RequiredMissing == 0;

    public static ProfileCompletion Of(FormDocument form, IReadOnlyDictionary<Guid, string?> answers)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(answers);
        int answered = 0, total = 0, missing = 0;
        foreach (var field in form.Visible)
        {
            total++;
            var value = answers.TryGetValue(field.Id, out var v) ? Text.Clean(v) : null;
            var filled = value is not null && (field.Type != FieldType.Checkbox || value == "true");
            answered += filled ? 1 : 0;
            missing += field.Required && !filled ? 1 : 0;
        }

        return new ProfileCompletion(answered, total, missing);
    }
}

/// <summary>A partner's profile as its form shows it: the event's form and the partner's answers.</summary>
public sealed record ProfileDocument(Guid PartnerId, int Version, FormDocument Form, IReadOnlyDictionary<Guid, string?> Answers, DateTimeOffset? UpdatedAt)
{
    public ProfileCompletion Completion => ProfileCompletion.Of(Form, Answers);
}

/// <summary>
/// S-2.2: a partner fills the profile form the organizer built (S-1.4). Answers are kept by field
/// id: those of fields the organizer removed stay stored (hidden), and come back if the field does.
/// </summary>
public sealed class PartnerProfileService(IDbContextFactory<PartnerSpaceDbContext> dbs, PartnerAccessService access, FormService forms, Files.FileService files, ILiveEvents live, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Result<ProfileDocument>> GetAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot see this profile.");
        }

        var (_, form) = await FormOfAsync(partnerId, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var stored = await db.PartnerProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.PartnerId == partnerId, ct);
        return Result<ProfileDocument>.Ok(ToDocument(partnerId, form, stored));
    }

    /// <summary>Saves the answers when every visible field is valid; a stale version is a conflict and writes nothing.</summary>
    public async Task<Result<ProfileDocument>> SaveAsync(Viewer viewer, Guid partnerId, int version, IReadOnlyDictionary<Guid, string?> answers, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot change this profile.");
        }

        // Read and checked before the write transaction, which then holds SQLite's lock only to write.
        var (eventId, form) = await FormOfAsync(partnerId, ct);
        var errors = FormAnswers.Validate(form, answers);
        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stored = await db.PartnerProfiles.FirstOrDefaultAsync(p => p.PartnerId == partnerId, ct);
        if ((stored?.Version ?? 0) != version)
        {
            return Error.Conflict("changed", "Someone else saved this profile meanwhile. Your answers are still here: reload to see theirs.");
        }

        if (stored is null)
        {
            stored = new PartnerProfile(partnerId);
            db.PartnerProfiles.Add(stored);
        }

        // Only the visible fields' answers are replaced; removed fields keep theirs.
        var merged = ReadAnswers(stored.AnswersJson);
        foreach (var field in form.Visible)
        {
            var value = answers.TryGetValue(field.Id, out var v) ? Text.Clean(v) : null;
            if (value is null)
            {
                merged.Remove(field.Id);
            }
            else
            {
                merged[field.Id] = value;
            }
        }

        stored.Replace(JsonSerializer.Serialize(merged, Json), time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await live.PublishAsync(new ProfileChanged(eventId, partnerId), ct);
        return Result<ProfileDocument>.Ok(ToDocument(partnerId, form, stored));
    }

    /// <summary>
    /// Stores a file for an Image or File field of the profile, checked against the field's rules
    /// (kind by content, size); the answer then holds the returned id until the profile is saved.
    /// </summary>
    public async Task<Result<Guid>> UploadAsync(Viewer viewer, Guid partnerId, Guid fieldId, string fileName, byte[] content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot change this profile.");
        }

        // Image answers are public (a logo on the public page) and get a display copy; files stay private.
        var (eventId, form) = await FormOfAsync(partnerId, ct);
        return await files.StoreFormAnswerAsync(eventId, partnerId, form, fieldId, publicImages: true, fileName, content, ct);
    }

    /// <summary>The completion of each partner of an event, for the organizer's list.</summary>
    public async Task<IReadOnlyDictionary<Guid, ProfileCompletion>> GetCompletionsAsync(Guid eventId, CancellationToken ct = default)
    {
        var form = await forms.GetAsync(eventId, FormKind.Profile, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var stored = await db.Partners.AsNoTracking()
            .Where(p => p.EventId == eventId)
            .GroupJoin(db.PartnerProfiles, p => p.Id, pp => pp.PartnerId, (p, pp) => new { p.Id, pp })
            .SelectMany(x => x.pp.DefaultIfEmpty(), (x, pp) => new { x.Id, Json = pp == null ? null : pp.AnswersJson })
            .ToListAsync(ct);
        return stored.ToDictionary(s => s.Id, s => ProfileCompletion.Of(form, s.Json is null ? new Dictionary<Guid, string?>() : ReadAnswers(s.Json)));
    }

    /// <summary>The partner's event and that event's profile form.</summary>
    private async Task<(Guid EventId, FormDocument Form)> FormOfAsync(Guid partnerId, CancellationToken ct)
    {
        Guid eventId;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.EventId).FirstAsync(ct);
        }

        return (eventId, await forms.GetAsync(eventId, FormKind.Profile, ct));
    }

    private static ProfileDocument ToDocument(Guid partnerId, FormDocument form, PartnerProfile? stored) =>
        new(partnerId, stored?.Version ?? 0, form, stored is null ? new Dictionary<Guid, string?>() : ReadAnswers(stored.AnswersJson), stored?.UpdatedAt);

    private static Dictionary<Guid, string?> ReadAnswers(string json) =>
        JsonSerializer.Deserialize<Dictionary<Guid, string?>>(json, Json) ?? [];
}
