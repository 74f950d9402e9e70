using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-1.1")]
[Trait("Spec", "S-3.1")]
public sealed class AttendeeImportServiceTests : IAsyncLifetime
{
    private const string Header = "email,first_name,last_name,company,badge_code,ticket,language\n";
    private const string GoodRow = "ok@example.org,Ok,Row,,OK-1,,\n";

    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _organizerId;

    private AttendeeImportService Import => new(_db.Factory, new AttendeeService(_db.Factory, _db.Live, _db.Time), _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _organizerId = (await _db.AddOrganizerAsync(_eventId, "org@show.example")).Id;
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private static MemoryStream Csv(string text, Encoding? encoding = null) => new((encoding ?? Encoding.UTF8).GetBytes(text));

    private Task<ImportPreview<AttendeeImportRow>> PreviewAsync(string csv) => Import.PreviewAsync(_organizerId, _eventId, Csv(csv), excel: false);

    private Task<(int People, int Attendees)> CountsAsync() =>
        _db.QueryAsync(async db => (await db.People.CountAsync(), await db.Attendees.CountAsync()));

    [Fact]
    public async Task ValidFileIsPreviewedWithEachRowsStatusThenImportedWhole()
    {
        var partner = await _db.AddPartnerAsync(_eventId);
        await _db.AddMemberAsync(_eventId, partner.Id, MemberRole.SalesContact, "sam@acme.example");
        await _db.AddAttendeeAsync(_eventId, "B-3", "grace@example.org");

        var preview = await PreviewAsync(Header
            + "Ana@Example.org,Ana,Lopez,Globex,B-1,VIP,en\n"
            + "sam@acme.example,Sam,Seller,Acme,B-2,Exhibitor,\n"
            + "grace@example.org,Grace,Hopper,,B-3,Visitor,\n");
        var result = await Import.ImportAsync(_organizerId, _eventId, preview);

        Assert.True(preview.CanImport);
        Assert.Equal([ImportStatus.New, ImportStatus.Updated, ImportStatus.Unchanged], preview.Rows.Select(r => r.Status));
        Assert.Equal([2, 3, 4], preview.Rows.Select(r => r.Row));
        Assert.Equal(new ImportResult(1, 1, 1), result.Value);
        Assert.Equal((3, 3), await CountsAsync());
        var ana = await _db.QueryAsync(db => db.Attendees.Include(a => a.Person).SingleAsync(a => a.BadgeCode == "B-1"));
        Assert.Equal(("ana@example.org", "Globex", "en", "VIP"), (ana.Person!.Email, ana.Person.Company, ana.Person.Language, ana.Ticket));
    }

    [Theory]
    [InlineData(",No,Mail,,B-9,,", "Missing")]
    [InlineData("not-an-email,Bad,Mail,,B-9,,", "InvalidEmail")]
    [InlineData("OK@example.org,Same,Mail,,B-9,,", "Repeated")]
    [InlineData("other@example.org,Same,Badge,,OK-1,,", "Repeated")]
    [InlineData("other@example.org,No,Badge,,,,", "Missing")]
    [InlineData("other@example.org,,Nofirst,,B-9,,", "Missing")]
    [InlineData("other@example.org,Taken,Badge,,TAKEN-1,,", "BadgeTaken")]
    [InlineData("grace@example.org,Grace,Hopper,,B-9,,", "RegisteredWithOtherBadge")]
    [InlineData("other@example.org,Bad,Language,,B-9,,de", "LanguageInvalid")]
    public async Task EachKindOfBadRowIsNamed(string badRow, string code)
    {
        await _db.AddAttendeeAsync(_eventId, "TAKEN-1", "grace@example.org");

        var preview = await PreviewAsync(Header + GoodRow + badRow + "\n");

        Assert.False(preview.CanImport);
        Assert.True(preview.Rows[0].IsValid);
        Assert.Equal(3, preview.Rows[1].Row);
        Assert.Equal([code], preview.Rows[1].Errors.Select(e => e.Code));
    }

    [Theory]
    [InlineData(1, 81, 0, 1, 0)]
    [InlineData(3, 1, 121, 1, 0)]
    [InlineData(4, 1, 1, 65, 0)]
    [InlineData(5, 1, 1, 1, 61)]
    public async Task TooLongValuesAreNamedWithTheirLimit(int column, int first, int company, int badge, int ticket)
    {
        var row = $"long@example.org,{new string('f', first)},Last,{new string('c', company)},{new string('b', badge)},{new string('t', ticket)},";

        var preview = await PreviewAsync(Header + row + "\n");

        var error = Assert.Single(preview.Rows[0].Errors);
        Assert.Equal("TooLong", error.Code);
        Assert.Equal(Header.TrimEnd().Split(',')[column], error.Args[0]);
    }

    [Fact]
    public async Task RepeatsNameTheRowTheyRepeat()
    {
        var preview = await PreviewAsync(Header + GoodRow + "second@example.org,Two,Row,,B-2,,\n" + "ok@example.org,Three,Row,,B-2,,\n");

        Assert.Equal(["same email as row 2", "same badge_code as row 3"], preview.Rows[2].Errors.Select(e => e.Message));
    }

    [Fact]
    public async Task NothingIsWrittenWhenOneRowIsBad()
    {
        var preview = await PreviewAsync(Header + GoodRow + "second@example.org,Two,Row,,B-2,,\n" + "broken,Three,Row,,B-3,,\n");

        var result = await Import.ImportAsync(_organizerId, _eventId, preview);

        Assert.Equal(2, preview.Count(ImportStatus.New));
        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Fact]
    public async Task AnImportThatMeetsAChangeSincePreviewWritesNothing()
    {
        var preview = await PreviewAsync(Header + GoodRow + "late@example.org,Late,Comer,,B-2,,\n");
        await _db.AddAttendeeAsync(_eventId, "B-2", "someone@example.org");

        var result = await Import.ImportAsync(_organizerId, _eventId, preview);

        Assert.Equal("changed", result.Error!.Code);
        Assert.Equal((1, 1), await CountsAsync());
    }

    [Fact]
    public async Task FrenchHeadersMatchWhateverTheirCaseAndAccentsInASemicolonWindowsFile()
    {
        var csv = "Courriel;PRÉNOM;Nom;Société;Code badge;Billet;Langue\r\nzoe@example.org;Zoé;Lefèvre;Œuvres & Cie;FR-1;Visiteur;Français\r\n";

        var preview = await Import.PreviewAsync(_organizerId, _eventId, Csv(csv, CodePagesEncodingProvider.Instance.GetEncoding(1252)), excel: false);

        var row = Assert.Single(preview.Rows);
        Assert.True(row.IsValid, string.Join("; ", row.Errors.Select(e => e.Message)));
        Assert.Equal(("Zoé", "Lefèvre", "Œuvres & Cie", "FR-1", "Visiteur", "fr"), (row.FirstName, row.LastName, row.Company, row.BadgeCode, row.Ticket, row.Language));
    }

    [Fact]
    public async Task ExcelFileIsImported()
    {
        using var xlsx = new MemoryStream();
        await MiniExcel.SaveAsAsync(xlsx, new[]
        {
            new Dictionary<string, object> { ["E-mail"] = "xl@example.org", ["First name"] = "Excel", ["Last name"] = "Sheet", ["Badge"] = 1042, ["Language"] = "EN" },
        }, excelType: ExcelType.XLSX);
        xlsx.Position = 0;

        var preview = await Import.PreviewAsync(_organizerId, _eventId, xlsx, excel: true);
        var result = await Import.ImportAsync(_organizerId, _eventId, preview);

        Assert.Equal(("1042", "en"), (preview.Rows[0].BadgeCode, preview.Rows[0].Language));
        Assert.Equal(new ImportResult(1, 0, 0), result.Value);
    }

    [Fact]
    public async Task AFileOfMoreThanTenThousandRowsIsRefusedSayingSo()
    {
        var csv = new StringBuilder(Header);
        for (var i = 0; i <= AttendeeImportService.MaxRows; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"p{i}@example.org,P,{i},,B-{i},,\n");
        }

        var preview = await PreviewAsync(csv.ToString());

        Assert.Empty(preview.Rows);
        Assert.Equal("A file holds at most 10,000 rows.", preview.FileError!.Message);
    }

