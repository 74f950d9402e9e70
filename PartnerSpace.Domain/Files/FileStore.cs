namespace PartnerSpace.Domain.Files;

/// <summary>
/// The bytes of stored files, on disk under one folder (beside the SQLite database by default, or
/// <c>PartnerSpace:FilesFolder</c>): <c>{folder}/{first two hex digits}/{id}</c>. A file is written
/// to a temporary name and moved into place, so a reader never sees half a file.
/// </summary>
public sealed class FileStore(string folder)
{
    public const string FolderSetting = "PartnerSpace:FilesFolder";

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>The folder files go to when none is configured: <c>files</c> beside the SQLite database.</summary>
    public static string DefaultFolder(string connectionString)
    {
        var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var database = builder.TryGetValue("Data Source", out var source) ? source as string : null;
        var directory = string.IsNullOrEmpty(database) || database == ":memory:" ? "App_Data" : Path.GetDirectoryName(Path.GetFullPath(database));
        return Path.Combine(string.IsNullOrEmpty(directory) ? "." : directory, "files");
    }

    public async Task WriteAsync(Guid id, ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        var path = PathOf(id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, ct);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Writes a file given as its first bytes (already read to check its kind) and the rest as a
    /// stream, never holding it whole in memory. Returns the number of bytes written, or -1 when the
    /// file is longer than <paramref name="maxBytes"/> (then nothing is kept).
    /// </summary>
    public async Task<long> WriteAsync(Guid id, ReadOnlyMemory<byte> head, Stream rest, long maxBytes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rest);
        var path = PathOf(id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            long written = head.Length;
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(head, ct);
                var buffer = new byte[81920];
                int read;
                while ((read = await rest.ReadAsync(buffer, ct)) > 0)
                {
                    written += read;
                    if (written > maxBytes)
                    {
                        return -1;
                    }

                    await stream.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }

            File.Move(temporary, path, overwrite: true);
            return written;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The file's bytes as a stream to copy to a response; null when the bytes are missing.</summary>
    public Stream? OpenRead(Guid id)
    {
        var path = PathOf(id);
        return File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan)
            : null;
    }

    public void Delete(Guid id) => File.Delete(PathOf(id));

    private string PathOf(Guid id)
    {
        var name = id.ToString("N");
        return Path.Combine(Folder, name[^2..], name);
    }
}
