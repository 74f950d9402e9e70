using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Partners;

/// <summary>
/// One row of an attendee import file, as read and as judged. A valid row is
/// <see cref="ImportStatus.New"/> (a new person with a badge), <see cref="ImportStatus.Updated"/>
/// (a person the event already knows, e.g. a partner's team member, gets a badge; their name,
/// company and language stay as they are) or <see cref="ImportStatus.Unchanged"/> (already
/// registered with this badge: skipped).
/// </summary>
public sealed record AttendeeImportRow(
    int Row,
    string? Email,
    string? FirstName,
    string? LastName,
    string? Company,
    string? BadgeCode,
    string? Ticket,
    string Language,
    ImportStatus Status,
    IReadOnlyList<ImportIssue> Errors) : ImportRow(Row, Status, Errors);

/// <summary>
/// Imports the event's attendees from a CSV or Excel file (S-1.1, S-3.1): a preview with each
/// row's status and errors first, then every row in one transaction, or none.
/// </summary>
public sealed class AttendeeImportService(IDbContextFactory<PartnerSpaceDbContext> dbs, AttendeeService attendees, TimeProvider time)
{
    /// <summary>Rows one file may hold: a large show's registrations, and a preview a browser can still show.</summary>
    public const int MaxRows = 10_000;

    /// <summary>The language of people a file does not give one to, as in the team import.</summary>
    public const string DefaultLanguage = "fr";

    private static readonly ImportColumn BadgeCode = new("badge_code", required: true, "badge", "badge code", "badge number", "code badge", "code du badge", "numéro de badge");

    private static readonly ImportColumn Ticket = new("ticket", required: false, "ticket type", "billet", "type de billet");

    /// <summary>The columns of an attendee file, in template order.</summary>
    public static readonly IReadOnlyList<ImportColumn> Columns =
        [PersonColumns.Email, PersonColumns.FirstName, PersonColumns.LastName, PersonColumns.Company, BadgeCode, Ticket, PersonColumns.Language];

    private static readonly Error Changed =
        Error.Conflict("changed", "Attendees changed since the preview: choose the file again to see the rows as they are now.");

    /// <summary>Reads and checks a file; nothing is written.</summary>
    public async Task<ImportPreview<AttendeeImportRow>> PreviewAsync(Guid organizerId, Guid eventId, Stream file, bool excel, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return ImportPreview<AttendeeImportRow>.Refused(ImportIssue.Forbidden());
        }

        var table = ImportFile.Read(file, excel, Columns, MaxRows);
        if (table.Issue is { } issue)
        {
            return ImportPreview<AttendeeImportRow>.Refused(issue);
        }

