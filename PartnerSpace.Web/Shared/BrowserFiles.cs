using Microsoft.AspNetCore.Components.Forms;

namespace PartnerSpace.Web.Shared;

/// <summary>Reads a file the browser sends over the circuit, never more than a limit.</summary>
public static class BrowserFiles
{
    /// <summary>The file's bytes; the caller has checked <see cref="IBrowserFile.Size"/> against <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAsync(IBrowserFile file, long maxBytes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var buffer = new MemoryStream((int)Math.Min(file.Size, maxBytes));
        await using (var upload = file.OpenReadStream(maxBytes, ct))
        {
            await upload.CopyToAsync(buffer, ct);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The file as a stream over the circuit, for uploads stored without being held whole in
    /// memory (a 25 MB document); reading past <paramref name="maxBytes"/> fails.
    /// </summary>
    public static Stream OpenRead(IBrowserFile file, long maxBytes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.OpenReadStream(maxBytes, ct);
    }
}
