using Microsoft.Data.Sqlite;

namespace PartnerSpace.Tests.Support;

/// <summary>A real SQLite file in a temporary folder, deleted when the test is done.</summary>
public sealed class SqliteFile : IDisposable
{
    public SqliteFile()
    {
        Folder = Path.Combine(Path.GetTempPath(), "partnerspace-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "test.db");
    }

    public string Folder { get; }

    public string FilePath { get; }

    public string ConnectionString => $"Data Source={FilePath}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection: the temp folder is cleaned by the OS.
        }
    }
}
