using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using PartnerSpace.Domain.Partners;
using QRCoder;

namespace PartnerSpace.Web.Features.Team;

/// <summary>
/// Draws a team member's badge (S-1.5) as one SVG: event, name, company, and the QR code of the
/// badge code that the scanning devices read (QRCoder, MIT). SVG prints sharp at any size and
/// needs no image library; the QR code is one path of its dark modules.
/// </summary>
public static class BadgeSvg
{
    /// <summary>A badge is 90 × 126 mm: fits a standard A6 holder, four to an A4 page.</summary>
    public const int Width = 300;

    public const int Height = 420;

    private const int QrSize = 180;

    /// <summary>The QR code's dark modules, quiet zone included (medium error correction: survives a worn badge).</summary>
    public static bool[,] Modules(string badgeCode)
    {
        using var data = QRCodeGenerator.GenerateQrCode(badgeCode, QRCodeGenerator.ECCLevel.M);
        var size = data.ModuleMatrix.Count;
        var modules = new bool[size, size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                modules[y, x] = data.ModuleMatrix[y][x];
            }
        }

        return modules;
    }

    /// <summary>The QR code as an SVG path in module units ("M x y h1 v1 h-1 z" per run of dark modules).</summary>
    public static string QrPath(bool[,] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        var path = new StringBuilder();
        var size = modules.GetLength(0);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (!modules[y, x])
                {
                    continue;
                }

                var run = 1;
                while (x + run < size && modules[y, x + run])
                {
                    run++;
                }

                path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h{run}v1h-{run}z");
                x += run - 1;
            }
        }

        return path.ToString();
    }

    public static string Render(Badge badge, string eventName)
    {
        ArgumentNullException.ThrowIfNull(badge);
        var modules = Modules(badge.BadgeCode);
        var size = modules.GetLength(0);
        var scale = (double)QrSize / size;
        var qrX = (Width - QrSize) / 2;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="90mm" height="126mm" viewBox="0 0 {Width} {Height}" role="img" aria-label="{Xml(badge.FullName)}">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{Height}" fill="#fff" stroke="#cfd8dc" stroke-width="2"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="56" fill="#1e3a5f"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width / 2}" y="35" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="{FontSize(eventName, 18, 260)}" fill="#fff">{Xml(eventName)}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width / 2}" y="104" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-weight="700" font-size="{FontSize(badge.FirstName, 30, 270)}" fill="#111">{Xml(badge.FirstName)}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width / 2}" y="136" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-weight="700" font-size="{FontSize(badge.LastName, 26, 270)}" fill="#111">{Xml(badge.LastName)}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width / 2}" y="166" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="{FontSize(badge.Company, 18, 270)}" fill="#455a64">{Xml(badge.Company)}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<g transform="translate({qrX} 190) scale({scale:0.####})"><rect width="{size}" height="{size}" fill="#fff"/><path d="{QrPath(modules)}" fill="#000"/></g>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width / 2}" y="396" text-anchor="middle" font-family="Menlo, Consolas, monospace" font-size="14" fill="#455a64">{Xml(badge.BadgeCode)}</text>""");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Every badge as its own SVG in one ZIP, named after the person.</summary>
    public static byte[] Zip(TeamBadges team, string eventName)
    {
        ArgumentNullException.ThrowIfNull(team);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var badge in team.Badges)
            {
                var name = FileName(badge);
                for (var i = 2; !names.Add(name); i++)
                {
                    name = $"{Path.GetFileNameWithoutExtension(FileName(badge))}-{i}.svg";
                }

                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(Render(badge, eventName)));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>"badge-ada-lovelace.svg": ASCII, so every archive tool and file system takes it.</summary>
    public static string FileName(Badge badge)
    {
        ArgumentNullException.ThrowIfNull(badge);
        var decomposed = badge.FullName.Normalize(NormalizationForm.FormD);
        var slug = new string([.. decomposed.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : c == ' ' || c == '-' ? '-' : '\0').Where(c => c != '\0')]);
        slug = string.Join('-', slug.Split('-', StringSplitOptions.RemoveEmptyEntries));
        return $"badge-{(slug.Length > 0 ? slug : badge.MemberId.ToString("N")[..8])}.svg";
    }

    // Long names shrink to fit the badge's width (an average glyph is ~0.6 em wide).
    private static int FontSize(string text, int max, int width) =>
        Math.Clamp((int)(width / (Math.Max(1, text.Length) * 0.6)), 10, max);

    private static string Xml(string text) => SecurityElement.Escape(text) ?? "";
}
