using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Meetings;

namespace PartnerSpace.Domain.Leads;

/// <summary>
/// Makes the leads that writes before issue 7 (and the demo seed) did not make: every shared
/// contact, partner message, meeting request from an attendee, staff networking contact and
/// session attendance becomes its partner's lead in its category, with the shares' consent.
/// Idempotent: a second run finds nothing missing and changes nothing.
/// </summary>
public static class LeadBackfill
{
    /// <summary>Runs over one event, or every event when <paramref name="eventId"/> is null; returns how many (lead, category) pairs it added.</summary>
    public static async Task<int> RunAsync(IDbContextFactory<PartnerSpaceDbContext> dbs, Guid? eventId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dbs);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await RunAsync(db, eventId, ct);
    }

    public static async Task<int> RunAsync(PartnerSpaceDbContext db, Guid? eventId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var owned = db.Database.CurrentTransaction is null;
        var tx = owned ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var shares = await db.ContactShares.AsNoTracking().Where(s => eventId == null || s.EventId == eventId)
                .Where(s => !db.Leads.Any(l => l.PartnerId == s.PartnerId && l.PersonId == s.PersonId && (l.Sources & LeadSources.Sharing) == LeadSources.Sharing))
                .Select(s => new Item(s.PartnerId, s.PersonId, s.SharedAt)).ToListAsync(ct);
            var messages = await db.PartnerMessages.AsNoTracking().Where(m => eventId == null || m.EventId == eventId)
                .Where(m => !db.Leads.Any(l => l.PartnerId == m.PartnerId && l.PersonId == m.AttendeePersonId && (l.Sources & LeadSources.Sharing) == LeadSources.Sharing))
                .Select(m => new Item(m.PartnerId, m.AttendeePersonId, m.SentAt)).ToListAsync(ct);
            var meetings = await db.Meetings.AsNoTracking().Where(m => (eventId == null || m.EventId == eventId) && m.Origin == MeetingOrigin.AttendeeRequest)
                .Where(m => !db.Leads.Any(l => l.PartnerId == m.PartnerId && l.PersonId == m.AttendeePersonId && (l.Sources & LeadSources.Meeting) == LeadSources.Meeting))
                .Select(m => new Item(m.PartnerId, m.AttendeePersonId, m.CreatedAt)).ToListAsync(ct);
            var networking = await (from c in db.NetworkingContacts
                                    where eventId == null || c.EventId == eventId
                                    join m in db.PartnerMembers on c.OwnerPersonId equals m.PersonId
                                    where !db.Leads.Any(l => l.PartnerId == m.PartnerId && l.PersonId == c.ContactPersonId && (l.Sources & LeadSources.Networking) == LeadSources.Networking)
                                    select new Item(m.PartnerId, c.ContactPersonId, c.MetAt)).ToListAsync(ct);
            var sessions = await (from a in db.SessionAttendances
                                  join s in db.Sessions on a.SessionId equals s.Id
                                  where eventId == null || s.EventId == eventId
                                  join h in db.SessionHosts on s.Id equals h.SessionId
                                  where !db.Leads.Any(l => l.PartnerId == h.PartnerId && l.PersonId == a.PersonId && (l.Sources & LeadSources.Session) == LeadSources.Session)
                                  select new Item(h.PartnerId, a.PersonId, a.RegisteredAt ?? a.PresentAt ?? s.StartsAt)).ToListAsync(ct);

            var added = 0;
            foreach (var (items, source) in new[] { (shares, LeadSources.Sharing), (messages, LeadSources.Sharing), (meetings, LeadSources.Meeting), (networking, LeadSources.Networking), (sessions, LeadSources.Session) })
            {
                foreach (var partner in items.GroupBy(i => i.PartnerId))
                {
                    await LeadBook.CaptureManyAsync(db, partner.Key, [.. partner.Select(i => (i.PersonId, i.At))], source, ct);
                    await db.SaveChangesAsync(ct);
                    added += partner.Select(i => i.PersonId).Distinct().Count();
                }
            }

            // Active shares give consent to leads that have none (a withdrawal after the share wins).
            var consents = await (from s in db.ContactShares
                                  where (eventId == null || s.EventId == eventId) && s.WithdrawnAt == null
                                  join l in db.Leads on new { s.PartnerId, s.PersonId } equals new { l.PartnerId, l.PersonId }
                                  where l.Consent == LeadConsent.None && (l.ConsentWithdrawnAt == null || l.ConsentWithdrawnAt < s.SharedAt)
                                  select new { Lead = l, s.Origin, s.SharedAt }).ToListAsync(ct);
            foreach (var c in consents)
            {
                LeadBook.Consent(c.Lead, c.Origin == ContactShareOrigin.AcceptedMessage ? LeadConsent.AcceptedMessage : LeadConsent.SharedContact, c.SharedAt);
            }

            await db.SaveChangesAsync(ct);
            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }

            return added + consents.Count;
        }
        finally
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
            }
        }
    }

    private sealed record Item(Guid PartnerId, Guid PersonId, DateTimeOffset At);
}
