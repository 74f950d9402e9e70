using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PartnerSpace.Domain.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the web app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PartnerSpaceDbContext>
{
    public PartnerSpaceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PartnerSpaceDbContext>().UseSqlite(DomainServiceExtensions.DefaultConnectionString).Options);
}

/// <summary>
/// <c>dotnet ef migrations add Name --context PostgresDbContext --output-dir Data/Migrations/Postgres</c>:
/// the PostgreSQL model; no server is needed to write a migration.
/// </summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresDbContext>();
        options.UsePartnerSpacePostgres("Host=localhost;Database=partnerspace");
        return new(options.Options);
    }
}
