using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Leads.Export;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Domain.Sessions;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>The Excel and CSV export of a partner's leads (S-2.12), opened back with MiniExcel.</summary>
[Trait("Spec", "S-2.12")]
public sealed class LeadExportServiceTests : IAsyncLifetime
{
    private const string By = "admin@acme.example";
    private static readonly Dictionary<string, string> English = Texts("SharedResource.resx");
    private static readonly Dictionary<string, string> French = Texts("SharedResource.fr.resx");

    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _partnerId;
    private Person _staff = null!;
    private LeadQuestion _budget = null!;
    private LeadQuestion _decides = null!;

    private LeadExportService Exports => new(_db.Factory, _db.Time, _db.SecurityLog);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        _eventId = ev.Id;
        _partnerId = (await _db.AddPartnerAsync(ev.Id)).Id;
        _staff = await _db.AddMemberAsync(ev.Id, _partnerId, MemberRole.Administrator, "staff@acme.example");
        _budget = new LeadQuestion(_partnerId, "Budget", LeadQuestionKind.Text, [], 0, _db.Time.GetUtcNow());
        _decides = new LeadQuestion(_partnerId, "Decision maker?", LeadQuestionKind.YesNo, [], 1, _db.Time.GetUtcNow());
        await _db.SaveAsync(_budget);
        await _db.SaveAsync(_decides);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task TheWorkbookHasTheFiveCategoriesInOrderWithHeadersInTheUsersLanguage()
    {
        var english = await XlsxAsync(English);
        var french = await XlsxAsync(French);

        Assert.Equal(["Scans", "Contact sharing and messaging", "Sessions", "Networking contacts", "Meetings"], english.GetSheetNames());
        Assert.Equal(["Scans", "Partage de contact et messages", "Sessions", "Contacts networking", "Rendez-vous"], french.GetSheetNames());

        // An empty sheet still has its headers, the event's zone named in every time column.
        Assert.Equal(
            ["Lead #", "First name", "Last name", "Company", "E-mail", "Consent", "Consent given (Europe/Paris)", "Scanned by", "First scan (Europe/Paris)",
             "Last scan (Europe/Paris)", "Scans", "Rating", "Follow-up", "Owner", "Tags", "Notes", "Budget", "Decision maker?"],
            Headers(english, "Scans"));
        Assert.Contains("Prénom", Headers(french, "Scans"));
        Assert.Contains("Premier scan (Europe/Paris)", Headers(french, "Scans"));
        Assert.Contains("Statut", Headers(french, "Rendez-vous"));
    }

