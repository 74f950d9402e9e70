namespace PartnerSpace.Domain.Data;

/// <summary>Which database the portal runs on: <c>PartnerSpace:Database</c> (DESIGN §7, §8).</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one SQLite file, one node.</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql, for several nodes (issue 9).</summary>
    Postgres,
}
