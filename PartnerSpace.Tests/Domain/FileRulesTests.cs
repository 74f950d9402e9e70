using System.Globalization;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-1.4")]
public sealed class FileRulesTests : IAsyncLifetime
{
    private const long Mb = 1024 * 1024;
    private static readonly Actor Nadia = new(Guid.NewGuid(), "Nadia");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0, 1];
    private static readonly byte[] WebP = [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBPVP8 "u8];
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n%"u8];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0x06, 0];
    private static readonly byte[] Svg = [.. "<svg xmlns=\"http"u8];

    private readonly TestDatabase _db = new();
    private Guid _eventId;

    private static FormField Logo => FormField.New(FieldType.Image, "Logo", "Logo");

    private static FormField Brochure => FormField.New(FieldType.File, "Brochure", "Brochure");

    private FormService Forms => new(_db.Factory, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public void ImageAndFileFieldsHaveDefaultLimitsAndOtherFieldsNone()
    {
        Assert.Equal(2, FileRules.For(Logo)!.MaxSizeMb);
        Assert.Equal("PNG, JPEG or WebP", FileRules.For(Logo)!.KindsText());
        Assert.Equal(10, FileRules.For(Brochure)!.MaxSizeMb);
        Assert.Contains(FileKind.Pdf, FileRules.For(Brochure)!.Accept);
        Assert.Null(FileRules.For(FormField.New(FieldType.Text, "Nom", "Name")));
        Assert.DoesNotContain(FileKind.Pdf, FileRules.KindsFor(FieldType.Image));
    }

    [Fact]
    public void AcceptsAFileWhoseContentMatchesAnAllowedKind()
    {
        Assert.Null(FileRules.Check(Logo, "logo.png", 40_000, Png));
        Assert.Null(FileRules.Check(Logo, "Photo.JPEG", 2 * Mb, Jpeg));
        Assert.Null(FileRules.Check(Logo, "logo.webp", 1_000, WebP));
        Assert.Null(FileRules.Check(Brochure, "brochure.pdf", 9 * Mb, Pdf));
        Assert.Null(FileRules.Check(Brochure, "offer.docx", 50_000, Zip));
    }

    [Fact]
    public void RefusesAFileOverTheLimitAndSaysBothSizes()
    {
        Assert.Equal("Logo: the file is 3.4 MB; the limit is 2 MB.", FileRules.Check(Logo, "logo.png", (long)(3.35 * Mb), Png));
        Assert.Equal("Logo: the file is 2.1 MB; the limit is 2 MB.", FileRules.Check(Logo, "logo.png", (2 * Mb) + 1, Png));
    }

    [Fact]
    public void RefusesAKindTheFieldDoesNotAcceptNamingTheAcceptedOnes()
    {
        Assert.Equal("Logo: only PNG, JPEG or WebP images.", FileRules.Check(Logo, "logo.svg", 2_000, Svg));
        Assert.Equal("Logo: only PNG, JPEG or WebP images.", FileRules.Check(Logo, "logo.gif", 2_000, [.. "GIF89a"u8]));
        Assert.Equal("Logo: only PNG, JPEG or WebP images.", FileRules.Check(Logo, "logo", 2_000, Png));
        Assert.Equal("Brochure: only PDF files.", FileRules.Check(Brochure with { Rules = new([FileKind.Pdf], 5) }, "brochure.zip", 2_000, Zip));
    }

    [Fact]
    public void TellsAFrenchReaderInFrench()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            var label = Logo.Label.Fr;
            Assert.Equal($"{label} : le fichier fait 3,4 Mo ; la limite est de 2 Mo.", FileRules.Check(Logo, "logo.png", (long)(3.35 * Mb), Png));
            Assert.Equal($"{label} : uniquement des images PNG, JPEG ou WebP.", FileRules.Check(Logo, "logo.svg", 2_000, Svg));
            Assert.Equal($"{label} : logo.png n’est pas un vrai fichier PNG.", FileRules.Check(Logo, "logo.png", 2_000, Svg));
            Assert.Equal($"{label} : le fichier est vide.", FileRules.Check(Logo, "logo.png", 0, []));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void ReadsTheContentNotTheNameOfTheFile()
    {
        Assert.Equal("Logo: logo.png is not a real PNG file.", FileRules.Check(Logo, "logo.png", 2_000, Svg));
        Assert.Equal("Logo: logo.jpg is not a real JPEG file.", FileRules.Check(Logo, "logo.jpg", 2_000, Png));
        Assert.Equal("Brochure: brochure.pdf is not a real PDF file.", FileRules.Check(Brochure, "brochure.pdf", 2_000, [0x4D, 0x5A, 0x90, 0]));
        Assert.Equal("Logo: logo.webp is not a real WebP file.", FileRules.Check(Logo, "logo.webp", 2_000, "RIFF"u8));
        Assert.Equal("Logo: the file is empty.", FileRules.Check(Logo, "logo.png", 0, []));
    }

    [Fact]
    public void ACheckOnAFieldThatTakesNoFileIsAMistake()
    {
        Assert.Throws<ArgumentException>(() => FileRules.Check(FormField.New(FieldType.Text, "Nom", "Name"), "a.png", 10, Png));
    }

    [Fact]
    public async Task RulesAreSavedWithTheFieldAndCheckedFirst()
    {
        var form = await Forms.GetAsync(_eventId, FormKind.Profile);
        var logo = form.Fields.Single(f => f.Type == FieldType.Image);
        var tooLarge = form with { Fields = [.. form.Fields.Select(f => f.Id == logo.Id ? f with { Rules = new([FileKind.Png, FileKind.Pdf], 30) } : f)] };

        var refused = await Forms.SaveAsync(_eventId, tooLarge, Nadia);

        Assert.Equal(MenuSaveStatus.Invalid, refused.Status);
        var at = form.Fields.ToList().IndexOf(logo);
        Assert.Equal([$"fields[{at}].accept", $"fields[{at}].maxSize"], refused.Errors!.Keys.Order());

        var fine = form with { Fields = [.. form.Fields.Select(f => f.Id == logo.Id ? f with { Rules = new([FileKind.Png, FileKind.Png], 5) } : f)] };
        Assert.Equal(MenuSaveStatus.Saved, (await Forms.SaveAsync(_eventId, fine, Nadia)).Status);
        var saved = (await Forms.GetAsync(_eventId, FormKind.Profile)).Fields.Single(f => f.Id == logo.Id);
        Assert.Equal([FileKind.Png], FileRules.For(saved)!.Accept);
        Assert.Equal(5, FileRules.For(saved)!.MaxSizeMb);
    }

    [Fact]
    public async Task AFormSavedBeforeRulesExistedLoadsWithTheDefaults()
    {
        var logoId = Guid.NewGuid();
        var oldJson = $$"""
            [{"id":"{{logoId}}","type":12,"label":{"fr":"Logo","en":"Logo"},"help":{"fr":"","en":""},"required":true,"choices":[],"removed":false},
             {"id":"{{Guid.NewGuid()}}","type":0,"label":{"fr":"Nom","en":"Name"},"help":{"fr":"","en":""},"required":false,"choices":[],"removed":false}]
            """;
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            var stored = new FormDefinition(_eventId, FormKind.Profile);
            stored.Replace(oldJson);
            db.Forms.Add(stored);
            await db.SaveChangesAsync();
        }

        var form = await Forms.GetAsync(_eventId, FormKind.Profile);

        var logo = form.Fields.Single(f => f.Id == logoId);
        Assert.Null(logo.Rules);
        Assert.Equal(FileRules.DefaultImage, FileRules.For(logo));
        Assert.Equal("Logo: the file is 3.0 MB; the limit is 2 MB.", FileRules.Check(logo, "logo.png", 3 * Mb, Png));
        Assert.Equal(MenuSaveStatus.Saved, (await Forms.SaveAsync(_eventId, form, Nadia)).Status);
    }
}
