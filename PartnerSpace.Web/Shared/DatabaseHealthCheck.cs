using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Web.Shared;

/// <summary><c>GET /health</c>: 200 when the app and its database answer.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<PartnerSpaceDbContext> dbs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
    }
}
