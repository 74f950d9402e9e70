using Microsoft.EntityFrameworkCore;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

public sealed class MigrationTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task CommittedMigrationsMatchTheModelAndUseWal()
    {
        await using var db = await _db.Factory.CreateDbContextAsync();

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        if (_db.IsPostgres)
        {
            return; // WAL is SQLite's journal mode; PostgreSQL's migrations are checked the same way above.
        }

        var mode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();
        Assert.Equal("wal", Assert.Single(mode));
    }
}
