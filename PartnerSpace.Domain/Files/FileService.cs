using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Files;

/// <summary>A stored file as it is served: its bytes and the type they were checked to be.</summary>
public sealed record FileContent(Guid Id, string FileName, string ContentType, byte[] Content);

/// <summary>Stores uploaded files and reads them back for <c>GET /files/{id}</c>.</summary>
public sealed class FileService(IDbContextFactory<PartnerSpaceDbContext> dbs, TimeProvider time)
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

        var contentType = ImageSignature.Detect(content);
        if (contentType is null)
        {
            return Invalid("Only PNG, JPEG, GIF or WebP images can be inserted.");
        }

        var name = Path.GetFileName(fileName ?? "").Trim();
        if (name.Length > StoredFile.FileNameMaxLength)
        {
            name = name[^StoredFile.FileNameMaxLength..];
        }

        var file = new StoredFile(eventId, null, FilePurpose.PageImage, name, contentType, content, time.GetUtcNow());
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.Files.Add(file);
        await db.SaveChangesAsync(ct);
        return Result<Guid>.Ok(file.Id);
    }

    /// <summary>
    /// A file anyone may read: page images only (they show to every partner of the event, and
    /// their ids cannot be guessed). Other purposes need their own access rules: null here.
    /// </summary>
    public async Task<FileContent?> GetPublicAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Files.AsNoTracking()
            .Where(f => f.Id == id && f.Purpose == FilePurpose.PageImage)
            .Select(f => new FileContent(f.Id, f.FileName, f.ContentType, f.Content))
            .FirstOrDefaultAsync(ct);
    }

    private static Error Invalid(string message) =>
        Error.Validation(new Dictionary<string, string[]> { ["file"] = [message] });
}
