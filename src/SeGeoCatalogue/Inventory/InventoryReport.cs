namespace SeGeoCatalogue.Inventory;

/// <summary>One problem of an upload, in words: "row 7, column sectors: 'health' is not a sector; did you mean 'services'?".</summary>
public sealed record InventoryProblem(int Row, string Column, string Message)
{
    public string Text => $"row {Row}, column {Column}: {Message}";
}

/// <summary>What a row does (or would do): create, update, unchanged, or invalid when it has problems.</summary>
public sealed record InventoryRowResult(int Row, string Action, int? Id, string? Title, IReadOnlyList<string> Changes);

/// <summary>The answer to an upload: a dry run unless committed; problems per row and cell, and what each row does.</summary>
public sealed record InventoryReport(bool DryRun, bool Committed, int Rows, int Create, int Update, int Unchanged,
    IReadOnlyList<InventoryProblem> Problems, IReadOnlyList<InventoryRowResult> Results);
