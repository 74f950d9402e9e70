using System.Globalization;

namespace PartnerSpace.Domain.Common;

/// <summary>What importing a valid row will do to the record it is about.</summary>
public enum ImportStatus
{
    /// <summary>The row creates a record.</summary>
    New,

    /// <summary>The row adds to an existing record.</summary>
    Updated,

    /// <summary>The record is already as the row says: the row is skipped.</summary>
    Unchanged,
}

/// <summary>
/// A problem with an import file or one of its rows: a stable code the screens translate (with
/// <see cref="Args"/> as its values), and the same sentence in English.
/// </summary>
public sealed record ImportIssue(string Code, string Message, params object[] Args)
{
    public static ImportIssue Unreadable() =>
        new("Unreadable", "This file could not be read: send a CSV or an Excel (.xlsx) file with a header row.");

    public static ImportIssue TooManyRows(int max) =>
        new("TooManyRows", $"A file holds at most {max.ToString("N0", CultureInfo.InvariantCulture)} rows.", max);

    public static ImportIssue MissingColumns(string required, string optional, string missing) =>
        new("MissingColumns", $"The header row needs the columns {required} (optional: {optional}); missing: {missing}.", required, optional, missing);

    public static ImportIssue NoRows() => new("NoRows", "The file has no rows below its header row.");

    public static ImportIssue Forbidden() => new("Forbidden", "You may not import here.");

    public static ImportIssue Missing(string header) => new("Missing", $"{header} is missing", header);

    public static ImportIssue TooLong(string header, int max) =>
        new("TooLong", $"{header} is longer than {max} characters", header, max);

    public static ImportIssue InvalidEmail() => new("InvalidEmail", "invalid e-mail address");

    public static ImportIssue Repeated(string header, int firstRow) =>
        new("Repeated", $"same {header} as row {firstRow}", header, firstRow);
}

/// <summary>One row of an import file as read and judged; row numbers count the header as row 1.</summary>
public abstract record ImportRow(int Row, ImportStatus Status, IReadOnlyList<ImportIssue> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>What an import would do: its rows, and whether it can go ahead (a readable file, every row valid).</summary>
public sealed record ImportPreview<TRow>(IReadOnlyList<TRow> Rows, ImportIssue? FileError = null)
    where TRow : ImportRow
{
    public bool CanImport => FileError is null && Rows.Count > 0 && Rows.All(r => r.IsValid);

    public int Count(ImportStatus status) => Rows.Count(r => r.IsValid && r.Status == status);

    public static ImportPreview<TRow> Refused(ImportIssue issue) => new([], issue);
}

/// <summary>What an import did, by <see cref="ImportStatus"/>.</summary>
public sealed record ImportResult(int Added, int Updated, int Unchanged)
{
    public static ImportResult Of<TRow>(ImportPreview<TRow> preview)
        where TRow : ImportRow
    {
        ArgumentNullException.ThrowIfNull(preview);
        return new(preview.Count(ImportStatus.New), preview.Count(ImportStatus.Updated), preview.Count(ImportStatus.Unchanged));
    }

    /// <summary>The error an import returns when the preview it was given has rows in error.</summary>
    public static Error NotImportable() =>
        Error.Validation(new Dictionary<string, string[]> { ["file"] = ["Fix the rows in error first: nothing was imported."] });
}
