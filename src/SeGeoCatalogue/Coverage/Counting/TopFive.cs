namespace SeGeoCatalogue.Coverage.Counting;

/// <summary>
/// Per unit, the first five records by title. Record slots are in PostgreSQL's title order (<see cref="CountingTables"/>)
/// and counting visits them in slot order, so a unit's first five are the first five added.
/// </summary>
sealed class TopFive(int units)
{
    public const int N = 5;
    readonly int[] _slots = new int[units * N];
    readonly byte[] _count = new byte[units];

    /// <summary>Adds a record; slots must come in ascending order.</summary>
    public void Add(int unit, int slot)
    {
        var count = _count[unit];
        if (count == N) return;
        _slots[unit * N + count] = slot;
        _count[unit] = (byte)(count + 1);
    }

    public ReadOnlySpan<int> Of(int unit) => unit < 0 ? [] : _slots.AsSpan(unit * N, _count[unit]);

    /// <summary>Merges the unit's list into <paramref name="into"/> (ascending, distinct, at most five).</summary>
    public void MergeInto(List<int> into, int unit)
    {
        foreach (var s in Of(unit))
        {
            var i = into.BinarySearch(s);
            if (i >= 0) continue;
            i = ~i;
            if (i >= N) break;
            into.Insert(i, s);
            if (into.Count > N) into.RemoveAt(N);
        }
    }
}
