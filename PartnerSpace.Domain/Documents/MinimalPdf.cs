using System.Globalization;
using System.Text;

namespace PartnerSpace.Domain.Documents;

/// <summary>
/// A valid one-page PDF with a few lines of text, for the demo documents and tests: small, and
/// opened by any browser's viewer. Only ASCII is kept (the standard Helvetica font's encoding).
/// </summary>
public static class MinimalPdf
{
    public static byte[] Create(string title, params IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(title);
        var text = new StringBuilder();
        text.Append("BT /F1 20 Tf 60 770 Td (").Append(Escape(title)).Append(") Tj ET\n");
        var y = 730;
        foreach (var line in lines)
        {
            text.Append(CultureInfo.InvariantCulture, $"BT /F1 12 Tf 60 {y} Td (").Append(Escape(line)).Append(") Tj ET\n");
            y -= 18;
        }

        var content = text.ToString();
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {Encoding.ASCII.GetByteCount(content)} >>\nstream\n{content}endstream",
        ];

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static string Escape(string line)
    {
        var ascii = new string([.. line.Normalize(NormalizationForm.FormD).Where(c => c is >= ' ' and <= '~')]);
        return ascii.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);
    }
}
