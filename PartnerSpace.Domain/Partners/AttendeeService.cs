using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Partners;

/// <summary>An attendee as the organizer's list shows it.</summary>
public sealed record AttendeeRow(Guid Id, string BadgeCode, string FirstName, string LastName, string? Company, string Email, string? Ticket);

/// <summary>A page of the attendee list; <see cref="Search"/> looks in badge codes, names, companies and e-mail addresses.</summary>
public sealed record AttendeeQuery(int Page = 0, int PageSize = 25, string? Search = null)
{
    public const int MaxPageSize = 200;
}

/// <summary>Registers people to the event with a badge (S-3.1), and lists them for the organizers (S-1.1).</summary>
public sealed class AttendeeService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time)
{
    /// <summary>How many attendees the event has; 0 for someone who does not organize it.</summary>
    public async Task<int> CountAsync(Guid organizerId, Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.EventOrganizers.AnyAsync(o => o.UserId == organizerId && o.EventId == eventId, ct)
            ? await db.Attendees.CountAsync(a => a.EventId == eventId, ct)
            : 0;
    }

    /// <summary>One page of the event's attendees by name, searched in the database; empty for someone who does not organize it.</summary>
    public async Task<PagedList<AttendeeRow>> GetPageAsync(Guid organizerId, Guid eventId, AttendeeQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.EventOrganizers.AnyAsync(o => o.UserId == organizerId && o.EventId == eventId, ct))
        {
            return new PagedList<AttendeeRow>([], 0);
        }

        var attendees = db.Attendees.AsNoTracking().Where(a => a.EventId == eventId);
        if (Text.Clean(query.Search) is { } search)
        {
            // Typed % and _ are searched as such. SQLite's LIKE ignores the case of ASCII letters only.
            var term = "%" + search.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
            attendees = attendees.Where(a =>
                EF.Functions.Like(a.BadgeCode, term, @"\")
                || EF.Functions.Like(a.Person!.FirstName, term, @"\")
                || EF.Functions.Like(a.Person.LastName, term, @"\")
                || EF.Functions.Like(a.Person.FirstName + " " + a.Person.LastName, term, @"\")
                || EF.Functions.Like(a.Person.Email, term, @"\")
                || EF.Functions.Like(a.Person.Company ?? "", term, @"\"));
        }

        var total = await attendees.CountAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, AttendeeQuery.MaxPageSize);
        var rows = await attendees
            .OrderBy(a => a.Person!.LastName).ThenBy(a => a.Person!.FirstName).ThenBy(a => a.BadgeCode)
            .Skip(Math.Max(0, query.Page) * size).Take(size)
            .Select(a => new AttendeeRow(a.Id, a.BadgeCode, a.Person!.FirstName, a.Person.LastName, a.Person.Company, a.Person.Email, a.Ticket))
            .ToListAsync(ct);
        return new PagedList<AttendeeRow>(rows, total);
    }

    /// <summary>
    /// Registers a person with a badge code. Scans of that badge made before it was known
    /// (unmatched scans) become leads of the partners who made them, in the same transaction.
    /// </summary>
    public async Task<Result<Attendee>> RegisterAsync(Guid personId, string badgeCode, string? ticket, CancellationToken ct = default)
    {
        var badge = Text.Clean(badgeCode);
        if (badge is null || badge.Length > Attendee.BadgeCodeMaxLength)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["badgeCode"] = [$"A badge code is 1 to {Attendee.BadgeCodeMaxLength} characters."] });
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return Error.NotFound("person-not-found", "This person does not exist.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Attendees.AnyAsync(a => a.PersonId == personId || (a.EventId == person.EventId && a.BadgeCode == badge), ct))
        {
            return Error.Conflict("already-registered", "This person is already registered, or this badge code is taken.");
        }

        var now = time.GetUtcNow();
        var attendee = new Attendee(person.EventId, person.Id, badge, ticket, now);
        db.Attendees.Add(attendee);

        var partnerIds = await MatchWaitingScansAsync(db, person.EventId, new Dictionary<string, Guid> { [badge] = person.Id }, ct);

        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // S-3.5 style: the unique index on (event, badge) decides when two registrations race.
            return Error.Conflict("already-registered", "This person is already registered, or this badge code is taken.");
        }

        await TellPartnersAsync(partnerIds, ct);
        return Result<Attendee>.Ok(attendee);
    }

    /// <summary>
    /// Makes the scans of badges that were not known yet (unmatched scans) leads of the partners
    /// who made them, now that each badge has its person; the caller saves. Returns those partners.
    /// </summary>
    internal static async Task<IReadOnlyList<Guid>> MatchWaitingScansAsync(
        PartnerSpaceDbContext db, Guid eventId, IReadOnlyDictionary<string, Guid> personByBadge, CancellationToken ct)
    {
        var badges = personByBadge.Keys.ToList();
        var pending = await db.Scans
            .Where(s => s.LeadId == null && badges.Contains(s.BadgeCode) && db.Partners.Any(p => p.Id == s.PartnerId && p.EventId == eventId))
            .OrderBy(s => s.ScannedAt)
            .ToListAsync(ct);
        var partnerIds = pending.Select(s => s.PartnerId).Distinct().ToList();
        foreach (var scans in pending.GroupBy(s => s.PartnerId))
        {
            var people = scans.Select(s => (personByBadge[s.BadgeCode], s.ScannedAt)).ToList();
            var leads = await LeadBook.CaptureManyAsync(db, scans.Key, people, LeadSources.Scan, ct);
            foreach (var scan in scans)
            {
                leads[personByBadge[scan.BadgeCode]].Take(scan);
            }
        }

        return partnerIds;
    }

    /// <summary>After the commit: the partners whose leads changed reload their screens (S-5).</summary>
    internal async Task TellPartnersAsync(IEnumerable<Guid> partnerIds, CancellationToken ct)
    {
        foreach (var partnerId in partnerIds)
        {
            await live.PublishAsync(new ScansRecorded(partnerId, 0), ct);
        }
    }
}
