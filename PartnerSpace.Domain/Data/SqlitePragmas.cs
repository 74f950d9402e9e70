using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerSpace.Domain.Data;

/// <summary>
/// Per-connection SQLite settings. WAL (set once, persistent) lets readers run beside the writer;
/// synchronous=NORMAL under WAL keeps every commit through a process crash (kill -9) and only
/// risks the last commits on power loss, the trade-off SQLite documents for WAL.
/// The settings belong to the native connection, which Microsoft.Data.Sqlite pools: they are set
/// once per native connection, not on every open of a pooled one (three statements fewer per
/// operation, bench/).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    /// <summary>Native connections already set up; an entry goes when its connection is collected.</summary>
    private static readonly ConditionalWeakTable<object, object> Done = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsDone(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        MarkDone(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsDone(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkDone(connection);
    }

    private static bool IsDone(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Done.TryGetValue(handle, out _);

    private static void MarkDone(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Done.AddOrUpdate(handle, Done);
        }
    }
}
