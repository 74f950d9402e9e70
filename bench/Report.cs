using System.Globalization;

namespace PartnerSpace.Bench;

/// <summary>One line of the final table: a measure, its target (DESIGN §9), the figure, and whether it is met.</summary>
internal sealed record ReportRow(string Measure, string Target, string Measured, bool? Met)
{
    public const string NoTarget = "-";

    public bool IsDiagnostic => Target == NoTarget;
}

/// <summary>Prints each figure as its phase completes, and the table of all of them at the end.</summary>
internal sealed class Report(TextWriter output)
{
    private readonly List<ReportRow> _rows = [];

    public IReadOnlyList<ReportRow> Rows => _rows;

    public void Heading(string text)
    {
        output.WriteLine();
        output.WriteLine($"== {text}");
    }

    public void Line(string text) => output.WriteLine($"   {text}");

    /// <summary>Records a figure against its target; <paramref name="met"/> is null when there is nothing to judge.</summary>
    public void Figure(string measure, string target, string measured, bool? met)
    {
        _rows.Add(new ReportRow(measure, target, measured, met));
        output.WriteLine($"   {measure}: {measured}  [target {target}: {Verdict(met)}]");
    }

    /// <summary>Records a figure that has no target but explains the others; listed after them.</summary>
    public void Diagnostic(string measure, string measured)
    {
        _rows.Add(new ReportRow(measure, ReportRow.NoTarget, measured, null));
        output.WriteLine($"   {measure}: {measured}");
    }

    public void PrintTable()
    {
        string[] headers = ["measure", "target (DESIGN §9)", "measured", "met?"];
        var cells = _rows.OrderBy(r => r.IsDiagnostic).Select(r => new[] { r.Measure, r.Target, r.Measured, Verdict(r.Met) }).ToList();
        var widths = headers.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();

        output.WriteLine();
        output.WriteLine(Row(headers, widths));
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
        {
            output.WriteLine(Row(row, widths));
        }
    }

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Verdict(bool? met) => met switch
    {
        true => "yes",
        false => "NO",
        null => "-",
    };

    private static string Row(string[] cells, int[] widths) =>
        string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
}
