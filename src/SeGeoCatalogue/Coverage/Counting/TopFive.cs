namespace SeGeoCatalogue.Coverage.Counting;

/// <summary>Per unit, the five records first by title (their slots, ordered by PostgreSQL's title rank).</summary>
sealed class TopFive(int units, int[] titleRank)
{
    const int N = 5;
    readonly int[] _slots = new int[units * N];
    readonly byte[] _count = new byte[units];

    public void Add(int unit, int slot)
    {
        var start = unit * N;
        int count = _count[unit], rank = titleRank[slot];
        if (count == N && titleRank[_slots[start + N - 1]] <= rank) return;
        var i = count == N ? N - 1 : count;
        while (i > 0 && titleRank[_slots[start + i - 1]] > rank)
        {
            _slots[start + i] = _slots[start + i - 1];
            i--;
        }
        _slots[start + i] = slot;
        if (count < N) _count[unit] = (byte)(count + 1);
    }

    public ReadOnlySpan<int> Of(int unit) => unit < 0 ? [] : _slots.AsSpan(unit * N, _count[unit]);

    /// <summary>Adds the unit's list to <paramref name="into"/>, each record once.</summary>
    public void AddTo(List<int> into, int unit)
    {
        foreach (var s in Of(unit))
            if (!into.Contains(s)) into.Add(s);
    }

    /// <summary>The first five of a merged list, by title.</summary>
    public static List<int> FirstFive(List<int> all, int[] titleRank)
    {
        all.Sort((a, b) => titleRank[a].CompareTo(titleRank[b]));
        if (all.Count > N) all.RemoveRange(N, all.Count - N);
        return all;
    }
}