        var rows = Read(table);
        var known = await KnownAsync(db, eventId, rows, ct);
        return new ImportPreview<AttendeeImportRow>([.. rows.Select(r => Judge(r, known))]);
    }

    /// <summary>
    /// Registers every row of a valid preview in one transaction: new people and their badges,
    /// badges for people the event knows, nothing for those already registered. Refuses, writing
    /// nothing, when a row is in error or when the event's attendees changed since the preview.
    /// </summary>
    public async Task<Result<ImportResult>> ImportAsync(Guid organizerId, Guid eventId, ImportPreview<AttendeeImportRow> preview, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(preview);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return Error.Forbidden("forbidden", "You do not organize this event.");
        }

        if (!preview.CanImport)
        {
            return ImportResult.NotImportable();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Judged again inside the transaction: what was checked against the preview's data must still hold.
        var known = await KnownAsync(db, eventId, preview.Rows, ct);
        if (preview.Rows.Select(r => Judge(r, known)).Zip(preview.Rows).Any(p => !p.First.IsValid || p.First.Status != p.Second.Status))
        {
            return Changed;
        }

        var now = time.GetUtcNow();
        var personByBadge = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var row in preview.Rows.Where(r => r.Status != ImportStatus.Unchanged))
        {
            var personId = row.Status == ImportStatus.Updated ? known.People[row.Email!].PersonId : AddPerson(db, eventId, row);
            db.Attendees.Add(new Attendee(eventId, personId, row.BadgeCode!, row.Ticket, now));
            personByBadge[row.BadgeCode!] = personId;
        }

        var partnerIds = await AttendeeService.MatchWaitingScansAsync(db, eventId, personByBadge, ct);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique indexes (event, e-mail) and (event, badge) decide when another change raced this one.
            return Changed;
        }

        await attendees.TellPartnersAsync(partnerIds, ct);
        return Result<ImportResult>.Ok(ImportResult.Of(preview));
    }

    /// <summary>A CSV with the header row of the expected columns, for organizers to fill.</summary>
    public static string TemplateCsv() => ImportFile.Template(Columns);

    private static Task<bool> IsOrganizerAsync(PartnerSpaceDbContext db, Guid organizerId, Guid eventId, CancellationToken ct) =>
        db.EventOrganizers.AnyAsync(o => o.UserId == organizerId && o.EventId == eventId, ct);

    private static Guid AddPerson(PartnerSpaceDbContext db, Guid eventId, AttendeeImportRow row)
    {
        var person = new Person(eventId, row.Email!, row.FirstName!, row.LastName!, row.Company, row.Language);
        db.People.Add(person);
        return person.Id;
    }

    /// <summary>The checks that need only the file: every cell, and repeats between rows.</summary>
    private static List<AttendeeImportRow> Read(ImportTable table)
    {
        var emails = new Dictionary<string, int>(StringComparer.Ordinal);
        var badges = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<AttendeeImportRow>(table.Records.Count);
        foreach (var record in table.Records)
        {
            var check = new RowCheck(table, record);
            var email = check.Email(PersonColumns.Email);
            check.Unique(PersonColumns.Email, email, emails);
            var first = check.Text(PersonColumns.FirstName, Person.NameMaxLength);
            var last = check.Text(PersonColumns.LastName, Person.NameMaxLength);
            var company = check.Text(PersonColumns.Company, Person.CompanyMaxLength, required: false);
            var badge = check.Text(BadgeCode, Attendee.BadgeCodeMaxLength);
            check.Unique(BadgeCode, badge, badges);
            var ticket = check.Text(Ticket, Attendee.TicketMaxLength, required: false);
            var language = check.Raw(PersonColumns.Language) is { } raw ? PersonColumns.LanguageOf(raw) : DefaultLanguage;
            if (language is null)
            {
                check.Add(LanguageInvalid(table.HeaderOf(PersonColumns.Language)));
            }

            rows.Add(new AttendeeImportRow(
                record.Row, email ?? check.Raw(PersonColumns.Email), first, last, company, badge, ticket, language ?? DefaultLanguage, ImportStatus.New, check.Errors));
        }

        return rows;
    }

    /// <summary>The checks against the event: who is known, who has a badge, which badges are taken.</summary>
    private static AttendeeImportRow Judge(AttendeeImportRow row, Known known)
    {
        if (row.Email is null || row.BadgeCode is null)
        {
            return row;
        }

        var person = known.People.GetValueOrDefault(row.Email);
        var holder = known.BadgeHolders.GetValueOrDefault(row.BadgeCode);
        return (person, holder) switch
        {
            ({ Badge: { } badge }, _) when badge == row.BadgeCode => row with { Status = ImportStatus.Unchanged },
            ({ Badge: { } badge }, _) => row with { Errors = [.. row.Errors, RegisteredWithOtherBadge(badge)] },
            (_, { } other) => row with { Errors = [.. row.Errors, BadgeTaken(other)] },
            (null, _) => row with { Status = ImportStatus.New },
            _ => row with { Status = ImportStatus.Updated },
        };
    }

    private static async Task<Known> KnownAsync(PartnerSpaceDbContext db, Guid eventId, IReadOnlyList<AttendeeImportRow> rows, CancellationToken ct)
    {
        var emails = rows.Select(r => r.Email).OfType<string>().Distinct().ToList();
        var badges = rows.Select(r => r.BadgeCode).OfType<string>().Distinct().ToList();
        var people = await db.People.AsNoTracking()
            .Where(p => p.EventId == eventId && emails.Contains(p.Email))
            .Select(p => new KnownPerson(p.Id, p.Email, db.Attendees.Where(a => a.PersonId == p.Id).Select(a => a.BadgeCode).FirstOrDefault()))
            .ToDictionaryAsync(p => p.Email, StringComparer.Ordinal, ct);
        var holders = await db.Attendees.AsNoTracking()
            .Where(a => a.EventId == eventId && badges.Contains(a.BadgeCode))
            .Select(a => new { a.BadgeCode, a.Person!.Email })
            .ToDictionaryAsync(a => a.BadgeCode, a => a.Email, StringComparer.Ordinal, ct);
        return new Known(people, holders);
    }

    private static ImportIssue LanguageInvalid(string header) => new("LanguageInvalid", $"{header} must be fr or en", header);

    private static ImportIssue RegisteredWithOtherBadge(string badge) =>
        new("RegisteredWithOtherBadge", $"already registered with badge {badge}", badge);

    private static ImportIssue BadgeTaken(string holder) => new("BadgeTaken", $"badge code already given to {holder}", holder);

    private sealed record KnownPerson(Guid PersonId, string Email, string? Badge);

    private sealed record Known(Dictionary<string, KnownPerson> People, Dictionary<string, string> BadgeHolders);
}
