using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Forms;

/// <summary>The outcome of saving a form (same statuses as the menu's).</summary>
public sealed record FormSaveResult(Menu.MenuSaveStatus Status, FormDocument Current, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>
/// The profile and team form builders (S-1.4, S-1.5): a form is saved whole, guarded by its
/// version; a field left out of a save is kept as removed so its answers survive.
/// </summary>
public sealed class FormService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string HistoryArea(FormKind kind) => kind == FormKind.Profile ? "profile-form" : "team-form";

    /// <summary>
    /// The fields a new event's forms start with. Their ids are derived from the event, so the
    /// form a builder loads and the one it saves over are the same until the first save.
    /// </summary>
    public static IReadOnlyList<FormField> Defaults(Guid eventId, FormKind kind) =>
        [.. Defaults(kind).Select((f, i) => f with { Id = DefaultId(eventId, kind, i) })];

    private static Guid DefaultId(Guid eventId, FormKind kind, int index)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{eventId:N}/{kind}/{index}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    private static IReadOnlyList<FormField> Defaults(FormKind kind) => kind == FormKind.Profile
        ?
        [
            FormField.New(FieldType.LongText, "Description", "Description", required: true),
            FormField.New(FieldType.Url, "Site web", "Website"),
            FormField.New(FieldType.Image, "Logo", "Logo"),
            FormField.New(FieldType.Country, "Pays", "Country"),
        ]
        :
        [
            FormField.New(FieldType.Text, "Fonction", "Job title"),
            FormField.New(FieldType.Phone, "Téléphone", "Phone"),
        ];

    public async Task<FormDocument> GetAsync(Guid eventId, FormKind kind, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var stored = await db.Forms.AsNoTracking().FirstOrDefaultAsync(f => f.EventId == eventId && f.Kind == kind, ct);
        return stored is null ? new FormDocument(kind, 0, Defaults(eventId, kind)) : ToDocument(stored);
    }

    public async Task<FormSaveResult> SaveAsync(Guid eventId, FormDocument draft, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stored = await db.Forms.FirstOrDefaultAsync(f => f.EventId == eventId && f.Kind == draft.Kind, ct);
        var before = stored is null ? new FormDocument(draft.Kind, 0, Defaults(eventId, draft.Kind)) : ToDocument(stored);
        if (before.Version != draft.Version)
        {
            return new FormSaveResult(Menu.MenuSaveStatus.Conflict, before);
        }

        var errors = Validate(draft.Fields);
        if (errors.Count > 0)
        {
            return new FormSaveResult(Menu.MenuSaveStatus.Invalid, before, errors);
        }

        // Fields the draft left out are kept, removed, after the others: their answers stay.
        var kept = draft.Fields.Select(Clean).ToList();
        var ids = kept.Select(f => f.Id).ToHashSet();
        kept.AddRange(before.Fields.Where(f => !ids.Contains(f.Id)).Select(f => f with { Removed = true }));

        if (stored is null)
        {
            stored = new FormDefinition(eventId, draft.Kind);
            db.Forms.Add(stored);
        }

        stored.Replace(JsonSerializer.Serialize(kept, Json));
        var after = ToDocument(stored);
        db.History.Add(new ChangeRecord(eventId, HistoryArea(draft.Kind), Summarize(before, after), JsonSerializer.Serialize(before.Fields, Json), stored.FieldsJson, actor, time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await live.PublishAsync(new FormChanged(eventId, draft.Kind.ToString()), ct);
        return new FormSaveResult(Menu.MenuSaveStatus.Saved, after);
    }

    /// <summary>Puts a form back as it was before a recorded change (itself a recorded change).</summary>
    public async Task<FormSaveResult> UndoAsync(Guid eventId, HistoryEntry change, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var kind = change.Area == HistoryArea(FormKind.Team) ? FormKind.Team : FormKind.Profile;
        var before = JsonSerializer.Deserialize<List<FormField>>(change.Before, Json)
            ?? throw new InvalidOperationException($"History entry {change.Id} has no form snapshot.");
        var current = await GetAsync(eventId, kind, ct);

        // Fields removed back then stay removed; fields added since are removed again (answers kept).
        return await SaveAsync(eventId, new FormDocument(kind, current.Version, [.. before.Where(f => !f.Removed)]), actor, ct);
    }

    private static FormDocument ToDocument(FormDefinition stored) =>
        new(stored.Kind, stored.Version, JsonSerializer.Deserialize<List<FormField>>(stored.FieldsJson, Json) ?? []);

    private static FormField Clean(FormField f) => f with
    {
        Label = new LocalizedText(f.Label.Fr.Trim(), f.Label.En.Trim()),
        Help = new LocalizedText(f.Help.Fr.Trim(), f.Help.En.Trim()),
        Choices = f.HasChoices ? [.. f.Choices.Select(c => new LocalizedText(c.Fr.Trim(), c.En.Trim()))] : [],
        Rules = FileRules.Applies(f.Type) && f.Rules is { } rules ? rules with { Accept = [.. rules.Accept.Distinct()] } : null,
    };

    private static Dictionary<string, string[]> Validate(IReadOnlyList<FormField> fields)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var seen = new HashSet<Guid>();
        for (var i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            if (!seen.Add(f.Id) || f.Id == Guid.Empty)
            {
                errors[$"fields[{i}].id"] = ["Each field has its own id."];
            }

            if (string.IsNullOrWhiteSpace(f.Label.Fr) && string.IsNullOrWhiteSpace(f.Label.En))
            {
                errors[$"fields[{i}].label"] = ["A field needs a label in French or in English."];
            }
            else if (f.Label.Fr.Trim().Length > FormField.LabelMaxLength || f.Label.En.Trim().Length > FormField.LabelMaxLength)
            {
                errors[$"fields[{i}].label"] = [$"A label is at most {FormField.LabelMaxLength} characters."];
            }

            if (f.Help.Fr.Length > FormField.HelpMaxLength || f.Help.En.Length > FormField.HelpMaxLength)
            {
                errors[$"fields[{i}].help"] = [$"Help is at most {FormField.HelpMaxLength} characters."];
            }

            if (!Enum.IsDefined(f.Type))
            {
                errors[$"fields[{i}].type"] = ["Choose a field type."];
            }
            else if (f.HasChoices && (f.Choices.Count == 0 || f.Choices.Count > FormField.MaxChoices || f.Choices.Any(c => string.IsNullOrWhiteSpace(c.Fr) && string.IsNullOrWhiteSpace(c.En))))
            {
                errors[$"fields[{i}].choices"] = [$"A choice field needs 1 to {FormField.MaxChoices} named options."];
            }
            else if (FileRules.Applies(f.Type) && f.Rules is { } rules)
            {
                foreach (var (part, problem) in rules.Problems(f.Type))
                {
                    errors[$"fields[{i}].{part}"] = [problem];
                }
            }
        }

        return errors;
    }

    private static string Summarize(FormDocument before, FormDocument after)
    {
        var added = after.Visible.Count(f => before.Fields.All(b => b.Id != f.Id));
        var removed = after.Fields.Count(f => f.Removed && before.Visible.Any(b => b.Id == f.Id));
        var parts = new List<string>();
        if (added > 0)
        {
            parts.Add($"{added} field(s) added");
        }

        if (removed > 0)
        {
            parts.Add($"{removed} field(s) removed");
        }

        return parts.Count == 0 ? "fields edited" : string.Join(", ", parts);
    }
}
