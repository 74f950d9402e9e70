using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Partners;

/// <summary>One row of a team import file, as read and as judged: every valid row adds a member.</summary>
public sealed record MemberImportRow(int Row, string? Email, string? FirstName, string? LastName, MemberRole? Role, IReadOnlyList<ImportIssue> Errors)
    : ImportRow(Row, ImportStatus.New, Errors);

/// <summary>
/// Imports a partner's team from a CSV or Excel file (issue 4, People): a preview with per-row
/// errors first, then all rows in one transaction or none.
/// </summary>
public sealed class MemberImportService(IDbContextFactory<PartnerSpaceDbContext> dbs, PartnerAccessService access, Access.PartnerSpaceAccessService spaces, TimeProvider time, SecurityLog securityLog)
{
    public const int MaxRows = 5000;

    private static readonly ImportColumn Role = new("role", required: false, "rôle");

    private static readonly ImportIssue AlreadyMember = new("AlreadyMember", "already in the team");

    private static readonly ImportIssue RoleInvalid = new("RoleInvalid", "role must be administrator, sales contact or attendee");

    /// <summary>The columns of a team file, in template order.</summary>
    public static readonly IReadOnlyList<ImportColumn> Columns = [PersonColumns.Email, PersonColumns.FirstName, PersonColumns.LastName, Role];

    public async Task<ImportPreview<MemberImportRow>> PreviewAsync(Viewer viewer, Guid partnerId, Stream file, bool excel, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return ImportPreview<MemberImportRow>.Refused(ImportIssue.Forbidden());
        }

        var table = ImportFile.Read(file, excel, Columns, MaxRows);
        if (table.Issue is { } issue)
        {
            return ImportPreview<MemberImportRow>.Refused(issue);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var members = await db.PartnerMembers.Where(m => m.PartnerId == partnerId).Select(m => m.Person!.Email).ToListAsync(ct);
        var existing = members.ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<MemberImportRow>();
        foreach (var record in table.Records)
        {
            var check = new RowCheck(table, record);
            var email = check.Email(PersonColumns.Email);
            if (email is not null && check.Unique(PersonColumns.Email, email, seen) && existing.Contains(email))
            {
                check.Add(AlreadyMember);
            }

            var first = check.Text(PersonColumns.FirstName, Person.NameMaxLength);
            var last = check.Text(PersonColumns.LastName, Person.NameMaxLength);
            var role = RoleOf(check.Raw(Role));
            if (role is null)
            {
                check.Add(RoleInvalid);
            }

            rows.Add(new MemberImportRow(record.Row, email ?? check.Raw(PersonColumns.Email), first, last, role, check.Errors));
        }

        return new ImportPreview<MemberImportRow>(rows);
    }

    /// <summary>
    /// Adds every row of a valid preview in one transaction; refuses if any row is invalid. S-4.3:
    /// when the space is open, each imported administrator gets the access e-mail in that transaction.
    /// </summary>
    public async Task<Result<ImportResult>> ImportAsync(Viewer viewer, Guid partnerId, ImportPreview<MemberImportRow> preview, Uri? portal = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(preview);
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot change this team.");
        }

        if (!preview.CanImport)
        {
            return ImportResult.NotImportable();
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
        var added = new List<(Person, MemberRole)>();
        var actor = await SecurityLog.ActorOfAsync(db, viewer, ct);
        foreach (var row in preview.Rows)
        {
            securityLog.Add(db, eventId, SecurityAction.MemberAdded, actor, viewer.Origin, row.Email, partnerId, SecurityDetails.Role(row.Role!.Value) + " (import)");
            if (!people.TryGetValue(row.Email!, out var person))
            {
                person = new Person(eventId, row.Email!, row.FirstName!, row.LastName!, null, "fr");
                db.People.Add(person);
            }

            db.PartnerMembers.Add(new PartnerMember(partnerId, person.Id, row.Role!.Value, now));
            added.Add((person, row.Role!.Value));
        }

        var queued = await spaces.OnAddedAsync(db, partnerId, added, portal, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (queued > 0)
        {
            await spaces.AfterAddedAsync(partnerId, ct);
        }

        await securityLog.PublishAsync(eventId, ct);
        return Result<ImportResult>.Ok(ImportResult.Of(preview));
    }

    private static MemberRole? RoleOf(string? role) => (role is null ? null : ImportFile.Key(role)) switch
    {
        null or "administrator" or "admin" or "administrateur" => MemberRole.Administrator,
        "salescontact" or "sales" or "contactcommercial" => MemberRole.SalesContact,
        "attendee" or "registeredattendee" or "participant" or "participantinscrit" => MemberRole.RegisteredAttendee,
        _ => null,
    };
}
