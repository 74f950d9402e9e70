using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PartnerSpace.Domain;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Bench;

/// <summary>Acme, the demo event's partner: its admin's one-click sign-in lands on <c>/partner/{id}</c>.</summary>
internal static class DemoPartner
{
    public const string SignInPath = "/demo/sign-in/partner-admin";

    /// <summary>Signs the demo partner admin in over plain HTTP and reads the partner id from where it lands.</summary>
    public static async Task<Guid> FindIdAsync(Uri baseAddress, CancellationToken ct)
    {
        using var handler = LoopbackTls.For(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }, baseAddress);
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        using var response = await http.GetAsync(new Uri(SignInPath, UriKind.Relative), ct);
        return IdFromLanding(response.RequestMessage?.RequestUri);
    }

    public static Guid IdFromLanding(Uri? landing) =>
        landing?.AbsolutePath.Trim('/').Split('/') is ["partner", var id] && Guid.TryParse(id, out var partnerId)
            ? partnerId
            : throw new BenchException($"The demo sign-in landed on {landing}, not on /partner/{{id}}.");

    /// <summary>Adds <paramref name="count"/> leads to the demo partner in the running portal's database (WAL: the portal keeps serving).</summary>
    public static async Task SeedLeadsAsync(string databasePath, Guid partnerId, int count, CancellationToken ct)
    {
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<PartnerSpaceDbContext>();
        options.UsePartnerSpaceSqlite($"Data Source={databasePath}");
        var dbs = new PooledDbContextFactory<PartnerSpaceDbContext>(options.Options);
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync(ct);
        async Task<string?> ScalarAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$p", LeadSeeder.G(partnerId));
            return (string?)await command.ExecuteScalarAsync(ct);
        }

        var eventId = await ScalarAsync("SELECT EventId FROM Partners WHERE Id = $p") ?? throw new BenchException("The demo partner is not in the database.");
        var staffId = await ScalarAsync("SELECT PersonId FROM PartnerMembers WHERE PartnerId = $p ORDER BY PersonId LIMIT 1") ?? throw new BenchException("The demo partner has no staff.");
        var sessionId = await ScalarAsync("SELECT SessionId FROM SessionHosts WHERE PartnerId = $p ORDER BY SessionId LIMIT 1");
        await LeadSeeder.SeedAsync(dbs, new LeadSeedTarget(Guid.Parse(eventId), partnerId, Guid.Parse(staffId), sessionId is null ? null : Guid.Parse(sessionId)), count, ct);
        SqliteConnection.ClearAllPools();
    }
}
