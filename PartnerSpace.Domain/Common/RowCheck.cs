namespace PartnerSpace.Domain.Common;

/// <summary>Reads the cells of one import row and collects what is wrong with them, naming columns as the file does.</summary>
public sealed class RowCheck(ImportTable table, ImportRecord record)
{
    private readonly List<ImportIssue> _errors = [];

    public int Row => record.Row;

    public IReadOnlyList<ImportIssue> Errors => _errors;

    public void Add(ImportIssue issue) => _errors.Add(issue);

    /// <summary>The cell as the file has it (trimmed), unchecked.</summary>
    public string? Raw(ImportColumn column) => record[column];

    /// <summary>The cell; an error when it is required and empty, or longer than <paramref name="maxLength"/>.</summary>
    public string? Text(ImportColumn column, int maxLength, bool required = true)
    {
        var value = record[column];
        if (value is null && required)
        {
            Add(ImportIssue.Missing(table.HeaderOf(column)));
        }
        else if (value is not null && value.Length > maxLength)
        {
            Add(ImportIssue.TooLong(table.HeaderOf(column), maxLength));
        }

        return value;
    }

    /// <summary>The address, lower-case; null with an error when it is missing, too long or not an address.</summary>
    public string? Email(ImportColumn column)
    {
        var raw = Text(column, Common.Text.EmailMaxLength);
        var email = Common.Text.NormalizeEmail(raw);
        if (raw is { Length: <= Common.Text.EmailMaxLength } && email is null)
        {
            Add(ImportIssue.InvalidEmail());
        }

        return email;
    }

    /// <summary>
    /// False, with an error, when an earlier row had the same value in this column; <paramref name="seen"/>
    /// remembers the first row of each value.
    /// </summary>
    public bool Unique(ImportColumn column, string? value, Dictionary<string, int> seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        if (value is null)
        {
            return true;
        }

        if (seen.TryGetValue(value, out var first))
        {
            Add(ImportIssue.Repeated(table.HeaderOf(column), first));
            return false;
        }

        seen[value] = Row;
        return true;
    }
}
