using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Partners;

/// <summary>Registers people to the event with a badge (S-3.1).</summary>
public sealed class AttendeeService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time)
{
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

        var pending = await db.Scans
            .Where(s => s.LeadId == null && s.BadgeCode == badge && db.Partners.Any(p => p.Id == s.PartnerId && p.EventId == person.EventId))
            .OrderBy(s => s.ScannedAt)
            .ToListAsync(ct);
        var partnerIds = pending.Select(s => s.PartnerId).Distinct().ToList();
        var leads = await db.Leads.Where(l => l.PersonId == person.Id && partnerIds.Contains(l.PartnerId)).ToDictionaryAsync(l => l.PartnerId, ct);
        foreach (var scan in pending)
        {
            Lead.Capture(scan, person.Id, leads, scan.PartnerId, lead => db.Leads.Add(lead));
        }

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

        foreach (var partnerId in partnerIds)
        {
            await live.PublishAsync(new ScansRecorded(partnerId, 0), ct);
        }

        return Result<Attendee>.Ok(attendee);
    }
}
