using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerSpace.Domain.Data;

/// <summary>
/// Per-connection SQLite settings. WAL (set once, persistent) lets readers run beside the writer;
/// synchronous=NORMAL under WAL keeps every commit through a process crash (kill -9) and only
/// risks the last commits on power loss, the trade-off SQLite documents for WAL.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
