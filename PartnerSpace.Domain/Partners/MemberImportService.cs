using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Partners;

/// <summary>One row of an import file, as read and as judged; row numbers count the header as 1.</summary>
public sealed record ImportRow(int Row, string? Email, string? FirstName, string? LastName, MemberRole? Role, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>What an import would do: its rows, and whether it can go ahead (every row valid).</summary>
public sealed record ImportPreview(IReadOnlyList<ImportRow> Rows, string? FileError = null)
{
    public const int MaxRows = 5000;

    public bool CanImport => FileError is null && Rows.Count > 0 && Rows.All(r => r.IsValid);
}

/// <summary>
/// Imports a partner's team from a CSV or Excel file (issue 4, People): a preview with per-row
/// errors first, then all rows in one transaction or none.
/// </summary>
public sealed class MemberImportService(IDbContextFactory<PartnerSpaceDbContext> dbs, PartnerAccessService access, TimeProvider time)
{
    private static readonly string[] EmailHeaders = ["email", "e-mail", "mail", "courriel"];
    private static readonly string[] FirstNameHeaders = ["first_name", "firstname", "first name", "prénom", "prenom"];
    private static readonly string[] LastNameHeaders = ["last_name", "lastname", "last name", "nom"];
    private static readonly string[] RoleHeaders = ["role", "rôle"];

    public async Task<ImportPreview> PreviewAsync(Viewer viewer, Guid partnerId, Stream file, bool excel, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return new ImportPreview([], "You cannot change this team.");
        }

        List<IDictionary<string, object?>> records;
        try
        {
            records = [.. MiniExcel.Query(file, useHeaderRow: true, excelType: excel ? ExcelType.XLSX : ExcelType.CSV)
                .Cast<IDictionary<string, object?>>()
                .Take(ImportPreview.MaxRows + 1)];
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException or InvalidOperationException or ArgumentException)
        {
            return new ImportPreview([], "This file could not be read: send a CSV or an Excel (.xlsx) file with a header row.");
        }

        if (records.Count > ImportPreview.MaxRows)
        {
            return new ImportPreview([], $"A file holds at most {ImportPreview.MaxRows} rows.");
        }

        var headers = records.Count > 0 ? records[0].Keys.ToList() : [];
        var emailKey = Find(headers, EmailHeaders);
        var firstKey = Find(headers, FirstNameHeaders);
        var lastKey = Find(headers, LastNameHeaders);
        var roleKey = Find(headers, RoleHeaders);
        if (emailKey is null || firstKey is null || lastKey is null)
        {
            return new ImportPreview([], "The header row needs the columns email, first_name, last_name (and optionally role).");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var members = await db.PartnerMembers.Where(m => m.PartnerId == partnerId).Select(m => m.Person!.Email).ToListAsync(ct);
        var existing = members.ToHashSet(StringComparer.Ordinal);
        var inFile = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<ImportRow>();
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            var rawEmail = Cell(r, emailKey);
            var first = Text.Clean(Cell(r, firstKey));
            var last = Text.Clean(Cell(r, lastKey));
            var rawRole = roleKey is null ? null : Text.Clean(Cell(r, roleKey));
            if (rawEmail is null && first is null && last is null && rawRole is null)
            {
                continue;
            }

            var errors = new List<string>();
            var email = Text.NormalizeEmail(rawEmail);
            if (email is null)
            {
                errors.Add("invalid e-mail address");
            }
            else if (!inFile.Add(email))
            {
                errors.Add("this address is on an earlier row too");
            }
            else if (existing.Contains(email))
            {
                errors.Add("already in the team");
            }

            if (first is null or { Length: > Person.NameMaxLength })
            {
                errors.Add("first name missing or too long");
            }

            if (last is null or { Length: > Person.NameMaxLength })
            {
                errors.Add("last name missing or too long");
            }

            var role = RoleOf(rawRole);
            if (role is null)
            {
                errors.Add("role must be administrator, sales contact or attendee");
            }

            rows.Add(new ImportRow(i + 2, email ?? rawEmail, first, last, role, errors));
        }

        return new ImportPreview(rows);
    }

    /// <summary>Adds every row of a valid preview in one transaction; refuses if any row is invalid.</summary>
    public async Task<Result<int>> ImportAsync(Viewer viewer, Guid partnerId, ImportPreview preview, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(preview);
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot change this team.");
        }

        if (!preview.CanImport)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["file"] = ["Fix the rows in error first: nothing was imported."] });
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.EventId).FirstAsync(ct);
        var emails = preview.Rows.Select(r => r.Email!).ToList();
        var people = await db.People.Where(p => p.EventId == eventId && emails.Contains(p.Email)).ToDictionaryAsync(p => p.Email, ct);
        if (await db.PartnerMembers.AnyAsync(m => m.PartnerId == partnerId && emails.Contains(m.Person!.Email), ct))
        {
            return Error.Conflict("changed", "Someone was added to the team meanwhile: preview the file again.");
        }

        var now = time.GetUtcNow();
        foreach (var row in preview.Rows)
        {
            if (!people.TryGetValue(row.Email!, out var person))
            {
                person = new Person(eventId, row.Email!, row.FirstName!, row.LastName!, null, "fr");
                db.People.Add(person);
            }

            db.PartnerMembers.Add(new PartnerMember(partnerId, person.Id, row.Role!.Value, now));
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<int>.Ok(preview.Rows.Count);
    }

    private static string? Find(List<string> headers, string[] names) =>
        headers.FirstOrDefault(h => names.Contains(h.Trim().ToLowerInvariant()));

    private static string? Cell(IDictionary<string, object?> row, string key) =>
        row.TryGetValue(key, out var v) ? Text.Clean(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)) : null;

    private static MemberRole? RoleOf(string? role) => role?.ToLowerInvariant() switch
    {
        null or "administrator" or "admin" or "administrateur" => MemberRole.Administrator,
        "sales contact" or "sales" or "salescontact" or "contact commercial" => MemberRole.SalesContact,
        "attendee" or "registered attendee" or "participant" or "participant inscrit" => MemberRole.RegisteredAttendee,
        _ => null,
    };
}
