using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Forms;

namespace PartnerSpace.Domain.Files;

/// <summary>A stored file as it is served: the type its bytes were checked to be, its size, and whose it is.</summary>
public sealed record FileContent(Guid Id, string FileName, string ContentType, long Length, FilePurpose Purpose, Guid? PartnerId, Guid? DisplayId = null)
{
    /// <summary>
    /// Page images and profile images (logos) show to anyone who sees the page or the public
    /// partner page; their ids cannot be guessed. Form files are the partner's and organizers' only.
    /// </summary>
    public bool IsPublic => Purpose is FilePurpose.PageImage or FilePurpose.ProfileImage;
}

/// <summary>Stores uploaded files (row in the database, bytes in the <see cref="FileStore"/>) and reads them back for <c>GET /files/{id}</c>.</summary>
public sealed class FileService(IDbContextFactory<PartnerSpaceDbContext> dbs, FileStore store, TimeProvider time)
{
    /// <summary>S-1.3: an image in a page is at most 2 MB.</summary>
    public const int PageImageMaxBytes = 2 * 1024 * 1024;

    /// <summary>Stores an image of a custom page; only PNG, JPEG, GIF and WebP content is accepted.</summary>
    public async Task<Result<Guid>> StorePageImageAsync(Guid eventId, string fileName, byte[] content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            return Invalid("The file is empty.");
        }

        if (content.Length > PageImageMaxBytes)
        {
            return Invalid($"An image is at most {PageImageMaxBytes / (1024 * 1024)} MB.");
        }

        var kind = FileSignature.Detect(FileSignature.ImageKinds, content);
        if (kind is null)
        {
            return Invalid("Only PNG, JPEG, GIF or WebP images can be inserted.");
        }

