namespace SeGeoCatalogue.Coverage.Counting;

/// <summary>
/// Every admin unit (retired ones too: old links may point at them) as integer indexes, in PostgreSQL's pcode order.
/// Parents are indexes (-1 for none). What the visibility rule says of a unit (shown without a record's detail, the
/// unit shown in its place) is read from the SQL functions of 40-visibility.sql when the table is loaded.
/// </summary>
public sealed class CountingUnits
{
    public required string[] Pcode { get; init; }
    public required string?[] NameEn { get; init; }
    public required string?[] NameMy { get; init; }
    public required byte[] Level { get; init; }
    public required int[] Parent { get; init; }
    /// <summary>state_pcode and township_pcode as stored.</summary>
    public required string?[] StatePcode { get; init; }
    public required string?[] TownshipPcode { get; init; }
    public required int[] State { get; init; }
    public required int[] District { get; init; }
    public required int[] Township { get; init; }
    public required bool[] Retired { get; init; }
    /// <summary>unit_shown_without_detail(level).</summary>
    public required bool[] ShownWithoutDetail { get; init; }
    /// <summary>unit_or_its_township(pcode, level), -1 when no unit has that pcode.</summary>
    public required int[] OrItsTownship { get; init; }
    /// <summary>The grid's state key of a unit (left(pcode, 6)), -1 when no unit has that pcode.</summary>
    public required int[] GridState { get; init; }
    public required Dictionary<string, int> Index { get; init; }

    public int Count => Pcode.Length;

    /// <summary>The ancestor at <paramref name="level"/> of unit <paramref name="u"/> at that level or below (CoverageSql.AncestorAt).</summary>
    public int AncestorAt(int level, int u) => level switch
    {
        1 => State[u],
        2 => District[u],
        3 => Township[u],
        4 => Level[u] == 4 ? u : Parent[u],
        _ => u,
    };

    /// <summary><see cref="AncestorAt"/> for every unit, made once per level.</summary>
    public int[] AncestorsAt(int level) => _ancestors[level] ??= [.. Enumerable.Range(0, Count).Select(u => AncestorAt(level, u))];
    readonly int[]?[] _ancestors = new int[]?[8];

    /// <summary>The parent column of units of <paramref name="childLevel"/> (CoverageSql.ParentColumn).</summary>
    public int ParentAt(int childLevel, int u) => childLevel switch
    {
        2 => State[u],
        3 => District[u],
        4 => Township[u],
        _ => Parent[u],
    };
}
