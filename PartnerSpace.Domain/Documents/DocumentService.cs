using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Files;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Documents;

/// <summary>What the organizer types to share or edit a document (S-2.6).</summary>
public sealed record DocumentDraft(LocalizedText Title, LocalizedText Description, Audience Audience, int Version = 0)
{
    public static DocumentDraft New() => new(LocalizedText.Empty, LocalizedText.Empty, Audience.All);
}

/// <summary>A document on the organizer's list: its file, and how many of its partners read it.</summary>
public sealed record DocumentSummary(
    Guid Id,
    LocalizedText Title,
    LocalizedText Description,
    Guid FileId,
    string FileName,
    string ContentType,
    long Length,
    Audience Audience,
    int Version,
    int Assigned,
    int Read)
{
    public DocumentDraft ToDraft() => new(Title, Description, Audience, Version);
}

/// <summary>One partner and one document on the organizer's "who read what" board.</summary>
public sealed record DocumentReadRow(Guid DocumentId, LocalizedText Title, Guid PartnerId, string PartnerName, string? Category, DateTimeOffset? ReadAt, string? ReadByName);

/// <summary>A document in a partner's Documents tab.</summary>
public sealed record PartnerDocumentItem(
    Guid DocumentId,
    LocalizedText Title,
    LocalizedText Description,
    Guid FileId,
    string FileName,
    string ContentType,
    long Length,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt,
    string? ReadByName)
{
    /// <summary>Whether a browser shows it by itself (PDF, images); other files are only downloaded.</summary>
    public bool CanView => DocumentService.Viewable(ContentType);
}

/// <summary>S-2.6: a partner's documents, split into not yet read and read.</summary>
public sealed record PartnerDocumentList(IReadOnlyList<PartnerDocumentItem> NotYetRead, IReadOnlyList<PartnerDocumentItem> Read);

/// <summary>
/// S-2.6: documents the organizer shares with partners (all, categories or chosen ones), what
/// partners see of them, and who read what: a document counts as read the first time someone of
/// the partner opens or downloads it (never when an organizer previews it). Changes are live (S-5).
/// </summary>
public sealed class DocumentService(IDbContextFactory<PartnerSpaceDbContext> dbs, PartnerAccessService access, FileService files, Live.ILiveEvents live, TimeProvider time)
{
    /// <summary>What a document may be: PDF, Office documents, images or ZIP, up to 25 MB.</summary>
    public static readonly FileRules Rules = new([.. Enum.GetValues<FileKind>()], FileRules.MaxSizeMbLimit);

    private static readonly Error DocumentGone = Error.NotFound("document-not-found", "This document no longer exists.");

    private static readonly Error Changed = Error.Conflict("changed", "Someone else changed this document meanwhile. Reload to see their changes.");

    public static bool Viewable(string contentType) =>
        contentType == "application/pdf" || contentType.StartsWith("image/", StringComparison.Ordinal);

    // ---- Organizer ----

    public async Task<IReadOnlyList<DocumentSummary>> ListAsync(Guid organizerId, Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return [];
        }

