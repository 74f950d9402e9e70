using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerSpace.Domain.Access;

namespace PartnerSpace.Domain.Data;

public static class DatabaseStartup
{
    /// <summary>Applies the migrations, switches SQLite to WAL, and seeds the demo into an empty database.</summary>
    public static async Task MigrateAndSeedAsync(IServiceProvider services, bool seedDemo, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var factory = services.GetRequiredService<IDbContextFactory<PartnerSpaceDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);

        if (db.Database.IsSqlite())
        {
            var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(source));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        // Leads of the categories recorded before issue 7 (shares, messages, meetings, networking, sessions).
        var backfilled = await Leads.LeadBackfill.RunAsync(db, ct: ct);
        if (backfilled > 0)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup)).LogInformation("Recorded {Count} missing leads", backfilled);
        }

        // Files stored in the database before they moved to disk (ADR 0007).
        var moved = await services.GetRequiredService<Files.FileService>().MoveLegacyContentAsync(ct);
        if (moved > 0)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup)).LogInformation("Moved {Count} stored files to disk", moved);
        }

        if (seedDemo && !await db.Events.AnyAsync(ct))
        {
            await using var scope = services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<OrganizerUser>>();
            var time = services.GetRequiredService<TimeProvider>();
            await DemoData.SeedAsync(db, users, time.GetUtcNow(), services.GetRequiredService<Files.FileStore>(), ct);
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup)).LogInformation("Seeded the demo event");
        }
    }
}
