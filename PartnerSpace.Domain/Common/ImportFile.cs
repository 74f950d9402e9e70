using System.Globalization;
using System.Text;
using MiniExcelLibs;
using MiniExcelLibs.Csv;

namespace PartnerSpace.Domain.Common;

/// <summary>
/// A column an import file may have: its <see cref="Name"/> (as in the template) and the other
/// header names it goes by, in French or English. Headers match whatever their case, accents,
/// spaces, dashes and underscores: "Prénom", "first_name" and "First name" all match.
/// </summary>
public sealed class ImportColumn(string name, bool required, params string[] aliases)
{
    private readonly HashSet<string> _keys = [ImportFile.Key(name), .. aliases.Select(ImportFile.Key)];

    public string Name => name;

    /// <summary>A file without this column is refused as a whole.</summary>
    public bool Required => required;

    public bool Matches(string header) => _keys.Contains(ImportFile.Key(header));
}

/// <summary>One data row of an import file: its number in the file (the header is row 1) and its cells, trimmed.</summary>
public sealed class ImportRecord(int row, IReadOnlyDictionary<ImportColumn, string> cells)
{
    public int Row => row;

    /// <summary>The cell of that column, trimmed; null when empty or when the file lacks the column.</summary>
    public string? this[ImportColumn column] => cells.GetValueOrDefault(column);
}

/// <summary>
/// The non-blank data rows of an import file and the header each column had in it; or, when the
/// file cannot be imported at all, no rows and the <see cref="Issue"/>.
/// </summary>
public sealed class ImportTable(IReadOnlyList<ImportRecord> records, IReadOnlyDictionary<ImportColumn, string> headers, ImportIssue? issue = null)
{
    public IReadOnlyList<ImportRecord> Records => records;

    public ImportIssue? Issue => issue;

    /// <summary>The column's header as the file writes it (messages name it so); its template name when absent.</summary>
    public string HeaderOf(ImportColumn column) => headers.GetValueOrDefault(column) ?? column.Name;
}

/// <summary>
/// Reads the CSV or Excel (.xlsx) files that imports take (team, attendees): one header row, then
/// a row per record. CSV may be UTF-8 or Windows-1252, separated by commas, semicolons (what a
/// French Excel writes) or tabs.
/// </summary>
public static class ImportFile
{
    /// <summary>Reads the rows of the file, or says why it cannot be imported at all.</summary>
    public static ImportTable Read(Stream file, bool excel, IReadOnlyList<ImportColumn> columns, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(columns);
        try
        {
            using var rows = Query(file, excel).GetEnumerator();
            if (!rows.MoveNext())
            {
                return Refuse(MissingColumns(columns, columns.Where(c => c.Required)));
            }

            // Cells are keyed by column letter (A, B, …); the first row names them.
            var headers = new Dictionary<ImportColumn, string>();
            var letters = new Dictionary<ImportColumn, string>();
            foreach (var (letter, value) in rows.Current)
            {
                var header = Cell(value);
                var column = header is null ? null : columns.FirstOrDefault(c => c.Matches(header) && !letters.ContainsKey(c));
                if (column is not null)
                {
                    letters[column] = letter;
                    headers[column] = header!;
                }
            }

            var missing = columns.Where(c => c.Required && !letters.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                return Refuse(MissingColumns(columns, missing));
            }

            var records = new List<ImportRecord>();
            for (var row = 2; rows.MoveNext(); row++)
            {
                var cells = new Dictionary<ImportColumn, string>();
                foreach (var (column, letter) in letters)
                {
                    if (Cell(rows.Current.TryGetValue(letter, out var value) ? value : null) is { } text)
                    {
                        cells[column] = text;
                    }
                }

                if (cells.Count == 0)
                {
                    continue;
                }

                if (records.Count == maxRows)
                {
                    return Refuse(ImportIssue.TooManyRows(maxRows));
                }

                records.Add(new ImportRecord(row, cells));
            }

            return records.Count == 0 ? Refuse(ImportIssue.NoRows()) : new ImportTable(records, headers);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException or InvalidOperationException or ArgumentException or InvalidCastException)
        {
            return Refuse(ImportIssue.Unreadable());
        }
    }

    /// <summary>A CSV with the columns' header row and nothing else: what the screens offer as a template.</summary>
    public static string Template(IEnumerable<ImportColumn> columns) => string.Join(',', columns.Select(c => c.Name)) + "\r\n";

    /// <summary>A header reduced to what matching compares: lower-case letters and digits, without accents.</summary>
    internal static string Key(string header)
    {
        var key = new StringBuilder(header.Length);
        foreach (var c in header.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }

        return key.ToString();
    }

    private static ImportTable Refuse(ImportIssue issue) => new([], new Dictionary<ImportColumn, string>(), issue);

    private static ImportIssue MissingColumns(IReadOnlyList<ImportColumn> columns, IEnumerable<ImportColumn> missing)
    {
        var required = string.Join(", ", columns.Where(c => c.Required).Select(c => c.Name));
        var optional = string.Join(", ", columns.Where(c => !c.Required).Select(c => c.Name));
        return ImportIssue.MissingColumns(required, optional, string.Join(", ", missing.Select(c => c.Name)));
    }

    // Excel date cells come as DateTime: written ISO, so no reader mistakes 03/05 for 5 March or 3 May.
    private static string? Cell(object? value) => Text.Clean(value is DateTime date
        ? date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : Convert.ToString(value, CultureInfo.InvariantCulture));

    private static IEnumerable<IDictionary<string, object?>> Query(Stream file, bool excel)
    {
        if (excel)
        {
            // An .xlsx file is a zip: MiniExcel needs to seek.
            var seekable = file.CanSeek ? file : Copy(file);
            return MiniExcel.Query(seekable, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>();
        }

        var text = Decode(Copy(file).ToArray());
        var configuration = new CsvConfiguration { Seperator = Separator(text) };
        var utf8 = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return MiniExcel.Query(utf8, useHeaderRow: false, excelType: ExcelType.CSV, configuration: configuration).Cast<IDictionary<string, object?>>();
    }

    private static MemoryStream Copy(Stream file)
    {
        var buffer = new MemoryStream();
        file.CopyTo(buffer);
        buffer.Position = 0;
        return buffer;
    }

    // Excel saves "CSV UTF-8" with a BOM, and plain "CSV" in the Windows code page.
    private static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(bytes);
        }
    }

    private static char Separator(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        char[] candidates = [',', ';', '\t'];
        return candidates.MaxBy(c => header.Count(h => h == c));
    }
}
