using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Documents;
using PartnerSpace.Domain.Home;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.6")]
public sealed class DocumentServiceTests : IAsyncLifetime
{
    private static readonly byte[] Pdf = MinimalPdf.Create("Floor plan", "Hall A, stand 12");
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _organizer;
    private Partner _acme = null!;
    private Partner _globex = null!;
    private Viewer _acmeAdmin = null!;

    private DocumentService Documents => new(_db.Factory, _db.Access, _db.Files, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _organizer = (await _db.AddOrganizerAsync(_eventId, "nadia@organizer.example")).Id;
        _acme = await _db.AddPartnerAsync(_eventId, "Acme");
        _globex = new Partner(_eventId, "Globex", "Silver", false, _db.Time.GetUtcNow());
        await _db.SaveAsync(_globex);
        _acmeAdmin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _acme.Id, MemberRole.Administrator, "admin@acme.example")).Id);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private static DocumentDraft Draft(string title, Audience? audience = null) =>
        DocumentDraft.New() with { Title = new LocalizedText(title, title), Audience = audience ?? Audience.All };

    private async Task<Guid> UploadAsync(string title, Audience? audience = null, byte[]? content = null)
    {
        var bytes = content ?? Pdf;
        var result = await Documents.UploadAsync(_organizer, _eventId, Draft(title, audience), title + ".pdf", bytes.Length, new MemoryStream(bytes));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private async Task<Guid> FileOfAsync(Guid documentId) =>
        await _db.QueryAsync(db => db.Documents.Where(d => d.Id == documentId).Select(d => d.FileId).SingleAsync());

    [Fact]
    public async Task AnUploadedDocumentReachesItsAudienceAsNotYetRead()
    {
        var documentId = await UploadAsync("Floor plan", Audience.OfCategories("Gold"));

        var acme = (await Documents.GetForPartnerAsync(_acmeAdmin, _acme.Id)).Value!;
        var globex = (await Documents.GetForPartnerAsync(new Viewer(ViewerKind.Organizer, _organizer), _globex.Id)).Value!;

        var item = Assert.Single(acme.NotYetRead);
        Assert.Equal((documentId, "Floor plan.pdf", "application/pdf", true), (item.DocumentId, item.FileName, item.ContentType, item.CanView));
        Assert.Empty(acme.Read);
        Assert.Empty(globex.NotYetRead);
        var stored = await _db.Files.GetAsync(item.FileId);
        Assert.Equal((PartnerSpace.Domain.Files.FilePurpose.Document, (Guid?)null, false), (stored!.Purpose, stored.PartnerId, stored.IsPublic));
    }

    [Fact]
    public async Task AFileThatIsNotWhatItsNameSaysOrTooLargeIsRefusedAndNothingIsShared()
    {
        var html = "<html><script>alert(1)</script></html>"u8.ToArray();

        var disguised = await Documents.UploadAsync(_organizer, _eventId, Draft("Rules"), "rules.pdf", html.Length, new MemoryStream(html));
        var huge = await Documents.UploadAsync(_organizer, _eventId, Draft("Video"), "video.zip", 26L * 1024 * 1024, new MemoryStream([0x50, 0x4B, 0x03, 0x04]));
        var untitled = await Documents.UploadAsync(_organizer, _eventId, Draft(""), "rules.pdf", Pdf.Length, new MemoryStream(Pdf));

        Assert.Equal(["Rules: rules.pdf is not a real PDF file."], disguised.Error!.Fields!["file"]);
        Assert.Equal(["Video: the file is 26.0 MB; the limit is 25 MB."], huge.Error!.Fields!["file"]);
        Assert.Contains("title", untitled.Error!.Fields!.Keys);
        Assert.False(await _db.QueryAsync(db => db.Files.AnyAsync()));
        Assert.Empty(await Documents.ListAsync(_organizer, _eventId));
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task APartnerMembersFirstOpeningMarksItReadOnceAndTellsOpenScreens()
    {
        var documentId = await UploadAsync("Floor plan");
        var fileId = await FileOfAsync(documentId);
        var events = new List<LiveEvent>();
        using var partnerTopic = _db.Live.Subscribe(Topics.Partner(_acme.Id), e => { lock (events) { events.Add(e); } return Task.CompletedTask; });
        using var eventTopic = _db.Live.Subscribe(Topics.Event(_eventId), e => { lock (events) { events.Add(e); } return Task.CompletedTask; });

        Assert.True(await Documents.OpenFileAsync(_acmeAdmin, fileId, _acme.Id));
        _db.Time.Advance(TimeSpan.FromHours(1));
        Assert.True(await Documents.OpenFileAsync(_acmeAdmin, fileId, _acme.Id));

        var list = (await Documents.GetForPartnerAsync(_acmeAdmin, _acme.Id)).Value!;
        var read = Assert.Single(list.Read);
        Assert.Equal((_db.Time.GetUtcNow().AddHours(-1), "Ada Lovelace"), (read.ReadAt!.Value, read.ReadByName));
        Assert.Single(events, e => e is DocumentReadByPartner);
        Assert.Single(events, e => e is DocumentsChanged);
        var board = await Documents.GetReadersAsync(_organizer, _eventId);
        Assert.Equal([("Globex", false), ("Acme", true)], board.Select(r => (r.PartnerName, r.ReadAt is not null)));
        Assert.Equal((2, 1), (Assert.Single(await Documents.ListAsync(_organizer, _eventId)).Assigned, (await Documents.ListAsync(_organizer, _eventId))[0].Read));
    }

    [Fact]
    public async Task AnOrganizerPreviewMarksNothingAndOutsidersMayNotOpen()
    {
        var documentId = await UploadAsync("Globex brief", Audience.OfPartners(_globex.Id));
        var fileId = await FileOfAsync(documentId);
        var otherOrganizer = await _db.AddOrganizerAsync((await _db.AddEventAsync()).Id, "other@organizer.example");
        var attendee = await _db.AddAttendeeAsync(_eventId, "B-1", "grace@attendee.example");

        Assert.True(await Documents.OpenFileAsync(new Viewer(ViewerKind.Organizer, _organizer), fileId, null));
        Assert.False(await Documents.OpenFileAsync(new Viewer(ViewerKind.Organizer, otherOrganizer.Id), fileId, null));
        Assert.False(await Documents.OpenFileAsync(_acmeAdmin, fileId, _acme.Id));
        Assert.False(await Documents.OpenFileAsync(new Viewer(ViewerKind.Person, attendee.PersonId), fileId, null));
        Assert.False(await Documents.OpenFileAsync(null, fileId, null));
        Assert.False(await _db.QueryAsync(db => db.DocumentReads.AnyAsync()));
    }

    [Fact]
    public async Task ReplacingTheFileMakesItUnreadAgainAndRemovesTheOldFile()
    {
        var documentId = await UploadAsync("Floor plan");
        var oldFile = await FileOfAsync(documentId);
        await Documents.OpenFileAsync(_acmeAdmin, oldFile, _acme.Id);
        var version = Assert.Single(await Documents.ListAsync(_organizer, _eventId)).Version;
        var newPdf = MinimalPdf.Create("Floor plan v2");

        var replaced = await Documents.ReplaceFileAsync(_organizer, documentId, version, "plan-v2.pdf", newPdf.Length, new MemoryStream(newPdf));
        var stale = await Documents.ReplaceFileAsync(_organizer, documentId, version, "plan-v3.pdf", newPdf.Length, new MemoryStream(newPdf));

        Assert.True(replaced.IsSuccess, replaced.Error?.Message);
        Assert.Equal(ErrorKind.Conflict, stale.Error!.Kind);
        Assert.Null(await _db.Files.GetAsync(oldFile));
        var item = Assert.Single((await Documents.GetForPartnerAsync(_acmeAdmin, _acme.Id)).Value!.NotYetRead);
        Assert.Equal("plan-v2.pdf", item.FileName);
        Assert.Equal(1, await _db.QueryAsync(db => db.Files.CountAsync()));
    }

    [Fact]
    public async Task AStaleEditIsAConflictAndDeletingRemovesTheFile()
    {
        var documentId = await UploadAsync("Rules");
        var loaded = Assert.Single(await Documents.ListAsync(_organizer, _eventId)).ToDraft();
        Assert.True((await Documents.UpdateAsync(_organizer, documentId, loaded with { Title = new LocalizedText("Règlement", "Rules 2027") })).IsSuccess);

        var stale = await Documents.UpdateAsync(_organizer, documentId, loaded with { Title = new LocalizedText("Vieux", "Old") });
        var fileId = await FileOfAsync(documentId);
        var deleted = await Documents.DeleteAsync(_organizer, documentId);

        Assert.Equal(ErrorKind.Conflict, stale.Error!.Kind);
        Assert.True(deleted.IsSuccess);
        Assert.Null(await _db.Files.GetAsync(fileId));
        Assert.Empty(await Documents.ListAsync(_organizer, _eventId));
    }

    [Fact]
    public async Task MovingReordersTheList()
    {
        var first = await UploadAsync("First");
        var second = await UploadAsync("Second");

        await Documents.MoveAsync(_organizer, second, 0);

        Assert.Equal([second, first], (await Documents.ListAsync(_organizer, _eventId)).Select(d => d.Id));
        Assert.Equal([second, first], (await Documents.GetForPartnerAsync(_acmeAdmin, _acme.Id)).Value!.NotYetRead.Select(d => d.DocumentId));
    }

    [Fact]
    [Trait("Spec", "S-2.1")]
    public async Task TheHomeCounterAndReadinessCountWhatIsLeftToRead()
    {
        var read = await UploadAsync("Read");
        await UploadAsync("Unread");
        await UploadAsync("Silver only", Audience.OfCategories("Silver"));
        await Documents.OpenFileAsync(_acmeAdmin, await FileOfAsync(read), null);
        var counter = new DocumentsToReadCounter(Documents);
        var readiness = new DocumentReadiness(Documents);

        Assert.Equal(HomeElement.DocumentsToReadCounter, counter.Element);
        Assert.Equal(1, await counter.CountAsync(_acme.Id));
        var all = await readiness.GetAsync(_eventId);
        Assert.Equal(new ReadinessItem(ReadinessArea.Documents, 1, 2), all[_acme.Id]);
        Assert.Equal(new ReadinessItem(ReadinessArea.Documents, 0, 3), all[_globex.Id]);
    }

    [Fact]
    public void TheMinimalPdfIsAValidPdfWithItsCrossReferenceTable()
    {
        var pdf = System.Text.Encoding.ASCII.GetString(MinimalPdf.Create("Plan (v2)", "Café"));

        Assert.StartsWith("%PDF-1.4", pdf, StringComparison.Ordinal);
        Assert.Contains("(Plan \\(v2\\)) Tj", pdf, StringComparison.Ordinal);
        Assert.Contains("(Cafe) Tj", pdf, StringComparison.Ordinal);
        var startxref = int.Parse(pdf[(pdf.LastIndexOf("startxref\n", StringComparison.Ordinal) + 10)..].Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("xref", pdf[startxref..], StringComparison.Ordinal);
    }
}
