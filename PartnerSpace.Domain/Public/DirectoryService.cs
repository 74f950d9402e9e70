using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Files;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Public;

/// <summary>
/// The public partner directory and partner pages: read-only, for anyone, so it takes no viewer
/// and returns only what is public. Test partners (S-1.1) never appear. Of the profile (S-2.2),
/// only the answers of visible fields of public kinds are given (see <see cref="IsPublic"/>);
/// an image answer only when it is that partner's profile image.
/// </summary>
public sealed class DirectoryService(IDbContextFactory<PartnerSpaceDbContext> dbs, FormService forms)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly CompareInfo Compare = CultureInfo.InvariantCulture.CompareInfo;

    /// <summary>
    /// The kinds of answer shown publicly. File answers are private files (FormFile); e-mail and
    /// phone answers are people's details that a public page would hand to harvesters; a checkbox
    /// is an agreement (terms, consent), not something to publish.
    /// </summary>
    public static bool IsPublic(FieldType type) => type is FieldType.Text or FieldType.LongText or FieldType.RichText or FieldType.Url
        or FieldType.Number or FieldType.Date or FieldType.SingleChoice or FieldType.MultipleChoice or FieldType.Country or FieldType.Image;

    /// <summary>The event's partners matching <paramref name="search"/> (name, category, description; case and accents ignored) and <paramref name="category"/>; null when there is no such event.</summary>
    public async Task<DirectoryListing?> ListAsync(string eventSlug, string? search = null, string? category = null, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var ev = await EventAsync(db, eventSlug, ct);
        if (ev is null)
        {
            return null;
        }

        var form = await forms.GetAsync(ev.Id, FormKind.Profile, ct);
        var (descriptionField, logoField) = (DescriptionField(form), LogoField(form));
        var rows = await db.Partners.AsNoTracking()
            .Where(p => p.EventId == ev.Id && !p.IsTestPartner)
            .Select(p => new { p.Id, p.Name, p.Category, Json = db.PartnerProfiles.Where(pp => pp.PartnerId == p.Id).Select(pp => pp.AnswersJson).FirstOrDefault() })
            .ToListAsync(ct);

        var answers = rows.ToDictionary(r => r.Id, r => ReadAnswers(r.Json));
        var logos = await ImagesAsync(db, answers.Select(a => (a.Key, Answer(a.Value, logoField))), ct);
        var all = rows
            .Select(r => new DirectoryEntry(r.Id, r.Name, r.Category, Answer(answers[r.Id], descriptionField), logos.GetValueOrDefault(r.Id)))
            .OrderBy(e => e.Name, StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.IgnoreCase))
            .ToList();

        var categories = all.Select(e => e.Category).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.IgnoreCase)).ToList();
        var term = Text.Clean(search);
        var wanted = Text.Clean(category);
        var matching = all
            .Where(e => wanted is null || string.Equals(e.Category, wanted, StringComparison.OrdinalIgnoreCase))
            .Where(e => term is null || Contains(e.Name, term) || Contains(e.Category, term) || Contains(e.Description, term))
            .ToList();
        return new DirectoryListing(ev, categories, matching, all.Count);
    }

    /// <summary>A partner's public page; null for an unknown event or partner, a partner of another event, or a test partner.</summary>
    public async Task<PublicPartnerPage?> GetPartnerAsync(string eventSlug, Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var ev = await EventAsync(db, eventSlug, ct);
        if (ev is null)
        {
            return null;
        }

        var partner = await db.Partners.AsNoTracking()
            .Where(p => p.Id == partnerId && p.EventId == ev.Id && !p.IsTestPartner)
            .Select(p => new { p.Name, p.Category, Json = db.PartnerProfiles.Where(pp => pp.PartnerId == p.Id).Select(pp => pp.AnswersJson).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (partner is null)
        {
            return null;
        }

        var form = await forms.GetAsync(ev.Id, FormKind.Profile, ct);
        var answers = ReadAnswers(partner.Json);
        var (descriptionField, logoField) = (DescriptionField(form), LogoField(form));
        var shown = form.Visible.Where(f => IsPublic(f.Type) && f.Id != descriptionField?.Id && f.Id != logoField?.Id).ToList();
        var images = await ImagesAsync(db, shown.Where(f => f.Type == FieldType.Image).Append(logoField).OfType<FormField>().Select(f => (f.Id, Answer(answers, f))), ct, partnerId);

        var profile = new List<PublicAnswer>();
        foreach (var field in shown)
        {
            if (Answer(answers, field) is not { } value || (field.Type == FieldType.Image && !images.ContainsKey(field.Id)))
            {
                continue;
            }

            profile.Add(new PublicAnswer(field, value, ChoicesOf(field, value), images.GetValueOrDefault(field.Id)));
        }

        var offers = await db.Offers.AsNoTracking()
            .Where(o => o.PartnerId == partnerId && o.IsVisible)
            .OrderBy(o => o.Position)
            .Select(o => new PublicOffer(o.Id, o.Title, o.Description, o.Link))
            .ToListAsync(ct);
        var contacts = await db.PartnerMembers.AsNoTracking()
            .Where(m => m.PartnerId == partnerId && m.Role == MemberRole.SalesContact)
            .OrderBy(m => m.Person!.LastName).ThenBy(m => m.Person!.FirstName)
            .Select(m => new PublicContact(m.Person!.FirstName + " " + m.Person.LastName, m.Person.Company))
            .ToListAsync(ct);

        return new PublicPartnerPage(
            ev,
            partnerId,
            partner.Name,
            partner.Category,
            Answer(answers, descriptionField),
            logoField is null ? null : images.GetValueOrDefault(logoField.Id),
            profile,
            offers,
            contacts,
            await SessionsAsync(db, partnerId, ct));
    }

    /// <summary>Where a partner's public page is (for links), or null for an unknown partner.</summary>
    public async Task<PublicLink?> GetLinkAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Partners.AsNoTracking()
            .Where(p => p.Id == partnerId)
            .Join(db.Events, p => p.EventId, e => e.Id, (p, e) => new PublicLink(p.Id, e.Slug, p.Name, p.IsTestPartner))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The slug of an event (its directory's address), or null.</summary>
    public async Task<string?> GetEventSlugAsync(Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Events.Where(e => e.Id == eventId).Select(e => e.Slug).FirstOrDefaultAsync(ct);
    }

    /// <summary>The field whose answer describes the partner: the profile's first long text, else its first text.</summary>
    public static FormField? DescriptionField(FormDocument form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Visible.FirstOrDefault(f => f.Type == FieldType.LongText) ?? form.Visible.FirstOrDefault(f => f.Type == FieldType.Text);
    }

    /// <summary>The partner's logo: the profile's first image field (the default form's "Logo").</summary>
    public static FormField? LogoField(FormDocument form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Visible.FirstOrDefault(f => f.Type == FieldType.Image);
    }

    private static Task<PublicEvent?> EventAsync(PartnerSpaceDbContext db, string eventSlug, CancellationToken ct) =>
        db.Events.AsNoTracking()
            .Where(e => e.Slug == eventSlug)
            .Select(e => new PublicEvent(e.Id, e.Slug, e.Name, e.StartsAt, e.EndsAt, e.TimeZoneId))
            .FirstOrDefaultAsync(ct);

    private static async Task<IReadOnlyList<PublicSession>> SessionsAsync(PartnerSpaceDbContext db, Guid partnerId, CancellationToken ct)
    {
        var sessions = await db.SessionHosts.AsNoTracking()
            .Where(h => h.PartnerId == partnerId)
            .Join(db.Sessions, h => h.SessionId, s => s.Id, (h, s) => s)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Title)
            .Select(s => new { s.Id, s.Title, s.StartsAt, s.EndsAt, s.Room, s.Type, s.Description })
            .ToListAsync(ct);
        if (sessions.Count == 0)
        {
            return [];
        }

        var ids = sessions.Select(s => s.Id).ToList();
        var speakers = await db.SessionSpeakers.AsNoTracking()
            .Where(sp => ids.Contains(sp.SessionId))
            .Join(db.People, sp => sp.PersonId, p => p.Id, (sp, p) => new { sp.SessionId, sp.Position, p.FirstName, p.LastName })
            .ToListAsync(ct);
        var bySession = speakers.OrderBy(s => s.Position).ToLookup(s => s.SessionId, s => $"{s.FirstName} {s.LastName}".Trim());
        return [.. sessions.Select(s => new PublicSession(s.Id, s.Title, s.StartsAt, s.EndsAt, s.Room, s.Type, s.Description, [.. bySession[s.Id].Distinct()]))];
    }

    /// <summary>
    /// The images to show for each key's answer: those that are a profile image of the partner
    /// (a display copy when there is one). An answer naming any other file shows nothing.
    /// </summary>
    private static async Task<Dictionary<Guid, Guid?>> ImagesAsync(PartnerSpaceDbContext db, IEnumerable<(Guid Key, string? Answer)> answers, CancellationToken ct, Guid? partnerId = null)
    {
        var wanted = answers
            .Select(a => (a.Key, Id: Guid.TryParse(a.Answer, out var id) ? id : Guid.Empty))
            .Where(a => a.Id != Guid.Empty)
            .ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var ids = wanted.Select(w => w.Id).Distinct().ToList();
        var files = await db.Files.AsNoTracking()
            .Where(f => ids.Contains(f.Id) && f.Purpose == FilePurpose.ProfileImage)
            .Select(f => new { f.Id, f.PartnerId, f.DisplayId })
            .ToDictionaryAsync(f => f.Id, ct);

        // In the directory the key is the partner; on a partner's page it is the field.
        var images = new Dictionary<Guid, Guid?>();
        foreach (var (key, id) in wanted)
        {
            if (files.TryGetValue(id, out var file) && file.PartnerId == (partnerId ?? key))
            {
                images[key] = file.DisplayId ?? file.Id;
            }
        }

        return images;
    }

    private static List<LocalizedText> ChoicesOf(FormField field, string value)
    {
        if (!field.HasChoices)
        {
            return [];
        }

        var picked = value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. picked.Select(p => field.Choices.FirstOrDefault(c => c.Fr == p || c.En == p) ?? new LocalizedText(p, p))];
    }

    private static string? Answer(Dictionary<Guid, string?> answers, FormField? field) =>
        field is not null && answers.TryGetValue(field.Id, out var value) ? Text.Clean(value) : null;

    private static Dictionary<Guid, string?> ReadAnswers(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<Guid, string?>>(json, Json) ?? [];

    private static bool Contains(string? text, string term) =>
        text is not null && Compare.IndexOf(text, term, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;
}