    [Fact]
    public async Task AScanRowHasThePersonConsentScanFiguresQualificationAndAnswersInTheEventsZone()
    {
        var badge = await _db.AddAttendeeAsync(_eventId, "B-001", "grace@example.com");
        var scannedAt = _db.Time.GetUtcNow().AddMinutes(-30);
        var source = new ScanSource(_eventId, _partnerId, null);
        await _db.Scans.RecordAsync(source, [Scan("B-001", scannedAt), Scan("B-001", scannedAt.AddMinutes(10))]);
        var lead = await _db.QueryAsync(db => db.Leads.SingleAsync(l => l.PersonId == badge.PersonId));
        var qualified = await new LeadQualificationService(_db.Factory, _db.Live, _db.Time).QualifyAsync(_partnerId, lead.Id, new LeadQualification(
            LeadRating.Hot, LeadFollowUp.ToContact, "Call after the show", ["vip", "paris"], _staff.Id,
            new Dictionary<Guid, string> { [_budget.Id] = "50k", [_decides.Id] = "yes" }), By);
        Assert.True(qualified.IsSuccess);

        var row = Assert.Single(Rows(await XlsxAsync(French), "Scans"));

        Assert.Equal("Grace", row["Prénom"]);
        Assert.Equal("Hopper", row["Nom"]);
        Assert.Equal("Analytical Engines", row["Société"]);
        Assert.Equal("grace@example.com", row["E-mail"]);
        Assert.Equal("Badge scanné", row["Consentement"]);

        // 08:30 UTC is 09:30 in Paris in November: local date-times, the zone in the header.
        Assert.Equal(new DateTime(2026, 11, 23, 9, 30, 0), row["Consentement donné le (Europe/Paris)"]);
        Assert.Equal(new DateTime(2026, 11, 23, 9, 30, 0), row["Premier scan (Europe/Paris)"]);
        Assert.Equal(new DateTime(2026, 11, 23, 9, 40, 0), row["Dernier scan (Europe/Paris)"]);
        Assert.Equal(2d, Convert.ToDouble(row["Nombre de scans"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("staff@acme.example", row["Scanné par"]);
        Assert.Equal("Chaud", row["Note de qualification"]);
        Assert.Equal("À contacter", row["Suivi"]);
        Assert.Equal("Ada Lovelace", row["Responsable"]);
        Assert.Equal("vip, paris", row["Étiquettes"]);
        Assert.Equal("Call after the show", row["Notes"]);
        Assert.Equal("50k", row["Budget"]);
        Assert.Equal("Oui", row["Decision maker?"]);
    }

    [Fact]
    public async Task ContactDetailsOnlyWithConsentAndAWithdrawnShareIsLeftOut()
    {
        var shared = await _db.AddAttendeeAsync(_eventId, "B-010", "shared@example.com", "Sharing", "Person");
        var withdrawn = await _db.AddAttendeeAsync(_eventId, "B-011", "withdrawn@example.com", "Withdrawn", "Person");
        var silent = await _db.AddAttendeeAsync(_eventId, "B-012", "silent@example.com", "Silent", "Person");
        var now = _db.Time.GetUtcNow();
        await CaptureAsync(shared.PersonId, LeadSources.Sharing, LeadConsent.SharedContact, db =>
        {
            db.ContactShares.Add(new ContactShare(_eventId, _partnerId, shared.PersonId, ContactShareOrigin.AttendeeShared, "Send me the brochure", now));
            var message = new PartnerMessage(_eventId, _partnerId, shared.PersonId, _staff.Id, "Ada Lovelace", "Shall we talk?", now.AddMinutes(-20));
            message.AnswerWith(MessageAnswer.Accepted, "Gladly", now.AddMinutes(-10));
            db.PartnerMessages.Add(message);
        });
        await CaptureAsync(withdrawn.PersonId, LeadSources.Sharing, LeadConsent.SharedContact, db =>
        {
            var share = new ContactShare(_eventId, _partnerId, withdrawn.PersonId, ContactShareOrigin.AttendeeShared, null, now);
            share.Withdraw(now.AddMinutes(5));
            db.ContactShares.Add(share);
        });
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            await LeadBook.WithdrawConsentAsync(db, _partnerId, withdrawn.PersonId, now.AddMinutes(5));
            await db.SaveChangesAsync();
        }

        await CaptureAsync(silent.PersonId, LeadSources.Networking, LeadConsent.None, db =>
            db.NetworkingContacts.Add(new NetworkingContact(_eventId, _staff.Id, silent.PersonId, "Met at the coffee bar", now.AddHours(-1))));
        await CaptureAsync(withdrawn.PersonId, LeadSources.Networking, LeadConsent.None, db =>
            db.NetworkingContacts.Add(new NetworkingContact(_eventId, _staff.Id, withdrawn.PersonId, null, now.AddHours(-2))));

        var file = await XlsxAsync(English);
        var sharing = Assert.Single(Rows(file, "Contact sharing and messaging"));
        var networking = Rows(file, "Networking contacts");

        Assert.Equal("Sharing", sharing["First name"]);
        Assert.Equal("shared@example.com", sharing["E-mail"]);
        Assert.Equal("Shared their contact", sharing["Consent"]);
        Assert.Equal("Send me the brochure", sharing["Note from the attendee"]);
        Assert.Equal("Shall we talk?", sharing["Message"]);
        Assert.Equal("Accepted", sharing["Answer"]);
        Assert.Equal("Gladly", sharing["Reply"]);
        Assert.Equal(new DateTime(2026, 11, 23, 9, 40, 0), sharing["Message sent (Europe/Paris)"]);

        // Names and company always; no e-mail and no consent time without consent.
        Assert.Equal(["Silent", "Withdrawn"], networking.Select(r => (string)r["First name"]!).Order());
        Assert.All(networking, r => Assert.Null(r["E-mail"]));
        Assert.All(networking, r => Assert.Equal("None (details hidden)", r["Consent"]));
        Assert.All(networking, r => Assert.Equal("Ada Lovelace", r["Staff member"]));
        Assert.Contains(networking, r => (string?)r["Note"] == "Met at the coffee bar");
        Assert.DoesNotContain("withdrawn@example.com", await CsvAsync(LeadCategory.Networking, English), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionsAndMeetingsHaveTheirOwnColumns()
    {
        var attendee = await _db.AddAttendeeAsync(_eventId, "B-020", "ann@example.com", "Ann", "Attendee");
        var now = _db.Time.GetUtcNow();
        var session = new Session(_eventId, "Scaling SQLite", now.AddHours(1), now.AddHours(2), "Room A", "Talk", now);
        await _db.SaveAsync(session);
        await _db.SaveAsync(new SessionHost(session.Id, _partnerId));
        var slot = new MeetingSlot(_eventId, _partnerId, null, _staff.Id, new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero), now);
        await _db.SaveAsync(slot);
        await CaptureAsync(attendee.PersonId, LeadSources.Session, LeadConsent.None, db =>
            db.SessionAttendances.Add(new SessionAttendance(session.Id, attendee.PersonId, now.AddMinutes(-5), null)));
        await CaptureAsync(attendee.PersonId, LeadSources.Meeting, LeadConsent.None, db =>
            db.Meetings.Add(new Meeting(_eventId, _partnerId, slot, attendee.PersonId, _staff.Id, MeetingOrigin.AttendeeRequest, now.AddMinutes(-1), null)));

        var file = await XlsxAsync(English);
        var sessionRow = Assert.Single(Rows(file, "Sessions"));
        var meetingRow = Assert.Single(Rows(file, "Meetings"));

        Assert.Equal("Scaling SQLite", sessionRow["Session"]);
        Assert.Equal(new DateTime(2026, 11, 23, 9, 55, 0), sessionRow["Registered (Europe/Paris)"]);
        Assert.Null(sessionRow["Present (Europe/Paris)"]);
        Assert.Equal("Pending", meetingRow["Status"]);
        Assert.Equal(new DateTime(2026, 11, 24, 10, 0, 0), meetingRow["Slot start (Europe/Paris)"]);
        Assert.Equal("Ada Lovelace", meetingRow["Host"]);
        Assert.Null(meetingRow["E-mail"]);
        Assert.Empty(Rows(file, "Scans"));
    }

    [Fact]
    public async Task OnlyNewHoldsTheLeadsSinceTheUsersLastDownloadAndEachDownloadIsRecorded()
    {
        var source = new ScanSource(_eventId, _partnerId, null);
        await _db.AddAttendeeAsync(_eventId, "B-001", "one@example.com", "One");
        await _db.AddAttendeeAsync(_eventId, "B-002", "two@example.com", "Two");
        await _db.Scans.RecordAsync(source, [Scan("B-001", _db.Time.GetUtcNow())]);

        Assert.Null((await Exports.GetDownloadStateAsync(_partnerId, By)).Last);
        Assert.Single(Rows(await XlsxAsync(English, onlyNew: true), "Scans"));
        _db.Time.Advance(TimeSpan.FromMinutes(1));
        await _db.Scans.RecordAsync(source, [Scan("B-002", _db.Time.GetUtcNow())]);

        var onlyNew = Rows(await XlsxAsync(English, onlyNew: true), "Scans");
        var someoneElse = Rows(await XlsxAsync(English, onlyNew: true, by: "other@acme.example"), "Scans");
        var all = Rows(await XlsxAsync(English), "Scans");

        Assert.Equal("Two", Assert.Single(onlyNew)["First name"]);
        Assert.Equal(2, someoneElse.Count);
        Assert.Equal(2, all.Count);
        var downloads = await _db.QueryAsync(db => db.LeadDownloads.Where(d => d.DownloadedBy == By).OrderBy(d => d.At).ThenBy(d => d.UpToSequence).ToListAsync());
        Assert.Equal([1L, 2L, 2L], downloads.Select(d => d.UpToSequence));
        Assert.Equal([true, true, false], downloads.Select(d => d.OnlyNew));
        Assert.All(downloads, d => Assert.Equal("xlsx", d.Format));
        Assert.Equal(2, (await Exports.GetDownloadStateAsync(_partnerId, By)).Last!.UpToSequence);

        // Nothing new since: the file has its headers and no row.
        Assert.Empty(Rows(await XlsxAsync(English, onlyNew: true), "Scans"));
    }

    [Fact]
    public async Task TheCsvOfACategoryIsUtf8WithABomAndSemicolons()
    {
        await _db.AddAttendeeAsync(_eventId, "B-001", "zoe@example.com", "Zoé", "D'Arc; Jr");
        await _db.Scans.RecordAsync(new ScanSource(_eventId, _partnerId, null), [Scan("B-001", _db.Time.GetUtcNow())]);

        using var stream = new MemoryStream();
        var export = (await Exports.PrepareAsync(_partnerId, By, onlyNew: false))!;
        await Exports.WriteCsvAsync(export, LeadCategory.Scans, stream, k => French[k]);
        var bytes = stream.ToArray();
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith("N° de lead;Prénom;Nom;Société;E-mail;Consentement;", lines[0], StringComparison.Ordinal);
        Assert.Equal("1;Zoé;\"D'Arc; Jr\";Analytical Engines;zoe@example.com;Badge scanné;2026-11-23 10:00;staff@acme.example;2026-11-23 10:00;2026-11-23 10:00;1;Non qualifié;Nouveau;;;;;", lines[1]);
        Assert.Equal(2, lines.Length);
        Assert.Equal("csv:scans", (await _db.QueryAsync(db => db.LeadDownloads.SingleAsync())).Format);
    }

    [Fact]
    public void EveryTextTheExportAsksForExistsInBothLanguages()
    {
        Assert.Empty(LeadExportService.TextKeys.Except(English.Keys));
        Assert.Empty(LeadExportService.TextKeys.Except(French.Keys));
    }

    [Fact]
    public async Task AnUnknownPartnerHasNoExport()
    {
        Assert.Null(await Exports.PrepareAsync(Guid.NewGuid(), By, onlyNew: false));
    }

    private static ScanInput Scan(string badge, DateTimeOffset at) =>
        new(Guid.CreateVersion7().ToString(), badge, at.ToString("O"), "staff@acme.example", null);

    private async Task CaptureAsync(Guid personId, LeadSources source, LeadConsent consent, Action<PartnerSpace.Domain.Data.PartnerSpaceDbContext> add)
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var lead = await LeadBook.CaptureAsync(db, _partnerId, personId, source, _db.Time.GetUtcNow());
        if (consent != LeadConsent.None)
        {
            LeadBook.Consent(lead, consent, _db.Time.GetUtcNow());
        }

        add(db);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }

    private async Task<MemoryStream> XlsxAsync(Dictionary<string, string> texts, bool onlyNew = false, string by = By)
    {
        var export = (await Exports.PrepareAsync(_partnerId, by, onlyNew))!;
        var stream = new MemoryStream();
        await Exports.WriteXlsxAsync(export, stream, k => texts[k]);
        stream.Position = 0;
        return stream;
    }

    private async Task<string> CsvAsync(LeadCategory category, Dictionary<string, string> texts)
    {
        var export = (await Exports.PrepareAsync(_partnerId, By, onlyNew: false))!;
        using var stream = new MemoryStream();
        await Exports.WriteCsvAsync(export, category, stream, k => texts[k]);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static List<string> Headers(MemoryStream file, string sheet)
    {
        file.Position = 0;
        var first = (IDictionary<string, object?>)file.Query(sheetName: sheet).First();
        return [.. first.Values.Select(v => (string)v!)];
    }

    private static List<IDictionary<string, object?>> Rows(MemoryStream file, string sheet)
    {
        file.Position = 0;
        return [.. file.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>()];
    }

    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(Repository.PathOf("PartnerSpace.Web", "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
}
