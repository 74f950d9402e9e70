using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Leads;

/// <summary>One page of a partner's lead feed: <see cref="Next"/> is the cursor of the following call.</summary>
public sealed record LeadFeedPage(IReadOnlyList<LeadFeedItem> Items, long Next);

/// <summary>
/// One lead as a CRM receives it, from <c>GET /api/v1/leads</c> and from webhooks alike (DESIGN §6).
/// Enumerations are camelCase names (<c>scan</c>, <c>scannedBadge</c>, <c>hot</c>…).
/// </summary>
public sealed record LeadFeedItem(
    Guid Id,
    long Sequence,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Sources,
    LeadFeedPerson Person,
    LeadFeedConsent Consent,
    LeadFeedScans Scans,
    LeadFeedQualification Qualification,
    DateTimeOffset? QualifiedAt);

/// <param name="Email">Only while the person consents; null otherwise (S-2.12, issue 7 item 7).</param>
public sealed record LeadFeedPerson(string FirstName, string LastName, string? Company, string? Email);

/// <param name="Kind"><c>none</c>, <c>scannedBadge</c>, <c>sharedContact</c> or <c>acceptedMessage</c>.</param>
public sealed record LeadFeedConsent(string Kind, DateTimeOffset? At);

/// <param name="First">Earliest scan (device clock); null before any scan.</param>
public sealed record LeadFeedScans(int Count, DateTimeOffset? First, DateTimeOffset? Last, string? LastScannedBy);

public sealed record LeadFeedQualification(
    string Rating,
    string FollowUp,
    string? Notes,
    IReadOnlyList<string> Tags,
    LeadFeedOwner? Owner,
    IReadOnlyList<LeadFeedAnswer> Answers);

public sealed record LeadFeedOwner(string Name, string Email);

public sealed record LeadFeedAnswer(string Question, string Answer);

/// <summary>
/// Reads a partner's leads in capture order after a cursor (the lead <see cref="Lead.Sequence"/>):
/// the CRM sync of <c>GET /api/v1/leads?after=</c> and the webhook batches share it, so both send
/// the same item. Numbers are handed out in commit order (<see cref="LeadBook"/>), so a reader never
/// skips a lead that commits after it read.
/// </summary>
public sealed class LeadFeedService(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Up to <paramref name="limit"/> leads with a sequence above <paramref name="after"/>; field errors name <c>after</c> or <c>limit</c>.</summary>
    public async Task<Result<LeadFeedPage>> ReadAsync(Guid partnerId, long after, int limit = DefaultLimit, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (after < 0)
        {
            errors["after"] = ["after must be a lead sequence number, 0 or more."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await db.Leads.AsNoTracking()
            .Where(l => l.PartnerId == partnerId && l.Sequence > after)
            .OrderBy(l => l.Sequence)
            .Take(limit)
            .Include(l => l.Person)
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return Result<LeadFeedPage>.Ok(new LeadFeedPage([], after));
        }

        var ownerIds = rows.Where(l => l.OwnerPersonId is not null).Select(l => l.OwnerPersonId!.Value).Distinct().ToList();
        var owners = ownerIds.Count == 0
            ? []
            : await db.People.AsNoTracking().Where(p => ownerIds.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => new LeadFeedOwner($"{p.FirstName} {p.LastName}".Trim(), p.Email), ct);
        var questions = rows.Any(l => l.Answers is not null)
            ? await db.LeadQuestions.AsNoTracking().Where(q => q.PartnerId == partnerId)
                .OrderBy(q => q.Position).ThenBy(q => q.CreatedAt)
                .Select(q => new { q.Id, q.Label }).ToListAsync(ct)
            : [];
        var labels = questions.Select((q, i) => (q.Id, q.Label, Index: i)).ToDictionary(q => q.Id);

        var items = rows.Select(l => ToItem(l, owners, labels)).ToList();
        return Result<LeadFeedPage>.Ok(new LeadFeedPage(items, items[^1].Sequence));
    }

    private static LeadFeedItem ToItem(
        Lead lead,
        Dictionary<Guid, LeadFeedOwner> owners,
        Dictionary<Guid, (Guid Id, string Label, int Index)> questions)
    {
        var person = lead.Person ?? throw new InvalidOperationException("Load the lead with its person.");
        var consents = lead.Consent != LeadConsent.None;
        var answers = LeadAnswers.Parse(lead.Answers)
            .Where(a => questions.ContainsKey(a.Key))
            .OrderBy(a => questions[a.Key].Index)
            .Select(a => new LeadFeedAnswer(questions[a.Key].Label, a.Value))
            .ToList();
        var scanned = lead.ScanCount > 0;
        return new LeadFeedItem(
            lead.Id,
            lead.Sequence,
            lead.CreatedAt,
            SourceNames(lead.Sources),
            new LeadFeedPerson(person.FirstName, person.LastName, person.Company, consents ? person.Email : null),
            new LeadFeedConsent(Name(lead.Consent), lead.Consent == LeadConsent.None ? null : lead.ConsentAt),
            new LeadFeedScans(lead.ScanCount, scanned ? lead.FirstCapturedAt : null, scanned ? lead.LastCapturedAt : null, lead.LastScannedBy),
            new LeadFeedQualification(
                Name(lead.Rating),
                Name(lead.FollowUp),
                lead.Notes,
                lead.TagList,
                lead.OwnerPersonId is { } owner && owners.TryGetValue(owner, out var o) ? o : null,
                answers),
            lead.QualifiedAt);
    }

    /// <summary>The categories as camelCase names, in the order of <see cref="LeadSources"/>.</summary>
    public static IReadOnlyList<string> SourceNames(LeadSources sources) =>
        [.. Enum.GetValues<LeadSources>().Where(s => s != LeadSources.None && sources.HasFlag(s)).Select(s => Name(s))];

    private static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