        var documents = await db.Documents.AsNoTracking().Where(d => d.EventId == eventId).OrderBy(d => d.Position).ThenBy(d => d.CreatedAt)
            .Join(db.Files, d => d.FileId, f => f.Id, (d, f) => new { Document = d, f.FileName, f.ContentType, f.Length })
            .ToListAsync(ct);
        var partners = await AudiencePartners.OfEventAsync(db, eventId, ct);
        var reads = await ReadsOfAsync(db, eventId, ct);
        return [.. documents.Select(x =>
        {
            var assigned = x.Document.Audience.In(partners);
            return new DocumentSummary(
                x.Document.Id, x.Document.Title, x.Document.Description, x.Document.FileId, x.FileName, x.ContentType, x.Length, x.Document.Audience, x.Document.Version,
                assigned.Count, assigned.Count(p => reads.ContainsKey((x.Document.Id, p.Id))));
        })];
    }

    /// <summary>Shares a new document: the texts and audience are checked first, then the file (kind by content, at most 25 MB), streamed to disk.</summary>
    public async Task<Result<Guid>> UploadAsync(Guid organizerId, Guid eventId, DocumentDraft draft, string fileName, long length, Stream content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        IReadOnlyList<AudiencePartner> partners;
        int position;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
            {
                return Error.Forbidden("not-organizer", "You do not organize this event.");
            }

            partners = await AudiencePartners.OfEventAsync(db, eventId, ct);
            position = (await db.Documents.Where(d => d.EventId == eventId).MaxAsync(d => (int?)d.Position, ct) ?? -1) + 1;
        }

        var (clean, errors) = Validate(draft, partners);
        if (clean is null)
        {
            return Error.Validation(errors);
        }

        var stored = await files.StoreAsync(eventId, null, FilePurpose.Document, Rules, clean.Title.ForCurrentCulture(), fileName, length, content, ct);
        if (!stored.IsSuccess)
        {
            return stored.Error!;
        }

        var document = new EventDocument(eventId, stored.Value, clean.Title, clean.Description, clean.Audience, position, time.GetUtcNow());
        try
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            db.Documents.Add(document);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            await files.DeleteAsync([stored.Value], CancellationToken.None);
            throw;
        }

        await live.PublishAsync(new DocumentsChanged(eventId), ct);
        return Result<Guid>.Ok(document.Id);
    }

    /// <summary>Edits the texts and audience; a stale version is a conflict and writes nothing.</summary>
    public async Task<Result<Guid>> UpdateAsync(Guid organizerId, Guid documentId, DocumentDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var document = await FindOwnAsync(db, organizerId, documentId, ct);
        if (document is null)
        {
            return DocumentGone;
        }

        var (clean, errors) = Validate(draft, await AudiencePartners.OfEventAsync(db, document.EventId, ct));
        if (clean is null)
        {
            return Error.Validation(errors);
        }

        if (document.Version != draft.Version)
        {
            return Changed;
        }

        db.Entry(document).Property(d => d.Version).OriginalValue = draft.Version;
        document.Edit(clean.Title, clean.Description, clean.Audience);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed;
        }

        await live.PublishAsync(new DocumentsChanged(document.EventId), ct);
        return Result<Guid>.Ok(document.Id);
    }

    /// <summary>
    /// Puts a new file in place of the document's: partners see it as not yet read again (it is
    /// new content), and the old file is removed.
    /// </summary>
    public async Task<Result<Guid>> ReplaceFileAsync(Guid organizerId, Guid documentId, int version, string fileName, long length, Stream content, CancellationToken ct = default)
    {
        EventDocument? found;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            found = await FindOwnAsync(db, organizerId, documentId, ct);
        }

        if (found is null)
        {
            return DocumentGone;
        }

        if (found.Version != version)
        {
            return Changed;
        }

        var stored = await files.StoreAsync(found.EventId, null, FilePurpose.Document, Rules, found.Title.ForCurrentCulture(), fileName, length, content, ct);
        if (!stored.IsSuccess)
        {
            return stored.Error!;
        }

        Guid old;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == documentId, ct);
            if (document is null || document.Version != version)
            {
                await files.DeleteAsync([stored.Value], CancellationToken.None);
                return document is null ? DocumentGone : Changed;
            }

            old = document.FileId;
            document.ReplaceFile(stored.Value);
            await db.DocumentReads.Where(r => r.DocumentId == documentId).ExecuteDeleteAsync(ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        await files.DeleteAsync([old], ct);
        await live.PublishAsync(new DocumentsChanged(found.EventId), ct);
        return Result<Guid>.Ok(documentId);
    }

    /// <summary>How many partners read the document, for the deletion's confirmation; null when it is gone.</summary>
    public async Task<int?> GetReadCountAsync(Guid organizerId, Guid documentId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await FindOwnAsync(db, organizerId, documentId, ct) is null ? null : await db.DocumentReads.CountAsync(r => r.DocumentId == documentId, ct);
    }

    /// <summary>Deletes the document, who read it, and its file.</summary>
    public async Task<Result<bool>> DeleteAsync(Guid organizerId, Guid documentId, CancellationToken ct = default)
    {
        Guid eventId, fileId;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var document = await FindOwnAsync(db, organizerId, documentId, ct);
            if (document is null)
            {
                return DocumentGone;
            }

            (eventId, fileId) = (document.EventId, document.FileId);
            db.Documents.Remove(document);
            await db.SaveChangesAsync(ct);
        }

        await files.DeleteAsync([fileId], ct);
        await live.PublishAsync(new DocumentsChanged(eventId), ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Puts a document at a place of the list (0 first); the others follow in order.</summary>
    public async Task<Result<bool>> MoveAsync(Guid organizerId, Guid documentId, int index, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var document = await FindOwnAsync(db, organizerId, documentId, ct);
        if (document is null)
        {
            return DocumentGone;
        }

        var ordered = await db.Documents.Where(d => d.EventId == document.EventId).OrderBy(d => d.Position).ThenBy(d => d.CreatedAt).ToListAsync(ct);
        var moving = ordered.Single(d => d.Id == documentId);
        ordered.Remove(moving);
        ordered.Insert(Math.Clamp(index, 0, ordered.Count), moving);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].MoveTo(i);
        }

        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new DocumentsChanged(document.EventId), ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Who read what: every (document, partner) of the documents' audiences, not yet read first, then by name.</summary>
    public async Task<IReadOnlyList<DocumentReadRow>> GetReadersAsync(Guid organizerId, Guid eventId, Guid? documentId = null, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return [];
        }

        var documents = await db.Documents.AsNoTracking().Where(d => d.EventId == eventId && (documentId == null || d.Id == documentId)).OrderBy(d => d.Position).ToListAsync(ct);
        var partners = await AudiencePartners.OfEventAsync(db, eventId, ct);
        var reads = await ReadsOfAsync(db, eventId, ct);
        var names = await NamesAsync(db, reads.Values, ct);
        var rows = documents.SelectMany(d => d.Audience.In(partners).Select(p =>
        {
            var read = reads.GetValueOrDefault((d.Id, p.Id));
            return new DocumentReadRow(d.Id, d.Title, p.Id, p.Name, p.Category, read?.ReadAt, read?.ReadBy is { } by ? names.GetValueOrDefault(by) : null);
        }));
        return [.. rows.OrderBy(r => r.ReadAt is null ? 0 : 1).ThenBy(r => r.PartnerName, StringComparer.CurrentCulture).ThenBy(r => r.Title.ForCurrentCulture(), StringComparer.CurrentCulture)];
    }

    // ---- Partner ----

    /// <summary>S-2.6: the partner's documents, not yet read then read, each in the organizer's order.</summary>
    public async Task<Result<PartnerDocumentList>> GetForPartnerAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot see these documents.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var (partner, eventId) = await PartnerAsync(db, partnerId, ct);
        var documents = await DocumentsOfAsync(db, partner, eventId, ct);
        var ids = documents.Select(d => d.Document.Id).ToList();
        var reads = await db.DocumentReads.AsNoTracking().Where(r => r.PartnerId == partnerId && ids.Contains(r.DocumentId)).ToDictionaryAsync(r => r.DocumentId, ct);
        var names = await NamesAsync(db, reads.Values, ct);
        var items = documents.Select(x =>
        {
            var read = reads.GetValueOrDefault(x.Document.Id);
            return new PartnerDocumentItem(
                x.Document.Id, x.Document.Title, x.Document.Description, x.Document.FileId, x.FileName, x.ContentType, x.Length, x.Document.CreatedAt,
                read?.ReadAt, read?.ReadBy is { } by ? names.GetValueOrDefault(by) : null);
        }).ToList();
        return Result<PartnerDocumentList>.Ok(new PartnerDocumentList([.. items.Where(i => i.ReadAt is null)], [.. items.Where(i => i.ReadAt is not null)]));
    }

    /// <summary>
    /// Whether the viewer may read a document's file (<c>GET /files/{id}</c>): organizers of its
    /// event, and administrators of a partner in its audience. Such a partner member's read marks
    /// the document read for that partner (<paramref name="partnerId"/>, or each of their partners
    /// in the audience) the first time; an organizer's preview marks nothing.
    /// </summary>
    public async Task<bool> OpenFileAsync(Viewer? viewer, Guid fileId, Guid? partnerId, CancellationToken ct = default)
    {
        if (viewer is null)
        {
            return false;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.FileId == fileId, ct);
        if (document is null)
        {
            return false;
        }

        if (viewer.Kind == ViewerKind.Organizer)
        {
            return await IsOrganizerAsync(db, viewer.Id, document.EventId, ct);
        }

        var mine = await db.PartnerMembers.AsNoTracking()
            .Where(m => m.PersonId == viewer.Id && m.Role == MemberRole.Administrator && m.Partner!.EventId == document.EventId)
            .Select(m => new AudiencePartner(m.PartnerId, m.Partner!.Name, m.Partner.Category, m.Partner.IsTestPartner))
            .ToListAsync(ct);
        var readers = document.Audience.In(mine).Where(p => partnerId is null || p.Id == partnerId).ToList();
        if (readers.Count == 0)
        {
            // A partner of theirs outside the audience (or a partner id not theirs) reads nothing.
            return partnerId is null ? false : await OpenFileAsync(viewer, fileId, null, ct);
        }

        var already = await db.DocumentReads.Where(r => r.DocumentId == document.Id).Select(r => r.PartnerId).ToListAsync(ct);
        var firsts = readers.Where(p => !already.Contains(p.Id)).ToList();
        if (firsts.Count == 0)
        {
            return true;
        }

        var now = time.GetUtcNow();
        db.DocumentReads.AddRange(firsts.Select(p => new DocumentRead(document.Id, p.Id, viewer.Id, now)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The PDF viewer's range requests race each other: the first one marked it.
            return true;
        }

        foreach (var partner in firsts)
        {
            await live.PublishAsync(new DocumentReadByPartner(partner.Id, document.Id), ct);
        }

        await live.PublishAsync(new DocumentsChanged(document.EventId), ct);
        return true;
    }

    // ---- Home and readiness ----

    /// <summary>S-2.1: how many of the partner's documents nobody of it has read yet.</summary>
    public async Task<int> CountToReadAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId, ct))
        {
            return 0;
        }

        var (partner, eventId) = await PartnerAsync(db, partnerId, ct);
        var ids = (await DocumentsOfAsync(db, partner, eventId, ct)).Select(d => d.Document.Id).ToList();
        return ids.Count - await db.DocumentReads.CountAsync(r => r.PartnerId == partnerId && ids.Contains(r.DocumentId), ct);
    }

    /// <summary>Readiness: the documents each partner read of those shared with it.</summary>
    public async Task<IReadOnlyDictionary<Guid, (int Read, int Total)>> GetReadingAsync(Guid eventId, Guid? partnerId = null, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var documents = await db.Documents.AsNoTracking().Where(d => d.EventId == eventId).ToListAsync(ct);
        var partners = (await AudiencePartners.OfEventAsync(db, eventId, ct)).Where(p => partnerId == null || p.Id == partnerId).ToList();
        var reads = await ReadsOfAsync(db, eventId, ct);
        return partners.ToDictionary(p => p.Id, p =>
        {
            var shared = documents.Where(d => d.Audience.Includes(p)).ToList();
            return (shared.Count(d => reads.ContainsKey((d.Id, p.Id))), shared.Count);
        });
    }

    // ---- Helpers ----

    private static async Task<bool> IsOrganizerAsync(PartnerSpaceDbContext db, Guid organizerId, Guid eventId, CancellationToken ct) =>
        await db.EventOrganizers.AnyAsync(o => o.UserId == organizerId && o.EventId == eventId, ct);

    private static async Task<EventDocument?> FindOwnAsync(PartnerSpaceDbContext db, Guid organizerId, Guid documentId, CancellationToken ct) =>
        await db.Documents.FirstOrDefaultAsync(d => d.Id == documentId && db.EventOrganizers.Any(o => o.UserId == organizerId && o.EventId == d.EventId), ct);

    private static async Task<(AudiencePartner Partner, Guid EventId)> PartnerAsync(PartnerSpaceDbContext db, Guid partnerId, CancellationToken ct)
    {
        var p = await db.Partners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => new { p.Id, p.Name, p.Category, p.IsTestPartner, p.EventId }).FirstAsync(ct);
        return (new AudiencePartner(p.Id, p.Name, p.Category, p.IsTestPartner), p.EventId);
    }

    private sealed record DocumentWithFile(EventDocument Document, string FileName, string ContentType, long Length);

    /// <summary>The documents of the partner's event whose audience includes it, resolved now.</summary>
    private static async Task<List<DocumentWithFile>> DocumentsOfAsync(PartnerSpaceDbContext db, AudiencePartner partner, Guid eventId, CancellationToken ct)
    {
        var documents = await db.Documents.AsNoTracking().Where(d => d.EventId == eventId).OrderBy(d => d.Position).ThenBy(d => d.CreatedAt)
            .Join(db.Files, d => d.FileId, f => f.Id, (d, f) => new DocumentWithFile(d, f.FileName, f.ContentType, f.Length))
            .ToListAsync(ct);
        return [.. documents.Where(d => d.Document.Audience.Includes(partner))];
    }

    private static async Task<Dictionary<(Guid DocumentId, Guid PartnerId), DocumentRead>> ReadsOfAsync(PartnerSpaceDbContext db, Guid eventId, CancellationToken ct) =>
        await db.DocumentReads.AsNoTracking()
            .Where(r => db.Documents.Any(d => d.Id == r.DocumentId && d.EventId == eventId))
            .ToDictionaryAsync(r => (r.DocumentId, r.PartnerId), ct);

    private static async Task<Dictionary<Guid, string>> NamesAsync(PartnerSpaceDbContext db, IEnumerable<DocumentRead> reads, CancellationToken ct)
    {
        var ids = reads.Select(r => r.ReadBy).OfType<Guid>().Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.FirstName, p.LastName }).ToListAsync(ct);
        return people.ToDictionary(p => p.Id, p => $"{p.FirstName} {p.LastName}".Trim());
    }

    /// <summary>The clean draft, or the field errors: title, description, audience.</summary>
    private static (DocumentDraft? Clean, Dictionary<string, string[]> Errors) Validate(DocumentDraft draft, IReadOnlyList<AudiencePartner> partners)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var title = new LocalizedText((draft.Title?.Fr ?? "").Trim(), (draft.Title?.En ?? "").Trim());
        var description = new LocalizedText((draft.Description?.Fr ?? "").Trim(), (draft.Description?.En ?? "").Trim());
        if (title.Fr.Length == 0 && title.En.Length == 0)
        {
            errors["title"] = ["A document needs a title in French or in English."];
        }
        else if (title.Fr.Length > EventDocument.TitleMaxLength || title.En.Length > EventDocument.TitleMaxLength)
        {
            errors["title"] = [$"A title is at most {EventDocument.TitleMaxLength} characters."];
        }

        if (description.Fr.Length > EventDocument.DescriptionMaxLength || description.En.Length > EventDocument.DescriptionMaxLength)
        {
            errors["description"] = [$"A description is at most {EventDocument.DescriptionMaxLength} characters in each language."];
        }

        var (audience, problem) = AudiencePartners.Clean(draft.Audience, partners);
        if (problem is not null)
        {
            errors["audience"] = [problem];
        }

        return errors.Count > 0 ? (null, errors) : (draft with { Title = title, Description = description, Audience = audience! }, errors);
    }
}
