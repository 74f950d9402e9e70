using System.IO.Compression;
using System.Xml.Linq;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Web.Features.Team;
using QRCoder;

namespace PartnerSpace.Tests.Components;

/// <summary>A badge is an SVG with the person's name, company and the QR code of their badge code (S-1.5).</summary>
[Trait("Spec", "S-1.5")]
public sealed class BadgeSvgTests
{
    private static readonly Badge Ada = new(Guid.NewGuid(), "Ada", "Lovelace <script>", "Analytical & Co", "DEMO-0042");

    [Fact]
    public void TheBadgeShowsNameCompanyAndCodeEscaped()
    {
        var svg = XDocument.Parse(BadgeSvg.Render(Ada, "Salon 2026"));

        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.Equal(["Salon 2026", "Ada", "Lovelace <script>", "Analytical & Co", "DEMO-0042"], texts);
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script");
    }

    [Fact]
    public void TheQrCodeIsTheOneOfTheBadgeCode()
    {
        using var expected = QRCodeGenerator.GenerateQrCode("DEMO-0042", QRCodeGenerator.ECCLevel.M);
        var svg = XDocument.Parse(BadgeSvg.Render(Ada, "Salon 2026"));
        var path = svg.Descendants().Single(e => e.Name.LocalName == "path").Attribute("d")!.Value;

        // Redraw the path's runs into a grid: it must be QRCoder's matrix for the code, module by module.
        var size = expected.ModuleMatrix.Count;
        var drawn = new bool[size, size];
        foreach (var run in path.Split('M', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = run.Split(['h', 'v', ' ', 'z'], StringSplitOptions.RemoveEmptyEntries);
            int x = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), y = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), length = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < length; i++)
            {
                drawn[y, x + i] = true;
            }
        }

        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                Assert.True(expected.ModuleMatrix[y][x] == drawn[y, x], $"module ({x}, {y})");
            }
        }

        Assert.NotEqual(BadgeSvg.QrPath(BadgeSvg.Modules("DEMO-0042")), BadgeSvg.QrPath(BadgeSvg.Modules("DEMO-0043")));
    }

    [Fact]
    public void AllBadgesZipOneSvgEachWithReadableNames()
    {
        var twin = Ada with { MemberId = Guid.NewGuid(), BadgeCode = "DEMO-0043" };
        var team = new TeamBadges(Guid.NewGuid(), "Acme", new LocalizedText("Salon", "Show"), [Ada, twin, new Badge(Guid.NewGuid(), "Léa", "Moreau", "Acme", "DEMO-0001")]);

        using var zip = new ZipArchive(new MemoryStream(BadgeSvg.Zip(team, "Show")));

        Assert.Equal(["badge-ada-lovelace-script.svg", "badge-ada-lovelace-script-2.svg", "badge-lea-moreau.svg"], zip.Entries.Select(e => e.FullName));
        using var reader = new StreamReader(zip.Entries[2].Open());
        Assert.Contains("DEMO-0001", reader.ReadToEnd(), StringComparison.Ordinal);
    }
}
