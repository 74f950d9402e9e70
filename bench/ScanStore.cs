using Microsoft.Data.Sqlite;

namespace PartnerSpace.Bench;

/// <summary>What the database holds for a set of scan ids the API acknowledged.</summary>
/// <param name="Expected">Distinct scan ids the API acknowledged (201 or 200).</param>
/// <param name="Rows">Rows of the partner whose scan id is one of them.</param>
/// <param name="Distinct">How many of those scan ids have a row.</param>
/// <param name="Duplicated">Scan ids stored more than once.</param>
/// <param name="Missing">Acknowledged scan ids with no row.</param>
internal sealed record StoredScans(int Expected, long Rows, int Distinct, int Duplicated, int Missing)
{
    public bool ExactlyOnce => Rows == Expected && Distinct == Expected && Duplicated == 0 && Missing == 0;
}

/// <summary>
/// Checks that acknowledged scans are stored exactly once: in the portal's SQLite file directly
/// (read-only, beside the running portal: WAL allows it), or through the API for a portal the
/// bench does not own.
/// </summary>
internal static class ScanStore
{
    private const int ReplayBatch = 1000;

    /// <summary>
    /// Resends every acknowledged scan, same id and body, in batches of 1,000: each must come back
    /// "replayed" (stored before, with this body). A scan the portal lost comes back "created" (counted
    /// missing); a scan stored twice makes the portal's lookup by (partner, scan id) fail, so its batch
    /// is not answered 200 (counted duplicated, with "conflict" answers).
    /// </summary>
    public static async Task<StoredScans> CheckThroughApiAsync(ScanApiClient api, IReadOnlyDictionary<Guid, ScanBody> acknowledged, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(acknowledged);
        int replayed = 0, missing = 0, failed = 0;
        foreach (var chunk in acknowledged.Values.Chunk(ReplayBatch))
        {
            var (status, answer) = await api.PostBatchAsync(ScanApiClient.Serialize(new BatchBody(chunk)), ct);
            if (answer is null)
            {
                failed += chunk.Length;
                continue;
            }

            foreach (var item in answer.Results)
            {
                switch (item.Status)
                {
                    case "replayed":
                        replayed++;
                        break;
                    case "created":
                        missing++;
                        break;
                    default:
                        failed++;
                        break;
                }
            }

            _ = status;
        }

        return new StoredScans(acknowledged.Count, replayed, replayed, failed, missing);
    }

    public static async Task<StoredScans> CheckAsync(string databasePath, Guid partnerId, IReadOnlySet<Guid> acknowledged, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(acknowledged);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();

        // EF Core stores GUIDs as upper-case text; bind the partner the same way so the index is used.
        command.CommandText = "SELECT ScanId, COUNT(*) FROM Scans WHERE PartnerId = $partner GROUP BY ScanId";
        command.Parameters.AddWithValue("$partner", partnerId.ToString("D").ToUpperInvariant());

        long rows = 0;
        int distinct = 0, duplicated = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!acknowledged.Contains(Guid.Parse(reader.GetString(0))))
            {
                continue; // seeded by the demo, or from another phase
            }

            var count = reader.GetInt64(1);
            rows += count;
            distinct++;
            duplicated += count > 1 ? 1 : 0;
        }

        return new StoredScans(acknowledged.Count, rows, distinct, duplicated, acknowledged.Count - distinct);
    }
}
