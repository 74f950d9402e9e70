using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Leads;

/// <summary>
/// The one way a person becomes, or stays, a partner's lead (S-2.12). Every category's write
/// (scans, shares and messages, session attendance, networking, meeting requests) calls it in its
/// own transaction, so the lead, its source and its consent commit with the change that caused them.
/// </summary>
/// <remarks>
/// New leads are numbered from <see cref="PartnerLeadSequence"/>, incremented in the caller's
/// transaction: the row stays locked until commit, so numbers are handed out in commit order and
/// a reader that has seen lead n has seen every lead before it (the CRM cursor relies on it).
/// </remarks>
public static class LeadBook
{
    /// <summary>The partner's lead for the person, created (numbered) when missing, with <paramref name="source"/> added.</summary>
    public static async Task<Lead> CaptureAsync(PartnerSpaceDbContext db, Guid partnerId, Guid personId, LeadSources source, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lead = db.Leads.Local.FirstOrDefault(l => l.PartnerId == partnerId && l.PersonId == personId)
            ?? await db.Leads.FirstOrDefaultAsync(l => l.PartnerId == partnerId && l.PersonId == personId, ct);
        if (lead is null)
        {
            var sequence = await ReserveAsync(db, partnerId, 1, ct);
            lead = new Lead(partnerId, personId, sequence, source, at);
            db.Leads.Add(lead);
        }

        lead.AddSource(source);
        return lead;
    }

    /// <summary>
    /// The same for several people of one partner at once (a batch of scans): one query for the
    /// existing leads and one sequence reservation for the new ones.
    /// </summary>
    public static async Task<Dictionary<Guid, Lead>> CaptureManyAsync(PartnerSpaceDbContext db, Guid partnerId, IReadOnlyCollection<(Guid PersonId, DateTimeOffset At)> people, LeadSources source, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(people);
        var ids = people.Select(p => p.PersonId).Distinct().ToList();
        var leads = ids.Count == 0
            ? []
            : await db.Leads.Where(l => l.PartnerId == partnerId && ids.Contains(l.PersonId)).ToDictionaryAsync(l => l.PersonId, ct);

        var missing = people.Where(p => !leads.ContainsKey(p.PersonId)).GroupBy(p => p.PersonId).Select(g => (PersonId: g.Key, At: g.Min(p => p.At))).ToList();
        if (missing.Count > 0)
        {
            var next = await ReserveAsync(db, partnerId, missing.Count, ct);
            foreach (var (personId, at) in missing)
            {
                var lead = new Lead(partnerId, personId, next++, source, at);
                db.Leads.Add(lead);
                leads[personId] = lead;
            }
        }

        foreach (var lead in leads.Values)
        {
            lead.AddSource(source);
        }

        return leads;
    }

    /// <summary>Gives the lead the consent an attendee just gave by sharing or accepting a message.</summary>
    public static void Consent(Lead lead, LeadConsent consent, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(lead);
        lead.GiveConsent(consent, at);
    }

    /// <summary>The attendee withdrew sharing: the lead keeps its history but loses the details.</summary>
    public static async Task WithdrawConsentAsync(PartnerSpaceDbContext db, Guid partnerId, Guid personId, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lead = await db.Leads.FirstOrDefaultAsync(l => l.PartnerId == partnerId && l.PersonId == personId, ct);
        lead?.WithdrawConsent(at);
    }

    /// <summary>The highest sequence a partner's leads have reached (0 without leads).</summary>
    public static Task<long> LastSequenceAsync(PartnerSpaceDbContext db, Guid partnerId, CancellationToken ct = default) =>
        db.PartnerLeadSequences.Where(s => s.PartnerId == partnerId).Select(s => s.Last).FirstOrDefaultAsync(ct);

    /// <summary>Reserves <paramref name="count"/> sequence numbers and returns the first.</summary>
    private static async Task<long> ReserveAsync(PartnerSpaceDbContext db, Guid partnerId, int count, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Leads are numbered inside the transaction that records them: begin one first.");
        }

        var updated = await db.PartnerLeadSequences.Where(s => s.PartnerId == partnerId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Last, x => x.Last + count), ct);
        if (updated == 0)
        {
            db.PartnerLeadSequences.Add(new PartnerLeadSequence(partnerId, count));
            await db.SaveChangesAsync(ct);
            return 1;
        }

        var last = await db.PartnerLeadSequences.AsNoTracking().Where(s => s.PartnerId == partnerId).Select(s => s.Last).SingleAsync(ct);
        return last - count + 1;
    }
}