    [Theory]
    [InlineData("email,name\nana@example.org,Ana\n", "MissingColumns")]
    [InlineData(Header, "NoRows")]
    [InlineData("", "MissingColumns")]
    public async Task AFileThatCannotBeImportedAtAllSaysWhy(string csv, string code)
    {
        var preview = await PreviewAsync(csv);

        Assert.False(preview.CanImport);
        Assert.Equal(code, preview.FileError!.Code);
    }

    [Fact]
    public async Task MissingColumnsAreNamed()
    {
        var preview = await PreviewAsync("email,name\nana@example.org,Ana\n");

        Assert.Equal(
            "The header row needs the columns email, first_name, last_name, badge_code (optional: company, ticket, language); missing: first_name, last_name, badge_code.",
            preview.FileError!.Message);
    }

    [Fact]
    public async Task ScansMadeBeforeTheImportBecomeLeads()
    {
        var partner = await _db.AddPartnerAsync(_eventId);
        var at = _db.Time.GetUtcNow().AddMinutes(-5).ToString("O");
        await _db.Scans.RecordAsync(new ScanSource(_eventId, partner.Id, null), [new(Guid.CreateVersion7().ToString(), "EARLY-1", at, "a@acme.example", null)]);

        var preview = await PreviewAsync(Header + "early@example.org,Early,Bird,,EARLY-1,,\n");
        await Import.ImportAsync(_organizerId, _eventId, preview);

        Assert.Equal(new LeadCounters(1, 1, 0), await _db.Leads.GetCountersAsync(partner.Id));
    }

    [Fact]
    public async Task OnlyTheEventsOrganizersImport()
    {
        var other = await _db.AddEventAsync();
        var stranger = await _db.AddOrganizerAsync(other.Id, "other@show.example");
        var good = await PreviewAsync(Header + GoodRow);

        var preview = await Import.PreviewAsync(stranger.Id, _eventId, Csv(Header + GoodRow), excel: false);
        var result = await Import.ImportAsync(stranger.Id, _eventId, good);

        Assert.Equal("Forbidden", preview.FileError!.Code);
        Assert.Equal(ErrorKind.Forbidden, result.Error!.Kind);
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Fact]
    public void TemplateHasTheExpectedColumns() =>
        Assert.Equal("email,first_name,last_name,company,badge_code,ticket,language\r\n", AttendeeImportService.TemplateCsv());
}
