using System.Globalization;
using System.Text.RegularExpressions;

namespace PartnerSpace.Web.Shared;

/// <summary>
/// Save errors keyed by position ("tabs[2].label", "fields[0].maxSize") regrouped by row, so an
/// error stays on its row when rows are moved after the save.
/// </summary>
public static partial class RowErrors
{
    /// <returns>For each row with errors: its messages by part ("label").</returns>
    public static Dictionary<TKey, IReadOnlyDictionary<string, string>> ByRow<TRow, TKey>(
        IReadOnlyDictionary<string, string[]> errors, string list, IReadOnlyList<TRow> rows, Func<TRow, TKey> keyOf)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(keyOf);
        var byRow = new Dictionary<TKey, Dictionary<string, string>>();
        foreach (var (key, messages) in errors)
        {
            var match = RowError().Match(key);
            if (match.Success && match.Groups[1].Value == list && messages.Length > 0
                && int.TryParse(match.Groups[2].Value, CultureInfo.InvariantCulture, out var index) && index < rows.Count)
            {
                var row = keyOf(rows[index]);
                if (!byRow.TryGetValue(row, out var parts))
                {
                    byRow[row] = parts = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                parts[match.Groups[3].Value] = messages[0];
            }
        }

        return byRow.ToDictionary(r => r.Key, r => (IReadOnlyDictionary<string, string>)r.Value);
    }

    [GeneratedRegex(@"^(\w+)\[(\d+)\]\.(\w+)$")]
    private static partial Regex RowError();
}