        return Result<Guid>.Ok(await StoreAsync(eventId, null, FilePurpose.PageImage, fileName, kind.Value, content, ct));
    }

    /// <summary>Stores a file whose content was already checked to be of <paramref name="kind"/>.</summary>
    public async Task<Guid> StoreAsync(Guid eventId, Guid? partnerId, FilePurpose purpose, string? fileName, FileKind kind, byte[] content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var file = new StoredFile(eventId, partnerId, purpose, CleanName(fileName), FileSignature.ContentTypeOf(kind), content.Length, time.GetUtcNow());

        // Bytes first: a row never points at missing bytes; bytes whose row failed are removed.
        await store.WriteAsync(file.Id, content, ct);
        await SaveRowsOrDeleteBytesAsync([file], ct);

        return file.Id;
    }

    /// <summary>
    /// Stores a file streamed from the browser, checked against <paramref name="rules"/> first (kind
    /// by its first bytes, declared size), then copied to disk without being held whole in memory;
    /// a stream longer than the rules allow is refused too. Errors are under the field "file".
    /// </summary>
    /// <param name="label">What the file is for, starting the error sentence ("Signed contract: the file is 12.3 MB…").</param>
    public async Task<Result<Guid>> StoreAsync(Guid eventId, Guid? partnerId, FilePurpose purpose, FileRules rules, string label, string fileName, long length, Stream content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(content);
        var head = new byte[FileRules.HeadLength];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (rules.Check(label, images: false, fileName, length, head.AsSpan(0, read)) is { } problem)
        {
            return Invalid(problem);
        }

        // Check verified that the first bytes are the kind the name claims.
        var kind = rules.KindOf(fileName)!.Value;
        var file = new StoredFile(eventId, partnerId, purpose, CleanName(fileName), FileSignature.ContentTypeOf(kind), length, time.GetUtcNow());
        var written = await store.WriteAsync(file.Id, head.AsMemory(0, read), content, rules.MaxSizeMb * 1024L * 1024L, ct);
        if (written != length)
        {
            store.Delete(file.Id);
            return Invalid(written < 0 ? FileTexts.Format("LargerThan", label, rules.MaxSizeMb) : FileTexts.Format("NotWhole", label));
        }

        await SaveRowsOrDeleteBytesAsync([file], ct);

        return Result<Guid>.Ok(file.Id);
    }

    /// <summary>
    /// Stores a file given for an Image or File field of a form (profile S-2.2, team S-1.5), checked
    /// against the field's rules (kind by content, size); errors are under the field's id. Public
    /// image answers (<paramref name="publicImages"/>: the profile's) get a display copy (ADR 0008);
    /// every other answer is a private <see cref="FilePurpose.FormFile"/>.
    /// </summary>
    public async Task<Result<Guid>> StoreFormAnswerAsync(Guid eventId, Guid partnerId, FormDocument form, Guid fieldId, bool publicImages, string fileName, byte[] content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(content);
        var field = form.Visible.FirstOrDefault(f => f.Id == fieldId);
        if (field is null || FileRules.For(field) is not { } rules)
        {
            return Error.NotFound("field-not-found", "This field no longer takes a file: reload the form.");
        }

        var head = content.AsSpan(0, Math.Min(content.Length, FileRules.HeadLength));
        if (FileRules.Check(field, fileName, content.Length, head) is { } problem)
        {
            return Error.Validation(new Dictionary<string, string[]> { [fieldId.ToString()] = [problem] });
        }

        // Check verified that the bytes are the kind the name claims.
        var kind = rules.KindOf(fileName)!.Value;
        if (publicImages && field.Type == FieldType.Image)
        {
            var image = await StoreImageAsync(eventId, partnerId, FilePurpose.ProfileImage, fileName, kind, content, ct);
            return image.Error is { Fields: { } fields } ? Error.Validation(new Dictionary<string, string[]> { [fieldId.ToString()] = [.. fields.Values.SelectMany(v => v)] }) : image;
        }

        return Result<Guid>.Ok(await StoreAsync(eventId, partnerId, FilePurpose.FormFile, fileName, kind, content, ct));
    }

    /// <summary>
    /// Stores an image whose content was checked to be of <paramref name="kind"/>, with a display
    /// copy when it is larger than <see cref="DisplayImage.MaxSide"/> pixels (ADR 0008). An image
    /// that does not decode is refused: it would show nowhere.
    /// </summary>
    public async Task<Result<Guid>> StoreImageAsync(Guid eventId, Guid? partnerId, FilePurpose purpose, string? fileName, FileKind kind, byte[] content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (DisplayImage.Measure(content) is null)
        {
            return Invalid(FileTexts.Format("Unreadable"));
        }

        if (DisplayImage.MakeCopy(content) is not { } copy)
        {
            return Result<Guid>.Ok(await StoreAsync(eventId, partnerId, purpose, fileName, kind, content, ct));
        }

        var name = CleanName(fileName);
        var now = time.GetUtcNow();
        var file = new StoredFile(eventId, partnerId, purpose, name, FileSignature.ContentTypeOf(kind), content.Length, now);
        var display = new StoredFile(eventId, partnerId, purpose, Path.ChangeExtension(name.Length > 0 ? name : "image", ".webp"), FileSignature.ContentTypeOf(FileKind.WebP), copy.Content.Length, now);
        file.UseDisplayCopy(display.Id);
        await store.WriteAsync(file.Id, content, ct);
        try
        {
            await store.WriteAsync(display.Id, copy.Content, ct);
        }
        catch
        {
            store.Delete(file.Id);
            store.Delete(display.Id);
            throw;
        }

        await SaveRowsOrDeleteBytesAsync([display, file], ct);

        return Result<Guid>.Ok(file.Id);
    }

    /// <summary>Removes stored files (rows and bytes), e.g. a replaced document; unknown ids are ignored.</summary>
    public async Task DeleteAsync(IEnumerable<Guid> ids, CancellationToken ct = default)
    {
        var wanted = ids.ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            await db.Files.Where(f => wanted.Contains(f.Id)).ExecuteDeleteAsync(ct);
        }

        // Rows first: a row never points at missing bytes.
        foreach (var id in wanted)
        {
            store.Delete(id);
        }
    }

    /// <summary>A stored file with what decides who may read it (<see cref="FileContent.IsPublic"/>, its partner).</summary>
    public async Task<FileContent?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Files.AsNoTracking()
            .Where(f => f.Id == id)
            .Select(f => new FileContent(f.Id, f.FileName, f.ContentType, f.Length, f.Purpose, f.PartnerId, f.DisplayId))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The file's bytes, streamed from disk; null when they are missing.</summary>
    public Stream? OpenRead(FileContent file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return store.OpenRead(file.Id);
    }

    /// <summary>
    /// Moves the bytes of files stored in the database (before files went to disk) to the
    /// <see cref="FileStore"/>, one file at a time; run at startup, a no-op once done.
    /// </summary>
    public async Task<int> MoveLegacyContentAsync(CancellationToken ct = default)
    {
        var moved = 0;
        while (true)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var file = await db.Files.FirstOrDefaultAsync(f => f.LegacyContent != null, ct);
            if (file is null)
            {
                return moved;
            }

            await store.WriteAsync(file.Id, file.LegacyContent, ct);
            file.ForgetLegacyContent();
            await db.SaveChangesAsync(ct);
            moved++;
        }
    }

    /// <summary>The names of stored files, for screens that list answers by file id.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> GetNamesAsync(IEnumerable<Guid> ids, CancellationToken ct = default)
    {
        var wanted = ids.ToList();
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Files.AsNoTracking().Where(f => wanted.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.FileName, ct);
    }

    private static string CleanName(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        return name.Length > StoredFile.FileNameMaxLength ? name[^StoredFile.FileNameMaxLength..] : name;
    }

    /// <summary>Adds the rows of files whose bytes are written; if that fails, their bytes are removed (no orphan bytes).</summary>
    private async Task SaveRowsOrDeleteBytesAsync(IReadOnlyList<StoredFile> files, CancellationToken ct)
    {
        try
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            db.Files.AddRange(files);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            foreach (var file in files)
            {
                store.Delete(file.Id);
            }

            throw;
        }
    }

    private static Error Invalid(string message) =>
        Error.Validation(new Dictionary<string, string[]> { ["file"] = [message] });
}
