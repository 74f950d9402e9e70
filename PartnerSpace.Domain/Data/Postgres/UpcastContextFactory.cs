using Microsoft.EntityFrameworkCore;

namespace PartnerSpace.Domain.Data;

/// <summary>Hands out <see cref="PostgresDbContext"/>s, pooled, where services ask for the domain's context type.</summary>
public sealed class UpcastContextFactory(IDbContextFactory<PostgresDbContext> inner) : IDbContextFactory<PartnerSpaceDbContext>
{
    public PartnerSpaceDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<PartnerSpaceDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
