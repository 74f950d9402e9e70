using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;

namespace PartnerSpace.Bench;

/// <summary>Where seeded leads go: a partner of an event, a staff member of it, and a session it hosts (if any).</summary>
internal sealed record LeadSeedTarget(Guid EventId, Guid PartnerId, Guid StaffId, Guid? SessionId);

/// <summary>
/// Writes N leads of one partner spread over the five categories of S-2.12, in one transaction with
/// prepared statements: each lead has a main category (one in five of each) and one in ten is also
/// scanned. Sequences continue after the partner's last one, so the portal can go on numbering.
/// The same statements run on SQLite and PostgreSQL (quoted names, <c>@p</c> parameters); only the
/// ids differ: upper-case text on SQLite (as EF stores them there), uuid on PostgreSQL.
/// </summary>
internal static class LeadSeeder
{
    private static readonly DateTimeOffset Day = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static async Task SeedAsync(IDbContextFactory<PartnerSpaceDbContext> dbs, LeadSeedTarget target, int count, CancellationToken ct)
    {
        await using var context = await dbs.CreateDbContextAsync(ct);
        var postgres = context.Database.IsNpgsql();
        object Id(Guid id) => postgres ? id : G(id);
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        var last = Command(connection, tx, """SELECT COALESCE((SELECT "Last" FROM "PartnerLeadSequences" WHERE "PartnerId" = @p0), 0)""", 1);
        last.Parameters[0].Value = Id(target.PartnerId);
        var first = Convert.ToInt64(await last.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) + 1;

        var person = Command(connection, tx, """INSERT INTO "People" ("Id", "EventId", "Email", "FirstName", "LastName", "Company", "SecurityStamp", "Language") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, 'fr')""", 7);
        var lead = Command(connection, tx, """
            INSERT INTO "Leads" ("Id", "PartnerId", "PersonId", "Sequence", "Sources", "CreatedAt", "ScanCount", "FirstCapturedAt", "LastCapturedAt", "LastScannedBy",
                "Consent", "ConsentAt", "Rating", "FollowUp", "Notes", "Tags", "OwnerPersonId", "Version")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, 0)
            """, 17);
        var share = Command(connection, tx, """INSERT INTO "ContactShares" ("Id", "EventId", "PartnerId", "PersonId", "Origin", "Note", "SharedAt") VALUES (@p0, @p1, @p2, @p3, 'AttendeeShared', @p4, @p5)""", 6);
        var attendance = Command(connection, tx, """INSERT INTO "SessionAttendances" ("SessionId", "PersonId", "RegisteredAt", "PresentAt") VALUES (@p0, @p1, @p2, @p3)""", 4);
        var contact = Command(connection, tx, """INSERT INTO "NetworkingContacts" ("Id", "EventId", "OwnerPersonId", "ContactPersonId", "Note", "MetAt") VALUES (@p0, @p1, @p2, @p3, @p4, @p5)""", 6);
        var meeting = Command(connection, tx, """
            INSERT INTO "Meetings" ("Id", "EventId", "PartnerId", "SlotId", "StartsAt", "EndsAt", "AttendeePersonId", "HostPersonId", "Origin", "Status", "CreatedAt", "Sequence", "Version")
            VALUES (@p0, @p1, @p2, NULL, @p3, @p4, @p5, @p6, 'AttendeeRequest', @p7, @p8, 0, 0)
            """, 9);
        string[] statuses = ["Pending", "Accepted", "Declined", "Cancelled", "Expired"];
        var tag = Guid.NewGuid().ToString("N")[..6];
        for (var i = 1; i <= count; i++)
        {
            var personId = Guid.CreateVersion7();
            var at = Day.AddSeconds(i * 0.5);
            var category = (LeadSources)(1 << (i % 5));
            if (category == LeadSources.Session && target.SessionId is null)
            {
                category = LeadSources.Scan;
            }

            var sources = category | (i % 10 == 0 ? LeadSources.Scan : LeadSources.None);
            var consent = (sources & LeadSources.Scan) != 0 ? LeadConsent.ScannedBadge : category == LeadSources.Sharing ? LeadConsent.SharedContact : LeadConsent.None;
            var scans = (sources & LeadSources.Scan) != 0 ? 1 + (i % 3) : 0;
            await RunAsync(person, Id(personId), Id(target.EventId), $"person{i}.{tag}@example.com", "Person", $"{i}", $"Company {i % 400}", Guid.NewGuid().ToString("N"));
            await RunAsync(
                lead, Id(Guid.CreateVersion7()), Id(target.PartnerId), Id(personId), first + i - 1, (int)sources, at.UtcTicks, scans, at.UtcTicks, at.AddMinutes(scans).UtcTicks,
                scans > 0 ? "staff@acme.example" : null, (int)consent, consent == LeadConsent.None ? null : at.UtcTicks, i % 4, i % 6,
                i % 3 == 0 ? "Interested in the premium plan; call back next week." : null, i % 2 == 0 ? "|vip|paris|" : null, i % 5 == 0 ? Id(target.StaffId) : null);
            switch (category)
            {
                case LeadSources.Sharing:
                    await RunAsync(share, Id(Guid.CreateVersion7()), Id(target.EventId), Id(target.PartnerId), Id(personId), "Send me the brochure", at.UtcTicks);
                    break;
                case LeadSources.Session:
                    await RunAsync(attendance, Id(target.SessionId!.Value), Id(personId), at.UtcTicks, i % 2 == 0 ? at.AddHours(2).UtcTicks : null);
                    break;
                case LeadSources.Networking:
                    await RunAsync(contact, Id(Guid.CreateVersion7()), Id(target.EventId), Id(target.StaffId), Id(personId), "Met at the coffee bar", at.UtcTicks);
                    break;
                case LeadSources.Meeting:
                    await RunAsync(meeting, Id(Guid.CreateVersion7()), Id(target.EventId), Id(target.PartnerId), Day.AddDays(1).UtcTicks, Day.AddDays(1).AddMinutes(30).UtcTicks, Id(personId), Id(target.StaffId), statuses[i % 5], at.UtcTicks);
                    break;
            }
        }

        var sequence = Command(connection, tx, """INSERT INTO "PartnerLeadSequences" ("PartnerId", "Last") VALUES (@p0, @p1) ON CONFLICT ("PartnerId") DO UPDATE SET "Last" = excluded."Last" """, 2);
        await RunAsync(sequence, Id(target.PartnerId), first + count - 1);
        await tx.CommitAsync(ct);
    }

    /// <summary>EF stores Guids as upper-case text in SQLite.</summary>
    public static string G(Guid id) => id.ToString().ToUpperInvariant();

    /// <summary>A command to run many times: SQLite keeps its statement prepared; on PostgreSQL the bench's connection string auto-prepares it.</summary>
    private static DbCommand Command(DbConnection connection, DbTransaction tx, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static Task<int> RunAsync(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQueryAsync();
    }
}
