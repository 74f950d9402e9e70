using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Offers;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.4")]
public sealed class OfferServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _partnerId;
    private Viewer _admin = null!;

    private OfferService Offers => new(_db.Factory, _db.Access, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _partnerId = (await _db.AddPartnerAsync(_eventId)).Id;
        _admin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.Administrator, "admin@acme.example")).Id);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task<OfferRow> CreateAsync(string title, bool visible = true) =>
        (await Offers.CreateAsync(_admin, _partnerId, new OfferDraft(title, null, null, visible))).Value!;

    private async Task<IReadOnlyList<string>> TitlesAsync() => [.. (await Offers.ListAsync(_admin, _partnerId)).Value!.Select(o => o.Title)];

    [Fact]
    public async Task CreatedOffersComeBackInOrderTrimmedAndTellOpenScreens()
    {
        var events = new List<LiveEvent>();
        using var _ = _db.Live.Subscribe(Topics.Partner(_partnerId), e => { events.Add(e); return Task.CompletedTask; });

        var first = await Offers.CreateAsync(_admin, _partnerId, new OfferDraft("  Show discount  ", "  20 % off  ", " https://acme.example/offer ", true));
        await CreateAsync("Free audit", visible: false);

        Assert.True(first.IsSuccess, first.Error?.Message);
        var list = (await Offers.ListAsync(_admin, _partnerId)).Value!;
        Assert.Equal(["Show discount", "Free audit"], list.Select(o => o.Title));
        Assert.Equal([0, 1], list.Select(o => o.Position));
        Assert.Equal("20 % off", list[0].Description);
        Assert.Equal("https://acme.example/offer", list[0].Link);
        Assert.False(list[1].IsVisible);
        Assert.Equal(2, events.OfType<OffersChanged>().Count(e => e.PartnerId == _partnerId && e.EventId == _eventId));
    }

    [Theory]
    [InlineData("", null, null, "title")]
    [InlineData("   ", null, null, "title")]
    [InlineData("Title", null, "acme.example", "link")]
    [InlineData("Title", null, "javascript:alert(1)", "link")]
    [InlineData("Title", null, "ftp://acme.example/file", "link")]
    [InlineData("Title", null, "/relative/path", "link")]
    public async Task InvalidDraftsAreRefusedByFieldAndNothingIsStored(string title, string? description, string? link, string field)
    {
        var result = await Offers.CreateAsync(_admin, _partnerId, new OfferDraft(title, description, link, true));

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Contains(field, result.Error.Fields!.Keys);
        Assert.Empty(await TitlesAsync());
    }

    [Fact]
    public async Task LengthsAreCheckedAtTheLimits()
    {
        Assert.True((await Offers.CreateAsync(_admin, _partnerId, new OfferDraft(new string('t', Offer.TitleMaxLength), new string('d', Offer.DescriptionMaxLength), null, true))).IsSuccess);

        var tooLong = await Offers.CreateAsync(_admin, _partnerId, new OfferDraft(new string('t', Offer.TitleMaxLength + 1), new string('d', Offer.DescriptionMaxLength + 1), "https://acme.example/" + new string('x', Offer.LinkMaxLength), true));

        Assert.Equal(["description", "link", "title"], tooLong.Error!.Fields!.Keys.Order());
    }

    [Fact]
    public async Task AnEditOverAStaleVersionIsAConflictAndKeepsTheOtherEdit()
    {
        var offer = await CreateAsync("Demo");
        var saved = await Offers.EditAsync(_admin, _partnerId, offer.Id, offer.Version, new OfferDraft("Live demo", "Every hour", null, true));
        Assert.Equal(offer.Version + 1, saved.Value!.Version);

        var stale = await Offers.EditAsync(_admin, _partnerId, offer.Id, offer.Version, new OfferDraft("Other title", null, null, false));

        Assert.Equal(ErrorKind.Conflict, stale.Error!.Kind);
        Assert.Equal(["Live demo"], await TitlesAsync());
    }

    [Fact]
    public async Task TheSwitchHidesAnOfferAndKeepsItsTexts()
    {
        var offer = (await Offers.CreateAsync(_admin, _partnerId, new OfferDraft("Discount", "Texts stay", "https://acme.example", true))).Value!;

        var hidden = await Offers.SetVisibleAsync(_admin, _partnerId, offer.Id, offer.Version, false);

        Assert.False(hidden.Value!.IsVisible);
        Assert.Equal(("Discount", "Texts stay", "https://acme.example"), (hidden.Value.Title, hidden.Value.Description, hidden.Value.Link));
        Assert.Equal(ErrorKind.Conflict, (await Offers.SetVisibleAsync(_admin, _partnerId, offer.Id, offer.Version, true)).Error!.Kind);
    }

    [Fact]
    public async Task ReorderPutsTheOffersInTheGivenOrder()
    {
        var a = await CreateAsync("A");
        var b = await CreateAsync("B");
        var c = await CreateAsync("C");

        var result = await Offers.ReorderAsync(_admin, _partnerId, [c.Id, a.Id, b.Id]);

        Assert.Equal(["C", "A", "B"], result.Value!.Select(o => o.Title));
        Assert.Equal(["C", "A", "B"], await TitlesAsync());
        Assert.Equal([0, 1, 2], (await Offers.ListAsync(_admin, _partnerId)).Value!.Select(o => o.Position));
    }

    [Fact]
    public async Task AReorderMadeFromAStaleListIsRefusedAndChangesNothing()
    {
        var a = await CreateAsync("A");
        var b = await CreateAsync("B");
        await CreateAsync("Added meanwhile");

        Assert.Equal(ErrorKind.Conflict, (await Offers.ReorderAsync(_admin, _partnerId, [b.Id, a.Id])).Error!.Kind);
        Assert.Equal(ErrorKind.Conflict, (await Offers.ReorderAsync(_admin, _partnerId, [b.Id, a.Id, a.Id])).Error!.Kind);
        Assert.Equal(["A", "B", "Added meanwhile"], await TitlesAsync());
    }

    [Fact]
    public async Task DeletingClosesTheGapAndASecondDeleteSaysItIsGone()
    {
        await CreateAsync("A");
        var b = await CreateAsync("B");
        await CreateAsync("C");

        Assert.True((await Offers.DeleteAsync(_admin, _partnerId, b.Id)).IsSuccess);

        var list = (await Offers.ListAsync(_admin, _partnerId)).Value!;
        Assert.Equal(["A", "C"], list.Select(o => o.Title));
        Assert.Equal([0, 1], list.Select(o => o.Position));
        Assert.Equal(ErrorKind.NotFound, (await Offers.DeleteAsync(_admin, _partnerId, b.Id)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Offers.EditAsync(_admin, _partnerId, b.Id, 0, new OfferDraft("B", null, null, true))).Error!.Kind);
    }

    [Fact]
    public async Task OnlyTheAdministratorsAndOrganizersOfThePartnerMayTouchItsOffers()
    {
        var offer = await CreateAsync("Mine");
        var other = await _db.AddPartnerAsync(_eventId, "Other");
        var otherAdmin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, other.Id, MemberRole.Administrator, "admin@other.example")).Id);
        var sales = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.SalesContact, "sales@acme.example")).Id);
        var organizer = new Viewer(ViewerKind.Organizer, (await _db.AddOrganizerAsync(_eventId, "organizer@show.example")).Id);

        foreach (var stranger in new[] { otherAdmin, sales })
        {
            Assert.Equal(ErrorKind.Forbidden, (await Offers.ListAsync(stranger, _partnerId)).Error!.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await Offers.CreateAsync(stranger, _partnerId, new OfferDraft("X", null, null, true))).Error!.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await Offers.EditAsync(stranger, _partnerId, offer.Id, offer.Version, new OfferDraft("X", null, null, true))).Error!.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await Offers.SetVisibleAsync(stranger, _partnerId, offer.Id, offer.Version, false)).Error!.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await Offers.ReorderAsync(stranger, _partnerId, [offer.Id])).Error!.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await Offers.DeleteAsync(stranger, _partnerId, offer.Id)).Error!.Kind);
        }

        // An offer is reached only through its own partner.
        Assert.Equal(ErrorKind.NotFound, (await Offers.DeleteAsync(otherAdmin, other.Id, offer.Id)).Error!.Kind);
        Assert.True((await Offers.CreateAsync(organizer, _partnerId, new OfferDraft("By the organizer", null, null, true))).IsSuccess);
        Assert.Equal(["Mine", "By the organizer"], await TitlesAsync());
    }

    [Fact]
    public async Task APartnerHasAtMostTheMaximumNumberOfOffers()
    {
        for (var i = 0; i < OfferService.MaxOffers; i++)
        {
            await CreateAsync($"Offer {i}");
        }

        var result = await Offers.CreateAsync(_admin, _partnerId, new OfferDraft("One too many", null, null, true));

        Assert.Equal(ErrorKind.Conflict, result.Error!.Kind);
        Assert.Equal(OfferService.MaxOffers, (await TitlesAsync()).Count);
    }
}
