namespace SeGeoCatalogue.Inventory;

/// <summary>The Records of an upload as text: the header names and each non-empty row with its row number in the file.</summary>
public sealed record UploadedTable(IReadOnlyList<string> Headers, IReadOnlyList<UploadedRow> Rows);

public sealed record UploadedRow(int Number, IReadOnlyList<string?> Cells)
{
    public string? this[int column] => column < Cells.Count ? Cells[column] : null;
}

/// <summary>Why an upload could not be read at all: the HTTP status (400, 413, 415) and the words of the fix.</summary>
public sealed class UnreadableUploadException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}
