using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Events;

namespace PartnerSpace.Domain.Partners;

/// <summary>What a team member's badge shows: name, company and the code its QR code holds.</summary>
public sealed record Badge(Guid MemberId, string FirstName, string LastName, string Company, string BadgeCode)
{
    public string FullName => $"{FirstName} {LastName}".Trim();
}

/// <summary>The badges of a partner's registered team members, and whose they are.</summary>
public sealed record TeamBadges(Guid PartnerId, string PartnerName, LocalizedText EventName, IReadOnlyList<Badge> Badges);

/// <summary>
/// S-1.5, S-2.3: when the organizer switches "Show badges" on, the partner's administrators (and
/// the organizers) download or print the badges of the team members who are registered (S-3.1:
/// a member without an <see cref="Attendee"/> row has no badge yet).
/// </summary>
public sealed class BadgeService(IDbContextFactory<PartnerSpaceDbContext> dbs, PartnerAccessService access, EventOptionsService options)
{
    /// <summary>Badges are off for this event: the organizer has not switched "Show badges" on.</summary>
    public const string BadgesOff = "badges-off";

    /// <summary>
    /// The team's badges, by name. Forbidden to anyone but the partner's administrators and the
    /// event's organizers; <see cref="BadgesOff"/> (not found) while the option is off.
    /// </summary>
    public async Task<Result<TeamBadges>> GetAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot see this team's badges.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var partner = await db.Partners.AsNoTracking()
            .Where(p => p.Id == partnerId)
            .Join(db.Events, p => p.EventId, e => e.Id, (p, e) => new { p.Name, p.EventId, EventName = e.Name })
            .FirstAsync(ct);
        if (!(await options.GetAsync(partner.EventId, ct)).Values.TeamShowBadges)
        {
            return Error.NotFound(BadgesOff, "The organizer has not switched badges on.");
        }

        var rows = await db.PartnerMembers.AsNoTracking()
            .Where(m => m.PartnerId == partnerId)
            .Join(db.Attendees, m => m.PersonId, a => a.PersonId, (m, a) => new { m.Id, m.Person!.FirstName, m.Person.LastName, m.Person.Company, a.BadgeCode })
            .OrderBy(r => r.LastName).ThenBy(r => r.FirstName)
            .ToListAsync(ct);
        IReadOnlyList<Badge> badges = [.. rows.Select(r => new Badge(r.Id, r.FirstName, r.LastName, r.Company ?? partner.Name, r.BadgeCode))];
        return Result<TeamBadges>.Ok(new TeamBadges(partnerId, partner.Name, partner.EventName, badges));
    }
}
