using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Contacts;

public enum ContactSort
{
    NameAsc,
    NameDesc,
    CompanyAsc,
    CompanyDesc,
}

/// <summary>
/// A page of a partner's contact list (S-2.8); search, filters, sorting and paging happen in the
/// database. <see cref="Company"/> keeps the rows whose company contains it.
/// </summary>
public sealed record ContactQuery(
    int Page = 0,
    int PageSize = 25,
    string? Search = null,
    string? Company = null,
    bool SharedOnly = false,
    bool InMeetingOnly = false,
    ContactSort Sort = ContactSort.NameAsc)
{
    public const int MaxPageSize = 100;
}

/// <summary>
/// One attendee of the contact list. <see cref="Email"/> is there only while the attendee shares
/// their details with the partner (S-2.12): the list itself gives no contact details away.
/// </summary>
public sealed record ContactRow(Guid PersonId, string FirstName, string LastName, string? Company, string? Email, bool SharedDetails, int Meetings)
{
    public string FullName => $"{FirstName} {LastName}".Trim();
}

/// <summary>
/// S-2.8: the event's registered attendees who agreed to be listed, as a partner's staff see them
/// to propose meetings and write messages; the partner's own people are left out.
/// </summary>
public sealed class ContactListService(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    private static readonly Error Forbidden = Error.Forbidden("contact-not-allowed", "You may not contact this partner's attendees.");

    public async Task<Result<PagedList<ContactRow>>> SearchAsync(Viewer viewer, Guid partnerId, ContactQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, ContactQuery.MaxPageSize);
        var page = Math.Max(0, query.Page);

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!(await MeetingAccess.OfAsync(db, viewer, partnerId, ct)).MayContactAttendees)
        {
            return Forbidden;
        }

        var eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.EventId).FirstAsync(ct);
        var people = Listed(db, eventId, partnerId);
        if (Text.Clean(query.Search) is { } search)
        {
            // SQLite's LIKE ignores the case of ASCII letters.
            var term = $"%{Escape(search)}%";
            people = people.Where(p =>
                EF.Functions.Like(p.FirstName, term, "\\")
                || EF.Functions.Like(p.LastName, term, "\\")
                || EF.Functions.Like(p.FirstName + " " + p.LastName, term, "\\")
                || EF.Functions.Like(p.Company ?? "", term, "\\"));
        }

        if (Text.Clean(query.Company) is { } company)
        {
            var term = $"%{Escape(company)}%";
            people = people.Where(p => EF.Functions.Like(p.Company ?? "", term, "\\"));
        }

        if (query.SharedOnly)
        {
            people = people.Where(p => db.ContactShares.Any(s => s.PartnerId == partnerId && s.PersonId == p.Id && s.WithdrawnAt == null));
        }

        if (query.InMeetingOnly)
        {
            people = people.Where(p => db.Meetings.Any(m => m.PartnerId == partnerId && m.AttendeePersonId == p.Id));
        }

        var total = await people.CountAsync(ct);
        people = query.Sort switch
        {
            ContactSort.NameDesc => people.OrderByDescending(p => p.LastName).ThenByDescending(p => p.FirstName).ThenByDescending(p => p.Id),
            ContactSort.CompanyAsc => people.OrderBy(p => p.Company ?? "").ThenBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id),
            ContactSort.CompanyDesc => people.OrderByDescending(p => p.Company ?? "").ThenBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id),
            _ => people.OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id),
        };

        var items = await people
            .Skip(page * size)
            .Take(size)
            .Select(p => new
            {
                p.Id,
                p.FirstName,
                p.LastName,
                p.Company,
                p.Email,
                Shared = db.ContactShares.Any(s => s.PartnerId == partnerId && s.PersonId == p.Id && s.WithdrawnAt == null),
                Meetings = db.Meetings.Count(m => m.PartnerId == partnerId && m.AttendeePersonId == p.Id),
            })
            .ToListAsync(ct);
        return Result<PagedList<ContactRow>>.Ok(new PagedList<ContactRow>(
            items.Select(r => new ContactRow(r.Id, r.FirstName, r.LastName, r.Company, r.Shared ? r.Email : null, r.Shared, r.Meetings)).ToList(),
            total));
    }

    /// <summary>The people of the contact list: registered, listed, not a member of the partner.</summary>
    internal static IQueryable<Person> Listed(PartnerSpaceDbContext db, Guid eventId, Guid partnerId) =>
        db.People.AsNoTracking().Where(p =>
            p.EventId == eventId
            && db.Attendees.Any(a => a.PersonId == p.Id && a.ListedInContacts)
            && !db.PartnerMembers.Any(m => m.PartnerId == partnerId && m.PersonId == p.Id));

    private static string Escape(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
