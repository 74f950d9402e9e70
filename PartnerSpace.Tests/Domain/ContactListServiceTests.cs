using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using Xunit.Abstractions;

namespace PartnerSpace.Tests.Domain;

/// <summary>
/// S-2.8, S-3.3: the partner's contact list through <see cref="ContactListService"/> on a real
/// SQLite file: who is listed, search, filters, sorting, paging, the e-mail only with consent, rights.
/// </summary>
[Trait("Spec", "S-2.8")]
[Trait("Spec", "S-3.3")]
public sealed class ContactListServiceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Tomorrow = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _db = new();
    private Event _event = default!;
    private Partner _acme = default!;
    private Partner _nordlys = default!;
    private Viewer _acmeAdmin = default!;
    private Viewer _organizer = default!;
    private Guid _lea;
    private Guid _tom;
    private Guid _zoe;

    private ContactListService Contacts => new(_db.Factory);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _event = await _db.AddEventAsync();
        _acme = await _db.AddPartnerAsync(_event.Id, "Acme");
        _nordlys = await _db.AddPartnerAsync(_event.Id, "Nordlys");
        _acmeAdmin = Person((await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.Administrator, "admin@acme.example")).Id);
        _organizer = new Viewer(ViewerKind.Organizer, (await _db.AddOrganizerAsync(_event.Id, "orga@show.example")).Id);
        _lea = (await AttendeeAsync("lea@guest.example", "Léa", "Martin", "Globex")).PersonId;
        _tom = (await AttendeeAsync("tom@guest.example", "Tom", "Hardy", "Initech")).PersonId;
        _zoe = (await AttendeeAsync("zoe@guest.example", "Zoé", "Adams", "Globex Europe")).PersonId;
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task ListsRegisteredListedAttendeesButNotThePartnersOwnPeopleNorTheUnlisted()
    {
        // A registered member of Acme, an unlisted attendee, a person who is not registered.
        var sales = await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.SalesContact, "sales@acme.example");
        await _db.RegisterAsync(_event.Id, sales.Id, "B-SALES");
        var hidden = await AttendeeAsync("hidden@guest.example", "Hidden", "Person", "Globex");
        await _db.QueryAsync(async db =>
        {
            var attendee = await db.Attendees.FindAsync(hidden.Id);
            db.Entry(attendee!).Property(a => a.ListedInContacts).CurrentValue = false;
            return await db.SaveChangesAsync();
        });
        await _db.AddPersonAsync(_event.Id, "guest@guest.example", "Not", "Registered");

        var page = Ok(await Contacts.SearchAsync(_acmeAdmin, _acme.Id, new ContactQuery()));

        Assert.Equal(3, page.Total);
        Assert.Equal(["Adams", "Hardy", "Martin"], page.Items.Select(r => r.LastName));

        // Nordlys sees Acme's sales contact: only Acme's own people are left out.
        var nordlysAdmin = Person((await _db.AddMemberAsync(_event.Id, _nordlys.Id, MemberRole.Administrator, "admin@nordlys.example")).Id);
        Assert.Contains(Ok(await Contacts.SearchAsync(nordlysAdmin, _nordlys.Id, new ContactQuery())).Items, r => r.PersonId == sales.Id);
    }

    [Fact]
    public async Task SearchesFirstNameLastNameAndCompanyIgnoringCaseAndSpaces()
    {
        Assert.Equal([_tom], await IdsAsync(new ContactQuery(Search: "  hardy ")));
        Assert.Equal([_tom], await IdsAsync(new ContactQuery(Search: "TOM")));
        Assert.Equal([_zoe, _lea], await IdsAsync(new ContactQuery(Search: "globex")));
        Assert.Equal([_lea], await IdsAsync(new ContactQuery(Search: "léa martin")));
        Assert.Empty(await IdsAsync(new ContactQuery(Search: "%")));
        Assert.Empty(await IdsAsync(new ContactQuery(Search: "guest.example")));
    }

    [Fact]
    public async Task FiltersByCompanySharedDetailsAndMeetings()
    {
        await _db.SaveAsync(new ContactShare(_event.Id, _acme.Id, _tom, ContactShareOrigin.AttendeeShared, null, _db.Time.GetUtcNow()));
        var withdrawn = new ContactShare(_event.Id, _acme.Id, _zoe, ContactShareOrigin.AttendeeShared, null, _db.Time.GetUtcNow());
        await _db.SaveAsync(withdrawn);
        await _db.QueryAsync(async db =>
        {
            var share = await db.ContactShares.FindAsync(withdrawn.Id);
            db.Entry(share!).Property(s => s.WithdrawnAt).CurrentValue = _db.Time.GetUtcNow();
            return await db.SaveChangesAsync();
        });
        await _db.SaveAsync(new ContactShare(_event.Id, _nordlys.Id, _lea, ContactShareOrigin.AttendeeShared, null, _db.Time.GetUtcNow()));
        await MeetingAsync(_lea, _acme);
        await MeetingAsync(_tom, _nordlys);

        Assert.Equal([_zoe, _lea], await IdsAsync(new ContactQuery(Company: "GLOBEX")));
        Assert.Equal([_tom], await IdsAsync(new ContactQuery(SharedOnly: true)));
        Assert.Equal([_lea], await IdsAsync(new ContactQuery(InMeetingOnly: true)));
        Assert.Empty(await IdsAsync(new ContactQuery(SharedOnly: true, InMeetingOnly: true)));

        var rows = Ok(await Contacts.SearchAsync(_acmeAdmin, _acme.Id, new ContactQuery())).Items.ToDictionary(r => r.PersonId);
        Assert.Equal(1, rows[_lea].Meetings);
        Assert.Equal(0, rows[_tom].Meetings);
        Assert.True(rows[_tom].SharedDetails);
        Assert.False(rows[_zoe].SharedDetails);
    }

    [Fact]
    public async Task ShowsTheEmailOnlyWhileTheAttendeeSharesTheirDetailsWithThisPartner()
    {
        await _db.SaveAsync(new ContactShare(_event.Id, _acme.Id, _tom, ContactShareOrigin.AcceptedMessage, null, _db.Time.GetUtcNow()));
        await _db.SaveAsync(new ContactShare(_event.Id, _nordlys.Id, _lea, ContactShareOrigin.AttendeeShared, null, _db.Time.GetUtcNow()));

        var rows = Ok(await Contacts.SearchAsync(_acmeAdmin, _acme.Id, new ContactQuery())).Items.ToDictionary(r => r.PersonId);

        Assert.Equal("tom@guest.example", rows[_tom].Email);
        Assert.Null(rows[_lea].Email);
        Assert.Null(rows[_zoe].Email);
    }

    [Fact]
    public async Task SortsByNameAndCompanyBothWays()
    {
        Assert.Equal([_lea, _tom, _zoe], await IdsAsync(new ContactQuery(Sort: ContactSort.NameDesc)));
        Assert.Equal([_lea, _zoe, _tom], await IdsAsync(new ContactQuery(Sort: ContactSort.CompanyAsc)));
        Assert.Equal([_tom, _zoe, _lea], await IdsAsync(new ContactQuery(Sort: ContactSort.CompanyDesc)));
    }

    [Fact]
    public async Task PagesInTheDatabaseWithAtMostAHundredRows()
    {
        var page = Ok(await Contacts.SearchAsync(_acmeAdmin, _acme.Id, new ContactQuery(Page: 1, PageSize: 2)));
        Assert.Equal(3, page.Total);
        Assert.Equal([_lea], page.Items.Select(r => r.PersonId));

        await BulkAttendeesAsync(150);
        var big = Ok(await Contacts.SearchAsync(_acmeAdmin, _acme.Id, new ContactQuery(PageSize: 5000)));
        Assert.Equal(ContactQuery.MaxPageSize, big.Items.Count);
        Assert.Equal(153, big.Total);
    }

    [Fact]
    public async Task OrganizersAndAdministratorsMayListOthersMayNot()
    {
        Assert.True((await Contacts.SearchAsync(_organizer, _acme.Id, new ContactQuery())).IsSuccess);
        var nordlysAdmin = Person((await _db.AddMemberAsync(_event.Id, _nordlys.Id, MemberRole.Administrator, "admin@nordlys.example")).Id);
        Assert.Equal(ErrorKind.Forbidden, (await Contacts.SearchAsync(nordlysAdmin, _acme.Id, new ContactQuery())).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Contacts.SearchAsync(Person(_lea), _acme.Id, new ContactQuery())).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Contacts.SearchAsync(_acmeAdmin, Guid.NewGuid(), new ContactQuery())).Error!.Kind);
        var otherOrganizer = new Viewer(ViewerKind.Organizer, (await _db.AddOrganizerAsync((await _db.AddEventAsync()).Id, "other@show.example")).Id);
        Assert.Equal(ErrorKind.Forbidden, (await Contacts.SearchAsync(otherOrganizer, _acme.Id, new ContactQuery())).Error!.Kind);
    }

    [Fact]
    public async Task ASalesContactListsOnlyRegisteredAndWithTheContactOptionOn()
    {
        var hugo = Person((await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.SalesContact, "hugo@acme.example")).Id);
        await _db.SetOptionsAsync(_event.Id, EventOptionValues.Default with { SalesContactsContactAttendees = true });

        // S-3.1: not registered yet.
        Assert.Equal(ErrorKind.Forbidden, (await Contacts.SearchAsync(hugo, _acme.Id, new ContactQuery())).Error!.Kind);

        await _db.RegisterAsync(_event.Id, hugo.Id, "B-HUGO");
        Assert.Equal(3, Ok(await Contacts.SearchAsync(hugo, _acme.Id, new ContactQuery())).Total);

        // S-1.8: the organizer switches "contact attendees" off.
        await _db.SetOptionsAsync(_event.Id, EventOptionValues.Default with { SalesContactsContactAttendees = false });
        Assert.Equal(ErrorKind.Forbidden, (await Contacts.SearchAsync(hugo, _acme.Id, new ContactQuery())).Error!.Kind);
    }

    [Fact]
    public async Task PagesAndSearchesTwentyThousandAttendees()
    {
        var watch = Stopwatch.StartNew();
        await BulkAttendeesAsync(20_000);
        output.WriteLine($"Seeded 20,000 attendees in {watch.ElapsedMilliseconds} ms");

        watch.Restart();
        var first = Ok(await Contacts.SearchAsync(_acmeAdmin, _acme.Id, new ContactQuery(PageSize: 50)));
        output.WriteLine($"First page: {watch.ElapsedMilliseconds} ms");
        Assert.Equal(20_003, first.Total);
        Assert.Equal("Adams", first.Items[0].LastName);
        Assert.Equal("Hardy", first.Items[1].LastName);
        Assert.Equal("Last00000", first.Items[2].LastName);

        watch.Restart();
        var deep = Ok(await Contacts.SearchAsync(_acmeAdmin, _acme.Id, new ContactQuery(Page: 300, PageSize: 50)));
        output.WriteLine($"Page 300: {watch.ElapsedMilliseconds} ms");
        Assert.Equal("Last14998", deep.Items[0].LastName);

        watch.Restart();
        var found = Ok(await Contacts.SearchAsync(_acmeAdmin, _acme.Id, new ContactQuery(Search: "last1234", PageSize: 50)));
        output.WriteLine($"Search: {watch.ElapsedMilliseconds} ms");
        Assert.Equal(10, found.Total);

        watch.Restart();
        var company = Ok(await Contacts.SearchAsync(_acmeAdmin, _acme.Id, new ContactQuery(Company: "company 7", Sort: ContactSort.CompanyAsc)));
        output.WriteLine($"Company filter sorted by company: {watch.ElapsedMilliseconds} ms");
        Assert.Equal(2000, company.Total);
    }

    private static Viewer Person(Guid id) => new(ViewerKind.Person, id);

    private static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }

    private async Task<List<Guid>> IdsAsync(ContactQuery query) =>
        Ok(await Contacts.SearchAsync(_acmeAdmin, _acme.Id, query)).Items.Select(r => r.PersonId).ToList();

    private async Task<Attendee> AttendeeAsync(string email, string first, string last, string company)
    {
        var person = new Person(_event.Id, email, first, last, company, "en");
        await _db.SaveAsync(person);
        return await _db.RegisterAsync(_event.Id, person.Id, "B-" + email);
    }

    private async Task MeetingAsync(Guid attendee, Partner partner)
    {
        var slot = new MeetingSlot(_event.Id, partner.Id, null, null, Tomorrow, Tomorrow.AddMinutes(30), _db.Time.GetUtcNow());
        await _db.SaveAsync(slot);
        await _db.SaveAsync(new Meeting(_event.Id, partner.Id, slot, attendee, null, MeetingOrigin.PartnerInvitation, _db.Time.GetUtcNow(), null));
    }

    /// <summary>
    /// Registered attendees LastNNNNN / FirstNNNNN of "Company {n % 10}", inserted by SQL in two
    /// statements (EF would take most of the test's time), in Léa's event.
    /// </summary>
    private async Task BulkAttendeesAsync(int count)
    {
        const string NewId = "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))";
        const string People =
            "INSERT INTO People (Id, EventId, Email, FirstName, LastName, Company, Language) "
            + "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {0}) "
            + "SELECT " + NewId + ", (SELECT EventId FROM People WHERE Email = 'lea@guest.example'), "
            + "'p' || i || '@bulk.example', printf('First%05d', i), printf('Last%05d', i), 'Company ' || (i % 10), 'en' FROM n";
        const string Attendees =
            "INSERT INTO Attendees (Id, EventId, PersonId, BadgeCode, Ticket, RegisteredAt, ListedInContacts) "
            + "SELECT " + NewId + ", p.EventId, p.Id, 'BULK-' || p.Email, NULL, "
            + "(SELECT a.RegisteredAt FROM Attendees a JOIN People l ON l.Id = a.PersonId WHERE l.Email = 'lea@guest.example'), 1 "
            + "FROM People p WHERE p.Email LIKE '%@bulk.example'";
        const string PostgresPeople =
            "INSERT INTO \"People\" (\"Id\", \"EventId\", \"Email\", \"FirstName\", \"LastName\", \"Company\", \"Language\", \"SecurityStamp\") "
            + "SELECT gen_random_uuid(), (SELECT \"EventId\" FROM \"People\" WHERE \"Email\" = 'lea@guest.example'), "
            + "'p' || i || '@bulk.example', 'First' || lpad(i::text, 5, '0'), 'Last' || lpad(i::text, 5, '0'), 'Company ' || (i % 10), 'en', md5(i::text) FROM generate_series(0, {0} - 1) AS i";
        const string PostgresAttendees =
            "INSERT INTO \"Attendees\" (\"Id\", \"EventId\", \"PersonId\", \"BadgeCode\", \"Ticket\", \"RegisteredAt\", \"ListedInContacts\") "
            + "SELECT gen_random_uuid(), p.\"EventId\", p.\"Id\", 'BULK-' || p.\"Email\", NULL, "
            + "(SELECT a.\"RegisteredAt\" FROM \"Attendees\" a JOIN \"People\" l ON l.\"Id\" = a.\"PersonId\" WHERE l.\"Email\" = 'lea@guest.example'), TRUE "
            + "FROM \"People\" p WHERE p.\"Email\" LIKE '%@bulk.example'";
        await _db.QueryAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync(_db.IsPostgres ? PostgresPeople : People, count);
            return await db.Database.ExecuteSqlRawAsync(_db.IsPostgres ? PostgresAttendees : Attendees);
        });
    }
}
