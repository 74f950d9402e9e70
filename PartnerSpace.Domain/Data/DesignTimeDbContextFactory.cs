using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PartnerSpace.Domain.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the web app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PartnerSpaceDbContext>
{
    public PartnerSpaceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PartnerSpaceDbContext>().UseSqlite(DomainServiceExtensions.DefaultConnectionString).Options);
}
