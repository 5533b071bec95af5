namespace SeGeoCatalogue.Coverage.Counting;

/// <summary>
/// One consistent state of the catalogue for counting, as of change <see cref="Seq"/>: never changed once published
/// (a catch-up builds the next one), so a request counts over one snapshot while the next is built.
/// Per record slot: freshness on <see cref="Day"/> and the record's position in PostgreSQL's order of (title, id).
/// </summary>
public sealed class CountingTables
{
    public required CountingUnits Units { get; init; }
    public required CountedRecord[] Records { get; init; }
    public required short[] FreshRank { get; init; }
    public required bool[] FreshOrDue { get; init; }
    public required int[] TitleRank { get; init; }
    public required DateOnly Day { get; init; }
    public required long Seq { get; init; }

}
