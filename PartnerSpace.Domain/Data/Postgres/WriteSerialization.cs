using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerSpace.Domain.Data;

/// <summary>
/// PostgreSQL: the services' transactions serialized as SQLite's BEGIN IMMEDIATE serializes them
/// (ADR 0013). Their read-check-write logic (the last administrator, a free slot, a partner name,
/// a discount code's uses…) relies on no other writer running between their read and their
/// commit; READ COMMITTED alone would let two of them both pass the check. At BEGIN every
/// explicit transaction takes a transaction-scoped advisory lock, released at commit or rollback:
/// <list type="bullet">
/// <item>the writers' lock, exclusively, for any transaction a service begins;</item>
/// <item>for a partner's scans (<see cref="WriteSerializationExtensions.ScopeNextTransactionToPartner"/>),
/// the writers' lock shared and the partner's lock exclusively: scans of different partners touch
/// different rows (their scans, leads and lead counter) and run side by side, while every other
/// writer still waits for them and they for it.</item>
/// </list>
/// The transactions <c>SaveChanges</c> opens for itself take no lock: their reads, if any, came
/// before, as on SQLite. A lock waits at most <see cref="LockTimeout"/>, like SQLite's busy_timeout.
/// </summary>
internal sealed class WriteSerialization : DbTransactionInterceptor, ISaveChangesInterceptor
{
    /// <summary>As SqlitePragmas' busy_timeout: a writer waits this long for the others, then fails.</summary>
    public const string LockTimeout = "10s";

    // pg_advisory_xact_lock(int, int): one key space for the writers' lock, one for partners.
    private const int WritersClass = 0x5053_0001;
    private const int PartnerClass = 0x5053_0002;

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (LockFor(eventData) is { } sql)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = result;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (LockFor(eventData) is { } sql)
        {
            using var command = connection.CreateCommand();
            command.Transaction = result;
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        return result;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData, +1);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saving(eventData, +1);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saving(eventData, -1);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saving(eventData, -1);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Saving(eventData, -1);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saving(eventData, -1);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Saving(eventData, -1);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Saving(eventData, -1);
        return Task.CompletedTask;
    }

    /// <summary>The lock statement for a transaction just begun, or null for SaveChanges' own.</summary>
    private static string? LockFor(TransactionEndEventData eventData)
    {
        if (eventData.Context is not PartnerSpaceDbContext db)
        {
            return Exclusive;
        }

        var partner = db.WriteScopePartner;
        db.WriteScopePartner = null;
        if (db.SavingDepth > 0)
        {
            return null;
        }

        return partner is { } id
            ? $"SET LOCAL lock_timeout = '{LockTimeout}'; SELECT pg_advisory_xact_lock_shared({WritersClass}, 0), pg_advisory_xact_lock({PartnerClass}, {KeyOf(id)});"
            : Exclusive;
    }

    private static string Exclusive => $"SET LOCAL lock_timeout = '{LockTimeout}'; SELECT pg_advisory_xact_lock({WritersClass}, 0);";

    /// <summary>A partner's 32-bit key: two partners that collide only wait for each other.</summary>
    private static int KeyOf(Guid partnerId)
    {
        Span<byte> bytes = stackalloc byte[16];
        partnerId.TryWriteBytes(bytes);
        return BitConverter.ToInt32(bytes) ^ BitConverter.ToInt32(bytes[4..]) ^ BitConverter.ToInt32(bytes[8..]) ^ BitConverter.ToInt32(bytes[12..]);
    }

    private static void Saving(DbContextEventData eventData, int step)
    {
        if (eventData.Context is PartnerSpaceDbContext db)
        {
            db.SavingDepth += step;
        }
    }
}

public static class WriteSerializationExtensions
{
    /// <summary>
    /// The next transaction of <paramref name="db"/> records one partner's scans only: on PostgreSQL
    /// it waits for the other writers of that partner, not for other partners' scans (ADR 0013).
    /// SQLite has one writer at a time whatever this says.
    /// </summary>
    public static void ScopeNextTransactionToPartner(this PartnerSpaceDbContext db, Guid partnerId)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.WriteScopePartner = partnerId;
    }
}
