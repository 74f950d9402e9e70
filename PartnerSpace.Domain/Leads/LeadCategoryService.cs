using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Meetings;

namespace PartnerSpace.Domain.Leads;

/// <summary>How many rows each category lists, and the scan counters (S-2.12).</summary>
public sealed record LeadCategoryCounts(int Leads, int Scans, int Unmatched, int ScanLeads, int Sharing, int Sessions, int Networking, int Meetings)
{
    /// <summary>No lead in any category.</summary>
    public static LeadCategoryCounts Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    public int Of(LeadCategory category) => category switch
    {
        LeadCategory.Scans => ScanLeads,
        LeadCategory.Sharing => Sharing,
        LeadCategory.Sessions => Sessions,
        LeadCategory.Networking => Networking,
        _ => Meetings,
    };

    /// <summary>These counts with what a scan can change (leads, scans, unknown badges, the Scans tab) taken from <paramref name="read"/>.</summary>
    public LeadCategoryCounts WithScanCountsOf(LeadCategoryCounts read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return this with { Leads = read.Leads, Scans = read.Scans, Unmatched = read.Unmatched, ScanLeads = read.ScanLeads };
    }
}

/// <summary>
/// One page of a category: paging, sorting, filters and search run in the database.
/// <see cref="Sort"/> is a label of the category (<see cref="LeadCategoryService.SortLabels"/>);
/// <see cref="From"/>/<see cref="To"/> bound the category's own time (last scan, registration, meeting
/// request…), <see cref="AfterSequence"/> keeps the leads numbered after it ("new since");
/// <see cref="Status"/> keeps the meetings in that status (Meetings only, ignored elsewhere).
/// </summary>
public sealed record LeadListQuery(
    int Page = 0,
    int PageSize = 25,
    string? Search = null,
    string? Sort = null,
    bool Descending = true,
    LeadRating? Rating = null,
    LeadFollowUp? FollowUp = null,
    string? Tag = null,
    Guid? OwnerPersonId = null,
    string? ScannedBy = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? AfterSequence = null,
    MeetingStatus? Status = null)
{
    public const int MaxPageSize = 200;
}

/// <summary>
/// What every row of every category shows of the lead: names and company always, the e-mail only
/// with consent (issue 7), the consent and its time, and the qualification summary.
/// </summary>
public sealed record LeadSummary(
    Guid LeadId,
    long Sequence,
    string FirstName,
    string LastName,
    string? Company,
    string? Email,
    LeadConsent Consent,
    DateTimeOffset? ConsentAt,
    LeadRating Rating,
    LeadFollowUp FollowUp,
    IReadOnlyList<string> Tags,
    string? OwnerName)
{
    public string FullName => $"{FirstName} {LastName}".Trim();
}

/// <summary>Scans: who of the team scanned last (their name when the address is a team member's), first and last scan, how many.</summary>
public sealed record ScanCategoryRow(LeadSummary Lead, int ScanCount, DateTimeOffset FirstScanAt, DateTimeOffset LastScanAt, string? ScannedBy, string? ScannedByName)
{
    public string? ScannedByDisplay => ScannedByName ?? ScannedBy;
}

/// <summary>
/// Contact sharing and messaging: the active share (withdrawn ones are not listed) and the partner's
/// latest message with its answer.
/// </summary>
public sealed record SharingCategoryRow(
    LeadSummary Lead,
    DateTimeOffset? SharedAt,
    ContactShareOrigin? Origin,
    string? ShareNote,
    int MessageCount,
    DateTimeOffset? SentAt,
    string? SenderName,
    string? Excerpt,
    MessageAnswer? Answer,
    DateTimeOffset? AnsweredAt,
    string? Reply);

/// <summary>Sessions: one row per attendee and session the partner hosts.</summary>
public sealed record SessionCategoryRow(LeadSummary Lead, Guid SessionId, string SessionTitle, DateTimeOffset StartsAt, DateTimeOffset? RegisteredAt, DateTimeOffset? PresentAt);

/// <summary>Networking contacts: one row per staff member and person they met.</summary>
public sealed record NetworkingCategoryRow(LeadSummary Lead, Guid ContactId, string StaffName, DateTimeOffset MetAt, string? Note);

/// <summary>Meetings: one row per request from an attendee, whatever became of it.</summary>
public sealed record MeetingCategoryRow(LeadSummary Lead, Guid MeetingId, MeetingStatus Status, DateTimeOffset StartsAt, DateTimeOffset RequestedAt, string? HostName);

