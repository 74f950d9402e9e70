using Microsoft.EntityFrameworkCore;

namespace PartnerSpace.Domain.Data;

/// <summary>
/// The model of <see cref="PartnerSpaceDbContext"/> on PostgreSQL. Services ask for
/// <c>IDbContextFactory&lt;PartnerSpaceDbContext&gt;</c> and get instances of this type; it exists so
/// that the PostgreSQL migrations (<c>Data/Migrations/Postgres</c>) are told apart from SQLite's.
/// </summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : PartnerSpaceDbContext(options);
