using PartnerSpace.Domain.Meetings;

namespace PartnerSpace.Web.Features.Meetings.Calendar;

/// <summary>What a cell of the calendar shows: a free slot, or a slot held by a pending or accepted meeting.</summary>
public enum CalendarEntryKind
{
    Free,
    Pending,
    Accepted,
}

/// <summary>A column of the time grid: a day (week view) or a space (day view).</summary>
public sealed record CalendarColumn(string Key, string Label);

/// <summary>A slot or meeting in the grid, in the event's local time.</summary>
public sealed record CalendarEntry(Guid Id, string ColumnKey, DateTime LocalStart, DateTime LocalEnd, CalendarEntryKind Kind, SlotRow? Slot, MeetingSummary? Meeting);

/// <summary>An entry placed in the CSS grid: 1-based grid lines, one row per 5 minutes.</summary>
public sealed record PlacedEntry(CalendarEntry Entry, int Column, int RowStart, int RowEnd);

/// <summary>A column header over its lanes (entries of one column that overlap sit side by side).</summary>
public sealed record PlacedColumn(CalendarColumn Column, int GridColumn, int Lanes);

/// <summary>
/// S-2.10: lays slots and meetings out on a time grid: hours as rows (5-minute rows, the slots'
/// grid), columns as days or spaces, overlapping entries of a column in lanes side by side.
/// </summary>
public sealed class CalendarGridModel
{
    public const int RowsPerHour = 60 / MeetingOccupancy.CellMinutes;
    private const int DefaultFirstHour = 8;
    private const int DefaultLastHour = 19;

    private CalendarGridModel(int firstHour, int lastHour, IReadOnlyList<PlacedColumn> columns, IReadOnlyList<PlacedEntry> entries)
    {
        FirstHour = firstHour;
        LastHour = lastHour;
        Columns = columns;
        Entries = entries;
    }

    /// <summary>The first hour row shown (08 by default, earlier when a slot starts earlier).</summary>
    public int FirstHour { get; }

    /// <summary>The hour the grid ends at (19 by default, later when a slot ends later).</summary>
    public int LastHour { get; }

    public IReadOnlyList<PlacedColumn> Columns { get; }

    public IReadOnlyList<PlacedEntry> Entries { get; }

    public int Rows => (LastHour - FirstHour) * RowsPerHour;

    /// <summary>Grid columns: the hour labels, then every lane.</summary>
    public int GridColumns => 1 + Columns.Sum(c => c.Lanes);

    public static CalendarGridModel Build(IReadOnlyList<CalendarColumn> columns, IReadOnlyList<CalendarEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(entries);
        var shown = entries.Where(e => columns.Any(c => c.Key == e.ColumnKey)).ToList();
        var firstHour = Math.Min(DefaultFirstHour, shown.Count == 0 ? DefaultFirstHour : shown.Min(e => e.LocalStart.Hour));
        var lastHour = Math.Max(DefaultLastHour, shown.Count == 0 ? DefaultLastHour : shown.Max(e => EndHour(e)));
        var placedColumns = new List<PlacedColumn>();
        var placed = new List<PlacedEntry>();
        var gridColumn = 2;
        foreach (var column in columns)
        {
            // Greedy lanes: each entry goes to the first lane free at its start.
            var laneEnds = new List<DateTime>();
            var mine = shown.Where(e => e.ColumnKey == column.Key).OrderBy(e => e.LocalStart).ThenBy(e => e.LocalEnd).ToList();
            var lanes = new List<(CalendarEntry Entry, int Lane)>();
            foreach (var entry in mine)
            {
                var lane = laneEnds.FindIndex(end => end <= entry.LocalStart);
                if (lane < 0)
                {
                    laneEnds.Add(entry.LocalEnd);
                    lane = laneEnds.Count - 1;
                }
                else
                {
                    laneEnds[lane] = entry.LocalEnd;
                }

                lanes.Add((entry, lane));
            }

            var count = Math.Max(1, laneEnds.Count);
            placedColumns.Add(new PlacedColumn(column, gridColumn, count));
            foreach (var (entry, lane) in lanes)
            {
                placed.Add(new PlacedEntry(entry, gridColumn + lane, Row(entry.LocalStart, entry.LocalStart.Date, firstHour), Math.Max(Row(entry.LocalEnd, entry.LocalStart.Date, firstHour), Row(entry.LocalStart, entry.LocalStart.Date, firstHour) + 1)));
            }

            gridColumn += count;
        }

        return new CalendarGridModel(firstHour, lastHour, placedColumns, placed);
    }

    /// <summary>The grid line of a local time: line 2 is the first hour (line 1 holds the headers).</summary>
    private static int Row(DateTime at, DateTime day, int firstHour) =>
        2 + (int)((at - day.AddHours(firstHour)).TotalMinutes / MeetingOccupancy.CellMinutes);

    private static int EndHour(CalendarEntry e)
    {
        var end = e.LocalEnd.Date > e.LocalStart.Date ? 24 : e.LocalEnd.Hour + (e.LocalEnd.Minute > 0 ? 1 : 0);
        return Math.Min(24, end);
    }
}
