using System.Text;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Discounts;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.11")]
public sealed class DiscountServiceTests : IAsyncLifetime
{
    private const string Header = "ticket_reference,order_reference,code,buyer_name,buyer_email,attendee_name,attendee_email,ticket_type,price,discount,purchased_at,checked_in_at\n";
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _organizerId;
    private Guid _acmeId;
    private Guid _otherId;
    private Viewer _acmeAdmin = null!;

    private DiscountService Discounts => new(_db.Factory, _db.Access, _db.Live, _db.Time);

    private PurchaseImportService Importer => new(_db.Factory, Discounts, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _organizerId = (await _db.AddOrganizerAsync(_eventId, "nadia@organizer.example")).Id;
        _acmeId = (await _db.AddPartnerAsync(_eventId)).Id;
        _otherId = (await _db.AddPartnerAsync(_eventId, "Nordlys")).Id;
        _acmeAdmin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _acmeId, MemberRole.Administrator, "admin@acme.example")).Id);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private DiscountCodeDraft Draft(string code = "ACME20", Guid? partnerId = null) =>
        new(partnerId ?? _acmeId, code, DiscountKind.Percent, 20, 50, null, null);

    private Task<ImportPreview<PurchaseImportRow>> PreviewAsync(string csv) =>
        Importer.PreviewAsync(_organizerId, _eventId, new MemoryStream(Encoding.UTF8.GetBytes(csv)), excel: false);

    private async Task<Result<ImportResult>> ImportAsync(string csv) => await Importer.ImportAsync(_organizerId, _eventId, await PreviewAsync(csv));

    [Fact]
    public async Task ACodeIsUpperCasedAndBadDraftsGetFieldErrors()
    {
        var created = await Discounts.CreateAsync(_organizerId, _eventId, Draft(" acme-20_vip "));
        var bad = await Discounts.CreateAsync(_organizerId, _eventId, new DiscountCodeDraft(Guid.NewGuid(), "no spaces!", DiscountKind.Percent, 120, 0, _db.Time.GetUtcNow(), _db.Time.GetUtcNow().AddDays(-1)));
        var zeroAmount = await Discounts.CreateAsync(_organizerId, _eventId, Draft("FREE") with { Kind = DiscountKind.Amount, Value = 0 });

        Assert.True(created.IsSuccess);
        Assert.Equal("ACME-20_VIP", (await Discounts.ListAsync(_organizerId, _eventId)).Value!.Single().Code);
        Assert.Equal(["code", "partnerId", "quota", "validUntil", "value"], bad.Error!.Fields!.Keys.Order());
        Assert.Equal(["value"], zeroAmount.Error!.Fields!.Keys);
    }

    [Fact]
    public async Task ACodeIsUniquePerEventWhateverItsCase()
    {
        await Discounts.CreateAsync(_organizerId, _eventId, Draft("ACME20"));

        var again = await Discounts.CreateAsync(_organizerId, _eventId, Draft("acme20", _otherId));
        var stranger = await Discounts.CreateAsync((await _db.AddOrganizerAsync((await _db.AddEventAsync()).Id, "x@o.example")).Id, _eventId, Draft("OTHER"));

        Assert.Equal("This code is already used in this event.", again.Error!.Fields!["code"][0]);
        Assert.Equal(ErrorKind.Forbidden, stranger.Error!.Kind);
    }

    [Fact]
    public async Task AStaleEditIsRefused()
    {
        var id = (await Discounts.CreateAsync(_organizerId, _eventId, Draft())).Value;
        Assert.True((await Discounts.UpdateAsync(_organizerId, id, Draft() with { Value = 30 })).IsSuccess);

        var stale = await Discounts.UpdateAsync(_organizerId, id, Draft() with { Value = 40 });

        Assert.Equal(ErrorKind.Conflict, stale.Error!.Kind);
    }

    [Fact]
    public async Task PreviewSaysWhatEachRowWillDoAndNothingIsWritten()
    {
        await Discounts.CreateAsync(_organizerId, _eventId, Draft());
        var csv = Header
            + "T-1,O-1,acme20,Ada Buyer,ada@buy.example,Alan Turing,alan@x.example,Standard,\"79,00 €\",20.00,23/11/2026 10:15,\n"
            + "T-2,O-2,SPRING,Bob Buyer,,,,Standard,99,0,2026-11-20 09:00,\n"
            + "T-3,O-3,,Cy Buyer,not-an-email,,,,abc,,yesterday,\n"
            + "T-1,O-4,,Dup Buyer,,,,,,,2026-11-20 09:00,\n";

        var preview = await PreviewAsync(csv);

        Assert.False(preview.CanImport);
        var rows = preview.Rows;
        Assert.Equal(ImportStatus.New, rows[0].Status);
        Assert.Equal("ACME20", rows[0].Code);
        Assert.Equal("Acme", rows[0].PartnerName);
        Assert.Equal(7900, rows[0].PriceCents);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 15, 0, TimeSpan.Zero), rows[0].PurchasedAt);
        Assert.Equal("Alan Turing", rows[0].AttendeeName);
        Assert.True(rows[1].IsValid);
        Assert.Equal("UnknownCode", Assert.Single(rows[1].Warnings).Code);
        Assert.Equal("Bob Buyer", rows[1].AttendeeName);
        Assert.Equal(["InvalidEmail", "InvalidAmount", "InvalidTime"], rows[2].Errors.Select(e => e.Code));
        Assert.Equal("Repeated", Assert.Single(rows[3].Errors).Code);
        Assert.Equal(0, await _db.QueryAsync(db => Task.FromResult(db.TicketPurchases.Count())));
    }

    [Fact]
    public async Task AFileWithARowInErrorImportsNothing()
    {
        var preview = await PreviewAsync(Header + "T-1,,,Ada,,,,,10,,2026-11-20 09:00,\nT-2,,,,,,,,10,,2026-11-20 09:00,\n");

        var result = await Importer.ImportAsync(_organizerId, _eventId, preview);

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Equal(0, await _db.QueryAsync(db => Task.FromResult(db.TicketPurchases.Count())));
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task ReImportingATicketUpdatesItsCheckInAndTellsThePartner()
    {
        await Discounts.CreateAsync(_organizerId, _eventId, Draft());
        var told = 0;
        using var _ = _db.Live.Subscribe(Topics.Partner(_acmeId), e =>
        {
            told += e is DiscountUsageChanged ? 1 : 0;
            return Task.CompletedTask;
        });
        await ImportAsync(Header + "T-1,O-1,ACME20,Ada,,,,,80,20,2026-11-20 09:00,\nT-2,O-1,ACME20,Ada,,Bob,,,80,20,2026-11-20 09:00,\n");

        var again = await PreviewAsync(Header + "T-1,O-1,ACME20,Ada,,,,,80,20,2026-11-20 09:00,2026-11-23 09:05\nT-2,O-1,ACME20,Ada,,Bob,,,80,20,2026-11-20 09:00,\n");
        var result = await Importer.ImportAsync(_organizerId, _eventId, again);

        Assert.Equal([ImportStatus.Updated, ImportStatus.Unchanged], again.Rows.Select(r => r.Status));
        Assert.Equal(new ImportResult(0, 1, 1), result.Value);
        Assert.Equal(2, told);
        var usage = (await Discounts.GetUsageAsync(_acmeAdmin, _acmeId)).Value!;
        Assert.Equal(new UsageTotals(2, 16000, 4000, 1), usage.Totals);
        Assert.Equal(2, await _db.QueryAsync(db => Task.FromResult(db.TicketPurchases.Count())));
    }

    [Fact]
    public async Task TicketsWithAnUnknownCodeBecomeItsUseWhenTheCodeIsCreated()
    {
        await ImportAsync(Header + "T-1,,LATE,Ada,,,,,50,10,2026-11-20 09:00,\n");
        Assert.Equal(1, (await Discounts.GetStatsAsync(_organizerId, _eventId)).Value!.UnknownCode);

        var id = (await Discounts.CreateAsync(_organizerId, _eventId, Draft("late"))).Value;
        var linked = (await Discounts.GetUsageAsync(_acmeAdmin, _acmeId)).Value!;
        await Discounts.DeleteAsync(_organizerId, id);

        Assert.Equal("T-1", Assert.Single(Assert.Single(linked.Codes).Purchases).TicketReference);
        Assert.Equal(new PurchaseStats(1, 0, 1), (await Discounts.GetStatsAsync(_organizerId, _eventId)).Value);
    }

    [Fact]
    public async Task APartnerSeesOnlyItsCodesUseWithTotalsPerCode()
    {
        await Discounts.CreateAsync(_organizerId, _eventId, Draft("ACME20"));
        await Discounts.CreateAsync(_organizerId, _eventId, Draft("ACMEVIP"));
        await Discounts.CreateAsync(_organizerId, _eventId, Draft("NORD", _otherId));
        await ImportAsync(Header
            + "T-1,,ACME20,Ada,,,,,80,20,2026-11-20 09:00,2026-11-23 09:05\n"
            + "T-2,,ACME20,Bob,,,,,80,20,2026-11-21 09:00,\n"
            + "T-3,,NORD,Cy,,,,,70,30,2026-11-21 09:00,\n");

        var usage = (await Discounts.GetUsageAsync(_acmeAdmin, _acmeId)).Value!;
        var refused = await Discounts.GetUsageAsync(_acmeAdmin, _otherId);

        Assert.Equal(["ACME20", "ACMEVIP"], usage.Codes.Select(c => c.Code.Code));
        Assert.Equal(new UsageTotals(2, 16000, 4000, 1), usage.Codes[0].Totals);
        Assert.Equal(2, usage.Codes[0].Code.Used);
        Assert.Empty(usage.Codes[1].Purchases);
        Assert.Equal(ErrorKind.Forbidden, refused.Error!.Kind);
    }

    [Theory]
    [InlineData("49.90", 4990)]
    [InlineData("49,90 €", 4990)]
    [InlineData("1 234,50", 123450)]
    [InlineData("1,234.50", 123450)]
    [InlineData("EUR 12", 1200)]
    [InlineData("-5", null)]
    [InlineData("free", null)]
    public void AmountsAreReadAsPeopleWriteThem(string text, int? cents) => Assert.Equal(cents, PurchaseImportService.ParseCents(text));

    [Theory]
    [InlineData("2026-11-23T10:15:00+01:00", "2026-11-23T09:15:00Z")]
    [InlineData("2026-11-23T09:15:00Z", "2026-11-23T09:15:00Z")]
    [InlineData("2026-11-23 10:15", "2026-11-23T09:15:00Z")]
    [InlineData("23/11/2026 10:15", "2026-11-23T09:15:00Z")]
    [InlineData("2026-07-01 10:00:00", "2026-07-01T08:00:00Z")]
    public void TimesWithoutOffsetAreInTheEventsZone(string text, string utc)
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), PurchaseImportService.ParseTime(text, paris));
    }
}
