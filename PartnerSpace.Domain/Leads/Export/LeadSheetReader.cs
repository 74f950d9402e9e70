using MiniExcelLibs;

namespace PartnerSpace.Domain.Leads.Export;

/// <summary>
/// One sheet of the export for MiniExcel: fixed headers (so an empty sheet still has them) and rows
/// pulled one at a time from the database. MiniExcel reads each value once before asking for the
/// next row, so the row array is reused and nothing is held beyond the current row.
/// </summary>
internal sealed class LeadSheetReader(IReadOnlyList<string> headers, IAsyncEnumerable<object?[]> rows, CancellationToken ct) : MiniExcelDataReaderBase
{
    private readonly IAsyncEnumerator<object?[]> _rows = rows.GetAsyncEnumerator(ct);
    private object?[] _current = [];

    public override int FieldCount => headers.Count;

    public override string GetName(int i) => headers[i];

    public override object GetValue(int i) => _current[i] ?? DBNull.Value;

    public override bool Read() => ReadAsync(ct).GetAwaiter().GetResult();

    public override async Task<bool> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!await _rows.MoveNextAsync())
        {
            return false;
        }

        _current = _rows.Current;
        return true;
    }

    public override async ValueTask DisposeAsync()
    {
        await _rows.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rows.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }
}