/// <summary>
/// Reads a partner's leads by category for the Leads screen (S-2.12). Each list is one query that
/// filters, sorts and pages in the database, then one query for the page's lead summaries.
/// </summary>
/// <remarks>Callers check access (the page's PartnerAdmin policy).</remarks>
public sealed class LeadCategoryService(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    /// <summary>The length of a message excerpt in the Sharing list.</summary>
    public const int ExcerptLength = 120;

    /// <summary>The sort labels each category understands; the first is its default.</summary>
    public static readonly IReadOnlyDictionary<LeadCategory, string[]> SortLabels = new Dictionary<LeadCategory, string[]>
    {
        [LeadCategory.Scans] = ["last", "first", "name", "scans", "rating"],
        [LeadCategory.Sharing] = ["recent", "name", "rating"],
        [LeadCategory.Sessions] = ["registered", "session", "name", "rating"],
        [LeadCategory.Networking] = ["met", "name", "rating"],
        [LeadCategory.Meetings] = ["requested", "slot", "name", "rating"],
    };

    public async Task<LeadCategoryCounts> GetCountsAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var counters = await LeadService.CountAsync(db, partnerId, ct);
        var all = db.Leads.Where(l => l.PartnerId == partnerId);
        return new LeadCategoryCounts(
            counters.Leads,
            counters.Scans,
            counters.Unmatched,
            await ScanLeads(all).CountAsync(ct),
            await SharingLeads(db, partnerId, all).CountAsync(ct),
            await SessionItems(db, partnerId, all).CountAsync(ct),
            await NetworkingItems(db, partnerId, all).CountAsync(ct),
            await MeetingItems(db, partnerId, all).CountAsync(ct));
    }

    /// <summary>
    /// What a scan can change (<see cref="ScansRecorded"/>: leads, scans, unknown badges, the Scans
    /// tab), the other tabs' counts taken from <paramref name="previous"/>: during a scan burst a live
    /// screen reloads these four cheap counts, not the joins behind the other four.
    /// </summary>
    public async Task<LeadCategoryCounts> GetScanCountsAsync(Guid partnerId, LeadCategoryCounts previous, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(previous);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var counters = await LeadService.CountAsync(db, partnerId, ct);
        var scanLeads = await ScanLeads(db.Leads.Where(l => l.PartnerId == partnerId)).CountAsync(ct);
        return previous.WithScanCountsOf(LeadCategoryCounts.Zero with { Leads = counters.Leads, Scans = counters.Scans, Unmatched = counters.Unmatched, ScanLeads = scanLeads });
    }

    /// <summary>The partner's last lead number: "new since" keeps the leads after it.</summary>
    public async Task<long> GetLastSequenceAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await LeadBook.LastSequenceAsync(db, partnerId, ct);
    }

    public async Task<PagedList<ScanCategoryRow>> GetScansAsync(Guid partnerId, LeadListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var leads = ScanLeads(Filtered(db, partnerId, query));
        if (Text.Clean(query.ScannedBy) is { } by)
        {
            leads = leads.Where(l => db.Scans.Any(s => s.LeadId == l.Id && s.ScannedBy == by));
        }

        if (query.From is { } from)
        {
            leads = leads.Where(l => l.LastCapturedAt >= from);
        }

        if (query.To is { } to)
        {
            leads = leads.Where(l => l.FirstCapturedAt < to);
        }

        var total = await leads.CountAsync(ct);
        var ordered = Sort(query, "last") switch
        {
            "first" => Order(leads, l => l.FirstCapturedAt, query.Descending),
            "name" => OrderByName(leads, l => l, query.Descending),
            "scans" => Order(leads, l => l.ScanCount, query.Descending),
            "rating" => Order(leads, l => l.Rating, query.Descending),
            _ => Order(leads, l => l.LastCapturedAt, query.Descending),
        };
        var eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.EventId).FirstOrDefaultAsync(ct);
        var page = await Page(ordered.Then(l => l.Sequence, query.Descending), query)
            .Select(l => new
            {
                l.Id,
                l.ScanCount,
                l.FirstCapturedAt,
                l.LastCapturedAt,
                l.LastScannedBy,
                ByName = db.People.Where(p => p.EventId == eventId && p.Email == l.LastScannedBy).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var summaries = await SummariesAsync(db, page.Select(r => r.Id), ct);
        return new PagedList<ScanCategoryRow>([.. page.Select(r => new ScanCategoryRow(summaries[r.Id], r.ScanCount, r.FirstCapturedAt, r.LastCapturedAt, r.LastScannedBy, r.ByName))], total);
    }

    public async Task<PagedList<SharingCategoryRow>> GetSharingAsync(Guid partnerId, LeadListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var leads = SharingLeads(db, partnerId, Filtered(db, partnerId, query));
        if (query.From is { } from)
        {
            leads = leads.Where(l => l.CreatedAt >= from);
        }

        if (query.To is { } to)
        {
            leads = leads.Where(l => l.CreatedAt < to);
        }

        var total = await leads.CountAsync(ct);
        var ordered = Sort(query, "recent") switch
        {
            "name" => OrderByName(leads, l => l, query.Descending),
            "rating" => Order(leads, l => l.Rating, query.Descending),
            _ => Order(leads, l => l.Sequence, query.Descending),
        };
        var page = await Page(ordered.Then(l => l.Sequence, query.Descending), query)
            .Select(l => new
            {
                l.Id,
                Share = db.ContactShares.Where(s => s.PartnerId == partnerId && s.PersonId == l.PersonId && s.WithdrawnAt == null)
                    .Select(s => new { s.SharedAt, s.Origin, s.Note }).FirstOrDefault(),
                Messages = db.PartnerMessages.Count(m => m.PartnerId == partnerId && m.AttendeePersonId == l.PersonId),
                Message = db.PartnerMessages.Where(m => m.PartnerId == partnerId && m.AttendeePersonId == l.PersonId).OrderByDescending(m => m.SentAt)
                    .Select(m => new { m.SentAt, m.SenderName, Excerpt = m.Body.Substring(0, ExcerptLength), m.Answer, m.AnsweredAt, m.Reply }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var summaries = await SummariesAsync(db, page.Select(r => r.Id), ct);
        return new PagedList<SharingCategoryRow>([.. page.Select(r => new SharingCategoryRow(
            summaries[r.Id],
            r.Share?.SharedAt,
            r.Share?.Origin,
            r.Share?.Note,
            r.Messages,
            r.Message?.SentAt,
            r.Message?.SenderName,
            r.Message?.Excerpt,
            r.Message?.Answer,
            r.Message?.AnsweredAt,
            r.Message?.Reply))], total);
    }

    public async Task<PagedList<SessionCategoryRow>> GetSessionsAsync(Guid partnerId, LeadListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var items = SessionItems(db, partnerId, Filtered(db, partnerId, query));
        if (query.From is { } from)
        {
            items = items.Where(i => i.Session.StartsAt >= from);
        }

        if (query.To is { } to)
        {
            items = items.Where(i => i.Session.StartsAt < to);
        }

        var total = await items.CountAsync(ct);
        var ordered = Sort(query, "registered") switch
        {
            "session" => Order(items, i => i.Session.StartsAt, query.Descending),
            "name" => OrderByName(items, i => i.Lead, query.Descending),
            "rating" => Order(items, i => i.Lead.Rating, query.Descending),
            _ => Order(items, i => i.Attendance.RegisteredAt, query.Descending),
        };
        var page = await Page(ordered.Then(i => i.Lead.Sequence, query.Descending), query)
            .Select(i => new { i.Lead.Id, i.Session, i.Attendance.RegisteredAt, i.Attendance.PresentAt })
            .ToListAsync(ct);
        var summaries = await SummariesAsync(db, page.Select(r => r.Id), ct);
        return new PagedList<SessionCategoryRow>([.. page.Select(r => new SessionCategoryRow(summaries[r.Id], r.Session.Id, r.Session.Title, r.Session.StartsAt, r.RegisteredAt, r.PresentAt))], total);
    }

    public async Task<PagedList<NetworkingCategoryRow>> GetNetworkingAsync(Guid partnerId, LeadListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var items = NetworkingItems(db, partnerId, Filtered(db, partnerId, query));
        if (query.From is { } from)
        {
            items = items.Where(i => i.Contact.MetAt >= from);
        }

        if (query.To is { } to)
        {
            items = items.Where(i => i.Contact.MetAt < to);
        }

        if (Text.Clean(query.ScannedBy) is { } by)
        {
            items = items.Where(i => db.People.Any(p => p.Id == i.Contact.OwnerPersonId && p.Email == by));
        }

        var total = await items.CountAsync(ct);
        var ordered = Sort(query, "met") switch
        {
            "name" => OrderByName(items, i => i.Lead, query.Descending),
            "rating" => Order(items, i => i.Lead.Rating, query.Descending),
            _ => Order(items, i => i.Contact.MetAt, query.Descending),
        };
        var page = await Page(ordered.Then(i => i.Lead.Sequence, query.Descending), query)
            .Select(i => new
            {
                i.Lead.Id,
                i.Contact,
                Staff = db.People.Where(p => p.Id == i.Contact.OwnerPersonId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var summaries = await SummariesAsync(db, page.Select(r => r.Id), ct);
        return new PagedList<NetworkingCategoryRow>([.. page.Select(r => new NetworkingCategoryRow(summaries[r.Id], r.Contact.Id, r.Staff ?? "", r.Contact.MetAt, r.Contact.Note))], total);
    }

    public async Task<PagedList<MeetingCategoryRow>> GetMeetingsAsync(Guid partnerId, LeadListQuery query, MeetingStatus? status = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var items = MeetingItems(db, partnerId, Filtered(db, partnerId, query));
        if ((status ?? query.Status) is { } s)
        {
            items = items.Where(i => i.Meeting.Status == s);
        }

        if (query.From is { } from)
        {
            items = items.Where(i => i.Meeting.CreatedAt >= from);
        }

        if (query.To is { } to)
        {
            items = items.Where(i => i.Meeting.CreatedAt < to);
        }

        var total = await items.CountAsync(ct);
        var ordered = Sort(query, "requested") switch
        {
            "slot" => Order(items, i => i.Meeting.StartsAt, query.Descending),
            "name" => OrderByName(items, i => i.Lead, query.Descending),
            "rating" => Order(items, i => i.Lead.Rating, query.Descending),
            _ => Order(items, i => i.Meeting.CreatedAt, query.Descending),
        };
        var page = await Page(ordered.Then(i => i.Lead.Sequence, query.Descending), query)
            .Select(i => new
            {
                i.Lead.Id,
                MeetingId = i.Meeting.Id,
                i.Meeting.Status,
                i.Meeting.StartsAt,
                i.Meeting.CreatedAt,
                Host = db.People.Where(p => p.Id == i.Meeting.HostPersonId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var summaries = await SummariesAsync(db, page.Select(r => r.Id), ct);
        return new PagedList<MeetingCategoryRow>([.. page.Select(r => new MeetingCategoryRow(summaries[r.Id], r.MeetingId, r.Status, r.StartsAt, r.CreatedAt, r.Host))], total);
    }

    // ---- The categories ----

    private static IQueryable<Lead> ScanLeads(IQueryable<Lead> leads) =>
        leads.Where(l => (l.Sources & LeadSources.Scan) == LeadSources.Scan);

    /// <summary>Leads with an active share or a message: a withdrawn share alone is not listed.</summary>
    private static IQueryable<Lead> SharingLeads(PartnerSpaceDbContext db, Guid partnerId, IQueryable<Lead> leads) =>
        leads.Where(l => (l.Sources & LeadSources.Sharing) == LeadSources.Sharing
            && (db.ContactShares.Any(s => s.PartnerId == partnerId && s.PersonId == l.PersonId && s.WithdrawnAt == null)
                || db.PartnerMessages.Any(m => m.PartnerId == partnerId && m.AttendeePersonId == l.PersonId)));

    private static IQueryable<SessionItem> SessionItems(PartnerSpaceDbContext db, Guid partnerId, IQueryable<Lead> leads) =>
        from h in db.SessionHosts
        where h.PartnerId == partnerId
        join s in db.Sessions on h.SessionId equals s.Id
        join a in db.SessionAttendances on s.Id equals a.SessionId
        join l in leads on a.PersonId equals l.PersonId
        select new SessionItem { Lead = l, Session = s, Attendance = a };

    private static IQueryable<NetworkingItem> NetworkingItems(PartnerSpaceDbContext db, Guid partnerId, IQueryable<Lead> leads) =>
        from c in db.NetworkingContacts
        where db.PartnerMembers.Any(m => m.PartnerId == partnerId && m.PersonId == c.OwnerPersonId)
        join l in leads on c.ContactPersonId equals l.PersonId
        select new NetworkingItem { Lead = l, Contact = c };

    private static IQueryable<MeetingItem> MeetingItems(PartnerSpaceDbContext db, Guid partnerId, IQueryable<Lead> leads) =>
        from m in db.Meetings
        where m.PartnerId == partnerId && m.Origin == MeetingOrigin.AttendeeRequest
        join l in leads on m.AttendeePersonId equals l.PersonId
        select new MeetingItem { Lead = l, Meeting = m };

    // ---- Shared by every category ----

    /// <summary>The partner's leads after the qualification filters, the search and "new since".</summary>
    private static IQueryable<Lead> Filtered(PartnerSpaceDbContext db, Guid partnerId, LeadListQuery query)
    {
        var leads = db.Leads.AsNoTracking().Where(l => l.PartnerId == partnerId);
        if (query.Rating is { } rating)
        {
            leads = leads.Where(l => l.Rating == rating);
        }

        if (query.FollowUp is { } followUp)
        {
            leads = leads.Where(l => l.FollowUp == followUp);
        }

        if (Text.Clean(query.Tag) is { } tag)
        {
            var pattern = LeadTags.FilterPattern(tag);
            leads = leads.Where(l => EF.Functions.Like(l.Tags!, pattern));
        }

        if (query.OwnerPersonId is { } owner)
        {
            leads = leads.Where(l => l.OwnerPersonId == owner);
        }

        if (query.AfterSequence is { } after)
        {
            leads = leads.Where(l => l.Sequence > after);
        }

        if (Text.Clean(query.Search) is { } search)
        {
            // Names and company always; the e-mail only where the attendee consented (issue 7).
            var term = $"%{search}%";
            leads = leads.Where(l =>
                EF.Functions.Like(l.Person!.FirstName, term)
                || EF.Functions.Like(l.Person.LastName, term)
                || EF.Functions.Like(l.Person.Company ?? "", term)
                || (l.Consent != LeadConsent.None && EF.Functions.Like(l.Person.Email, term)));
        }

        return leads;
    }

    /// <summary>The summaries of one page's leads, by id: one query, with the owner's name.</summary>
    private static async Task<Dictionary<Guid, LeadSummary>> SummariesAsync(PartnerSpaceDbContext db, IEnumerable<Guid> leadIds, CancellationToken ct)
    {
        var ids = leadIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Leads.AsNoTracking().Where(l => ids.Contains(l.Id))
            .Select(l => new
            {
                l.Id,
                l.Sequence,
                l.Person!.FirstName,
                l.Person.LastName,
                l.Person.Company,
                Email = l.Consent != LeadConsent.None ? l.Person.Email : null,
                l.Consent,
                l.ConsentAt,
                l.Rating,
                l.FollowUp,
                l.Tags,
                Owner = db.People.Where(p => p.Id == l.OwnerPersonId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new LeadSummary(r.Id, r.Sequence, r.FirstName, r.LastName, r.Company, r.Email, r.Consent, r.ConsentAt, r.Rating, r.FollowUp, LeadTags.Parse(r.Tags), r.Owner));
    }

    private static string Sort(LeadListQuery query, string fallback) =>
        query.Sort is { } sort && SortLabels.Values.Any(labels => labels.Contains(sort)) ? sort : fallback;

    private static IOrderedQueryable<T> Order<T, TKey>(IQueryable<T> items, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? items.OrderByDescending(key) : items.OrderBy(key);

    private static IOrderedQueryable<T> OrderByName<T>(IQueryable<T> items, Expression<Func<T, Lead>> lead, bool descending)
    {
        // Composed by hand: Lead → Person.LastName, then FirstName.
        var last = Compose(lead, l => l.Person!.LastName);
        var first = Compose(lead, l => l.Person!.FirstName);
        return descending ? items.OrderByDescending(last).ThenByDescending(first) : items.OrderBy(last).ThenBy(first);
    }

    private static Expression<Func<T, TValue>> Compose<T, TValue>(Expression<Func<T, Lead>> outer, Expression<Func<Lead, TValue>> inner)
    {
        var body = new Replace(inner.Parameters[0], outer.Body).Visit(inner.Body);
        return Expression.Lambda<Func<T, TValue>>(body, outer.Parameters);
    }

    private static IQueryable<T> Page<T>(IQueryable<T> items, LeadListQuery query)
    {
        var size = Math.Clamp(query.PageSize, 1, LeadListQuery.MaxPageSize);
        return items.Skip(Math.Max(0, query.Page) * size).Take(size);
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    private sealed class SessionItem
    {
        public required Lead Lead { get; init; }

        public required Sessions.Session Session { get; init; }

        public required Sessions.SessionAttendance Attendance { get; init; }
    }

    private sealed class NetworkingItem
    {
        public required Lead Lead { get; init; }

        public required NetworkingContact Contact { get; init; }
    }

    private sealed class MeetingItem
    {
        public required Lead Lead { get; init; }

        public required Meeting Meeting { get; init; }
    }
}

internal static class LeadOrdering
{
    /// <summary>A stable tie-break: the lead's number, in the list's direction.</summary>
    public static IOrderedQueryable<T> Then<T, TKey>(this IOrderedQueryable<T> items, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? items.ThenByDescending(key) : items.ThenBy(key);
}
