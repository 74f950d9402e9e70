using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Leads;

namespace PartnerSpace.Tests.Support;

/// <summary>
/// Inserts many people and their leads for one partner at once, with raw ADO in one transaction
/// (100,000 in a few seconds), for the scale tests of the lead lists. Leads are scans; every tenth
/// person also shared their details, every fifth is rated.
/// </summary>
public static class BulkLeads
{
    public static async Task InsertAsync(TestDatabase db, Guid eventId, Guid partnerId, int count)
    {
        await using var context = await db.Factory.CreateDbContextAsync();
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        var person = Command(connection, tx, """INSERT INTO "People" ("Id", "EventId", "Email", "FirstName", "LastName", "Company", "Language") VALUES ($id, $event, $email, $first, $last, $company, 'en')""", "$id", "$event", "$email", "$first", "$last", "$company");
        var lead = Command(connection, tx, """
            INSERT INTO "Leads" ("Id", "PartnerId", "PersonId", "Sequence", "Sources", "CreatedAt", "ScanCount", "FirstCapturedAt", "LastCapturedAt", "LastScannedBy", "Consent", "ConsentAt", "Rating", "FollowUp", "Tags", "Version")
            VALUES ($id, $partner, $person, $seq, $sources, $at, 1, $at, $at, 'staff@acme.example', 1, $at, $rating, 0, $tags, 0)
            """, "$id", "$partner", "$person", "$seq", "$sources", "$at", "$rating", "$tags");
        var start = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero).UtcTicks;
        var eventText = Text(eventId);
        var partnerText = Text(partnerId);
        for (var i = 1; i <= count; i++)
        {
            var personId = Guid.CreateVersion7();
            Set(person, Text(personId), eventText, $"bulk{i}@guest.example", $"First{i % 997}", $"Last{i}", $"Company {i % 313}");
            await person.ExecuteNonQueryAsync();
            var sources = LeadSources.Scan | (i % 10 == 0 ? LeadSources.Sharing : LeadSources.None);
            Set(lead, Text(Guid.CreateVersion7()), partnerText, Text(personId), (long)i, (int)sources, start + (i * TimeSpan.TicksPerSecond / 10), i % 5 == 0 ? (int)LeadRating.Hot : 0, i % 7 == 0 ? "|cobots|" : DBNull.Value);
            await lead.ExecuteNonQueryAsync();
        }

        var sequence = Command(connection, tx, """INSERT INTO "PartnerLeadSequences" ("PartnerId", "Last") VALUES ($partner, $last) ON CONFLICT ("PartnerId") DO UPDATE SET "Last" = $last""", "$partner", "$last");
        Set(sequence, partnerText, (long)count);
        await sequence.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
