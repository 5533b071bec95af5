using System.Text.Json;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Coverage.Counting;

/// <summary>
/// What counting needs of one record: its filter attributes, which kinds of viewer see it and see its detail (bits
/// of <see cref="ViewerKind"/>, each computed by 40-visibility.sql's functions at load), and its dataset_units rows as
/// parallel arrays over <see cref="CountingUnits"/> (<see cref="Rows"/>), with the rows as a viewer without the
/// record's detail sees them (<see cref="RedactedRows"/>, from Access/VisibleUnits) and its dataset_split_units.
/// </summary>
public sealed class CountedRecord
{
    public required int Id { get; init; }
    public required string Title { get; init; }
    /// <summary>{"id":…,"title":…} as the coverage answer lists it.</summary>
    public string Json => _json ??= JsonSerializer.Serialize(new { id = Id, title = Title }, JsonConventions.Options);
    string? _json;
    public required int? HolderId { get; init; }
    /// <summary>Bit set over <see cref="CountingVocabulary.Sectors"/>.</summary>
    public required ulong Sectors { get; init; }
    public required ulong Methods { get; init; }
    public required string? Disaggregation { get; init; }
    public required string? Availability { get; init; }
    public required string? AssessmentStatus { get; init; }
    public required DateOnly? PeriodStart { get; init; }
    public required DateOnly? PeriodEnd { get; init; }
    public required byte VisibleTo { get; init; }
    public required byte DetailFor { get; init; }
    public required UnitRows Rows { get; init; }
    public required UnitRows? RedactedRows { get; init; }
    public required SplitRows Split { get; init; }

    /// <summary>The grid's pairs of the rows as a viewer with (or without) the detail sees them, for level_min state (made once).</summary>
    public PairRows GridPairs(bool detail, CountingUnits units) => detail || RedactedRows is null
        ? _pairs ??= PairRows.Of(Rows, 1, units)
        : _redactedPairs ??= PairRows.Of(RedactedRows, 1, units);
    PairRows? _pairs, _redactedPairs;
    /// <summary>Freshness on the day it was loaded for: rank (Datasets/Freshness.RankSql, 0 for null) and fresh-or-due.</summary>
    public required short FreshRank { get; init; }
    public required bool FreshOrDue { get; init; }
}

/// <summary>
/// dataset_units rows, each packed in one int so counting reads one array: the unit index (20 bits), the row's level,
/// resolution and down_resolution (4 bits each; ranks run 1–7).
/// </summary>
public sealed class UnitRows(int[] packed)
{
    public static readonly UnitRows Empty = new([]);
    public int[] Packed { get; } = packed;
    public int Count => Packed.Length;

    public static UnitRows Of(IReadOnlyList<int> unit, IReadOnlyList<byte> level, IReadOnlyList<byte> resolution, IReadOnlyList<byte> down) =>
        new([.. Enumerable.Range(0, unit.Count).Select(i => unit[i] | level[i] << 20 | resolution[i] << 24 | down[i] << 28)]);

    public static int Unit(int row) => row & 0xF_FFFF;
    public static int Level(int row) => (row >> 20) & 0xF;
    public static int Resolution(int row) => (row >> 24) & 0xF;
    public static int Down(int row) => row >>> 28;
}

/// <summary>dataset_split_units rows: unit index, level, resolution and unit_shown_without_detail(level).</summary>
public sealed record SplitRows(int[] Unit, byte[] Level, byte[] Resolution, bool[] ShownWithoutDetail)
{
    public static readonly SplitRows Empty = new([], [], [], []);
    public int Count => Unit.Length;
}
