using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Files;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Offers;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Domain.Public;
using PartnerSpace.Domain.Sessions;
using PartnerSpace.Tests.Support;
using FieldType = PartnerSpace.Domain.Forms.FieldType;

namespace PartnerSpace.Tests.Domain;

/// <summary>The public directory and partner pages: public data only, never a test partner (S-2.2, S-2.4, S-1.1).</summary>
[Trait("Spec", "S-2.2")]
[Trait("Spec", "S-2.4")]
public sealed class DirectoryServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Event _event = null!;
    private Viewer _organizer = null!;

    private FormService Forms => new(_db.Factory, _db.Live, _db.Time);

    private DirectoryService Directory => new(_db.Factory, Forms);

    private PartnerProfileService Profiles => new(_db.Factory, _db.Access, Forms, _db.Files, _db.Live, _db.Time);

    private OfferService Offers => new(_db.Factory, _db.Access, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _event = await _db.AddEventAsync();
        _organizer = new Viewer(ViewerKind.Organizer, (await _db.AddOrganizerAsync(_event.Id, "organizer@show.example")).Id);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task<Partner> AddPartnerAsync(string name, string? category = "Gold", bool test = false)
    {
        var partner = new Partner(_event.Id, name, category, test, _db.Time.GetUtcNow());
        await _db.SaveAsync(partner);
        return partner;
    }

    private async Task DescribeAsync(Guid partnerId, string description, Guid? logo = null)
    {
        var profile = (await Profiles.GetAsync(_organizer, partnerId)).Value!;
        var answers = new Dictionary<Guid, string?> { [DirectoryService.DescriptionField(profile.Form)!.Id] = description };
        if (logo is { } id)
        {
            answers[DirectoryService.LogoField(profile.Form)!.Id] = id.ToString();
        }

        Assert.True((await Profiles.SaveAsync(_organizer, partnerId, profile.Version, answers)).IsSuccess);
    }

    private Task<Guid> StoreAsync(Guid partnerId, FilePurpose purpose) =>
        _db.Files.StoreAsync(_event.Id, partnerId, purpose, "file.png", FileKind.Png, SampleImages.Png);

    [Fact]
    [Trait("Spec", "S-1.1")]
    public async Task TheDirectoryListsTheEventsPartnersByNameWithDescriptionAndLogoButNoTestPartner()
    {
        var zeta = await AddPartnerAsync("Zeta Robotics", "Silver");
        var acme = await AddPartnerAsync("Acme");
        var test = await AddPartnerAsync("Test partner", "Test", test: true);
        var logo = await StoreAsync(acme.Id, FilePurpose.ProfileImage);
        await DescribeAsync(acme.Id, "Anvils and rockets", logo);
        await DescribeAsync(test.Id, "Secret test");
        var otherEvent = await _db.AddEventAsync();
        await _db.AddPartnerAsync(otherEvent.Id, "Elsewhere");

        var listing = (await Directory.ListAsync(_event.Slug))!;

        Assert.Equal(["Acme", "Zeta Robotics"], listing.Partners.Select(p => p.Name));
        Assert.Equal(2, listing.Total);
        Assert.Equal(["Gold", "Silver"], listing.Categories);
        Assert.Equal("Anvils and rockets", listing.Partners[0].Description);
        Assert.Equal(logo, listing.Partners[0].LogoFileId);
        Assert.Null(listing.Partners[1].Description);
        Assert.Null(listing.Partners[1].LogoFileId);
        Assert.Equal("zeta-robotics", listing.Partners[1].NameSlug);
        Assert.Null(await Directory.ListAsync("no-such-event"));
        Assert.Equal(zeta.Id, listing.Partners[1].Id);
    }

    [Fact]
    public async Task SearchIgnoresCaseAndAccentsAndLooksInDescriptionsAndTheCategoryFilters()
    {
        var nordlys = await AddPartnerAsync("Nordlys Énergie", "Gold");
        var bakery = await AddPartnerAsync("Boulangeries Martin", "Silver");
        await AddPartnerAsync("Helix Biotech", "Silver");
        await DescribeAsync(bakery.Id, "Robots that knead bread");

        Assert.Equal([nordlys.Id], (await Directory.ListAsync(_event.Slug, "energie"))!.Partners.Select(p => p.Id));
        Assert.Equal([bakery.Id], (await Directory.ListAsync(_event.Slug, "KNEAD"))!.Partners.Select(p => p.Id));
        Assert.Equal(["Boulangeries Martin", "Helix Biotech"], (await Directory.ListAsync(_event.Slug, category: "silver"))!.Partners.Select(p => p.Name));
        Assert.Empty((await Directory.ListAsync(_event.Slug, "robots", "Gold"))!.Partners);
        var none = (await Directory.ListAsync(_event.Slug, "nothing like this"))!;
        Assert.Empty(none.Partners);
        Assert.Equal(3, none.Total);
    }

    [Fact]
    [Trait("Spec", "S-1.1")]
    public async Task ATestPartnerAPartnerOfAnotherEventOrAnUnknownOneHasNoPublicPage()
    {
        var test = await AddPartnerAsync("Test partner", test: true);
        var acme = await AddPartnerAsync("Acme");
        var otherEvent = await _db.AddEventAsync();
        var elsewhere = await _db.AddPartnerAsync(otherEvent.Id, "Elsewhere");

        Assert.Null(await Directory.GetPartnerAsync(_event.Slug, test.Id));
        Assert.Null(await Directory.GetPartnerAsync(_event.Slug, elsewhere.Id));
        Assert.Null(await Directory.GetPartnerAsync(_event.Slug, Guid.NewGuid()));
        Assert.Null(await Directory.GetPartnerAsync("no-such-event", acme.Id));
        Assert.NotNull(await Directory.GetPartnerAsync(_event.Slug, acme.Id));
        Assert.Null((await Directory.GetLinkAsync(test.Id))!.Address);
        Assert.Equal($"/e/{_event.Slug}/partners/{acme.Id}/acme", (await Directory.GetLinkAsync(acme.Id))!.Address);
    }

    [Fact]
    public async Task OnlyVisibleOffersShowInTheirOrder()
    {
        var acme = await AddPartnerAsync("Acme");
        var first = (await Offers.CreateAsync(_organizer, acme.Id, new OfferDraft("First", "Shown", "https://acme.example", true))).Value!;
        await Offers.CreateAsync(_organizer, acme.Id, new OfferDraft("Hidden", null, null, false));
        var last = (await Offers.CreateAsync(_organizer, acme.Id, new OfferDraft("Last", null, null, true))).Value!;
        await Offers.ReorderAsync(_organizer, acme.Id, [last.Id, .. (await Offers.ListAsync(_organizer, acme.Id)).Value!.Where(o => o.Id != last.Id).Select(o => o.Id)]);

        var page = (await Directory.GetPartnerAsync(_event.Slug, acme.Id))!;

        Assert.Equal(["Last", "First"], page.Offers.Select(o => o.Title));
        Assert.Equal("https://acme.example", page.Offers[1].Link);
        Assert.Equal(first.Id, page.Offers[1].Id);
    }

    [Fact]
    public async Task TheProfileShowsPublicAnswersOnlyAndNeverAPrivateFileOrAnotherPartnersImage()
    {
        var acme = await AddPartnerAsync("Acme");
        var other = await AddPartnerAsync("Other");
        var description = FormField.New(FieldType.LongText, "Description", "Description");
        var logo = FormField.New(FieldType.Image, "Logo", "Logo");
        var brochure = FormField.New(FieldType.File, "Brochure", "Brochure");
        var email = FormField.New(FieldType.Email, "E-mail", "E-mail");
        var phone = FormField.New(FieldType.Phone, "Téléphone", "Phone");
        var sector = FormField.New(FieldType.SingleChoice, "Secteur", "Sector") with { Choices = [new("Énergie", "Energy"), new("Santé", "Health")] };
        var photo = FormField.New(FieldType.Image, "Photo du stand", "Stand photo");
        var removed = FormField.New(FieldType.Text, "Ancien", "Old");
        await Forms.SaveAsync(_event.Id, new FormDocument(FormKind.Profile, 0, [description, logo, brochure, email, phone, sector, photo, removed]), new Actor(_organizer.Id, "Organizer"));
        var profile = (await Profiles.GetAsync(_organizer, acme.Id)).Value!;
        var logoFile = await StoreAsync(acme.Id, FilePurpose.ProfileImage);
        var brochureFile = await StoreAsync(acme.Id, FilePurpose.FormFile);
        var othersImage = await StoreAsync(other.Id, FilePurpose.ProfileImage);
        await Profiles.SaveAsync(_organizer, acme.Id, profile.Version, new Dictionary<Guid, string?>
        {
            [description.Id] = "Anvils",
            [logo.Id] = logoFile.ToString(),
            [brochure.Id] = brochureFile.ToString(),
            [email.Id] = "sales@acme.example",
            [phone.Id] = "+33 1 23 45 67 89",
            [sector.Id] = "Santé",
            [photo.Id] = othersImage.ToString(),
            [removed.Id] = "Kept but hidden",
        });
        var form = (await Forms.GetAsync(_event.Id, FormKind.Profile)).Fields.Where(f => f.Id != removed.Id).ToList();
        await Forms.SaveAsync(_event.Id, new FormDocument(FormKind.Profile, 1, form), new Actor(_organizer.Id, "Organizer"));

        var page = (await Directory.GetPartnerAsync(_event.Slug, acme.Id))!;

        Assert.Equal("Anvils", page.Description);
        Assert.Equal(logoFile, page.LogoFileId);
        var shown = Assert.Single(page.Profile);
        Assert.Equal(sector.Id, shown.Field.Id);
        Assert.Equal("Health", Assert.Single(shown.Choices).En);
        Assert.DoesNotContain(brochureFile.ToString(), System.Text.Json.JsonSerializer.Serialize(page), StringComparison.Ordinal);
        Assert.DoesNotContain("sales@acme.example", System.Text.Json.JsonSerializer.Serialize(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SalesContactsAndHostedSessionsWithTheirSpeakersShow()
    {
        var acme = await AddPartnerAsync("Acme");
        var other = await AddPartnerAsync("Other");
        await _db.AddMemberAsync(_event.Id, acme.Id, MemberRole.Administrator, "admin@acme.example");
        var sales = await _db.AddMemberAsync(_event.Id, acme.Id, MemberRole.SalesContact, "sales@acme.example");
        var speaker = await _db.AddPersonAsync(_event.Id, "speaker@acme.example", "Grace", "Hopper");
        var now = _db.Time.GetUtcNow();
        var later = new Session(_event.Id, "Keynote", now.AddHours(5), now.AddHours(6), "Hall A", "Talk", now);
        var sooner = new Session(_event.Id, "Workshop", now.AddHours(1), now.AddHours(2), "Room 2", "Workshop", now);
        var notOurs = new Session(_event.Id, "Someone else's", now.AddHours(1), now.AddHours(2), null, null, now);
        foreach (var entity in new object[] { later, sooner, notOurs, new SessionHost(later.Id, acme.Id), new SessionHost(sooner.Id, acme.Id), new SessionHost(notOurs.Id, other.Id), new SessionSpeaker(later.Id, acme.Id, speaker.Id, 0) })
        {
            await _db.SaveAsync(entity);
        }

        var page = (await Directory.GetPartnerAsync(_event.Slug, acme.Id))!;

        var contact = Assert.Single(page.SalesContacts);
        Assert.Equal(sales.FullName, contact.Name);
        Assert.Equal("Analytical Engines", contact.Company);
        Assert.DoesNotContain("sales@acme.example", System.Text.Json.JsonSerializer.Serialize(page), StringComparison.Ordinal);
        Assert.Equal(["Workshop", "Keynote"], page.Sessions.Select(s => s.Title));
        Assert.Equal(["Grace Hopper"], page.Sessions[1].Speakers);
        Assert.Empty(page.Sessions[0].Speakers);
    }
}
