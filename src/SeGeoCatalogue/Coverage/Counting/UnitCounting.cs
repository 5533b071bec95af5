
namespace SeGeoCatalogue.Coverage.Counting;

/// <summary>
/// Coverage of every unit at one level from <see cref="CountingTables"/>: the same numbers as <see cref="CoverageSql.Units"/>
/// (its oracle in CoverageCountingPropertyTests), step by step — "own" per unit with rows, roll-down from the unit's
/// township, district and state, "up" as distinct records beneath the unit (roll-up by parent index), "whole" from the
/// split units, and the share of child units with data. Resolutions and freshness ranks use 0 for "none".
/// </summary>
static class UnitCounting
{
    public static List<UnitCoverage> Count(CountingTables t, CoverageRequest request, CountingSelection selection)
    {
        var units = t.Units;
        int n = units.Count, level = (int)request.Level, levelMin = request.LevelMin, downHere = Math.Max(levelMin, level);
        var own = new Aggregate(n);
        var up = new Aggregate(n);
        var whole = new Aggregate(n);

        // One pass over the selected records' rows. A row on a unit of the level feeds that unit ("own"); a row on a
        // coarser unit feeds the units beneath by roll-down (the "d" counters); a row on a finer unit counts its record
        // once for the unit of the level above it (roll-up, "up", distinct by record).
        var ancestor = units.AncestorsAt(level);
        var stamp = new int[n];
        var sure = new bool[n];
        var touched = new List<int>();
        var unsure = new List<(int Key, int Unit, int Record)>();
        // The arrays as locals: the loop below runs once per row (≈ 900 k at 100,000 records).
        int[] ownN = own.N, ownNl = own.Nl, ownDn = own.Dn, ownDnl = own.Dnl;
        byte[] ownRes = own.Res, ownDres = own.Dres, unitLevels = units.Level;
        short[] ownFr = own.Fr, ownDfr = own.Dfr;
        var titles = request.WithTitles;
        foreach (var (slot, detail) in selection.Records)
        {
            var rows = CountingSelection.RowsOf(t.Records[slot], detail);
            var fr = t.FreshRank[slot];
            var packed = rows.Packed;
            touched.Clear();
            foreach (var row in packed)
            {
                int res = UnitRows.Resolution(row), u = UnitRows.Unit(row), unitLevel = unitLevels[u];
                if (res < levelMin) continue;
                if (unitLevel == level)
                {
                    ownN[u]++;
                    ownRes[u] = Math.Max(ownRes[u], (byte)res);
                    if (res >= level) ownNl[u]++;
                    ownFr[u] = MinRank(ownFr[u], fr);
                    if (titles) own.Top.Add(u, slot);
                }
                else if (unitLevel < level)
                {
                    int down = UnitRows.Down(row);
                    if (down >= levelMin)
                    {
                        ownDn[u]++;
                        ownDres[u] = Math.Max(ownDres[u], (byte)down);
                        ownDfr[u] = MinRank(ownDfr[u], fr);
                        if (titles) own.Dtop.Add(u, slot);
                    }
                    if (down >= downHere) ownDnl[u]++;
                }
                else
                {
                    ownN[u]++;
                    ownRes[u] = Math.Max(ownRes[u], (byte)res);
                    var key = ancestor[u];
                    if (key < 0) continue;
                    if (stamp[key] != slot + 1)
                    {
                        stamp[key] = slot + 1;
                        sure[key] = false;
                        touched.Add(key);
                    }
                    // As in the SQL, a record's resolution beneath the unit is the finest any record has at the units
                    // it shares (own.Res, known only after the pass), not its own: a row at the level or finer is sure.
                    if (res >= level) sure[key] = true;
                    else unsure.Add((key, u, slot));
                }
            }
            foreach (var key in touched)
            {
                up.N[key]++;
                if (sure[key]) up.Nl[key]++;
                else unsure.Add((key, -1, slot));
                up.Fr[key] = MinRank(up.Fr[key], fr);
                if (titles) up.Top.Add(key, slot);
            }

            // whole: the record linked to the unit itself and to units inside it (DatasetUnits split the link).
            var split = t.Records[slot].Split;
            for (var i = 0; i < split.Count; i++)
            {
                if (split.Level[i] != level || split.Resolution[i] < downHere || !(detail || split.ShownWithoutDetail[i])) continue;
                var u = split.Unit[i];
                whole.N[u]++;
                whole.Res[u] = Math.Max(whole.Res[u], split.Resolution[i]);
                whole.Fr[u] = MinRank(whole.Fr[u], t.FreshRank[slot]);
            }
        }

        // up: the finest resolution beneath each unit, and the records not sure to count as collected (see above).
        for (var u = 0; u < n; u++)
            if (own.N[u] > 0 && units.Level[u] > level && ancestor[u] >= 0)
                up.Res[ancestor[u]] = Math.Max(up.Res[ancestor[u]], own.Res[u]);
        var settled = new HashSet<(int Key, int Record)>();
        foreach (var (key, u, record) in unsure)
            if (u >= 0 && own.Res[u] >= level) settled.Add((key, record));
        foreach (var (key, u, record) in unsure)
            if (u < 0 && settled.Contains((key, record))) up.Nl[key]++;

        // kids: how many units of the next level have rows inside, of how many there are.
        var covered = new int[n];
        var total = new int[n];
        var seen = new HashSet<(int, int)>();
        for (var u = 0; u < n; u++)
        {
            if (units.Level[u] == level + 1 && !units.Retired[u] && units.ParentAt(level + 1, u) is >= 0 and var parent) total[parent]++;
            if (own.N[u] == 0 || units.Level[u] <= level) continue;
            int key = units.ParentAt(level + 1, u), child = units.AncestorAt(level + 1, u);
            if (key >= 0 && child >= 0 && seen.Add((key, child))) covered[key]++;
        }

        var result = new List<UnitCoverage>();
        var listed = new List<int>();
        for (var u = 0; u < n; u++)
        {
            if (units.Level[u] != level || units.Retired[u] || (request.State is not null && units.StatePcode[u] != request.State)) continue;
            int o3 = units.Level[u] > 3 ? units.Township[u] : -1, o2 = units.Level[u] > 2 ? units.District[u] : -1, o1 = units.Level[u] > 1 ? units.State[u] : -1;
            var downN = own.N[u] + own.DnAt(o3) + own.DnAt(o2) + own.DnAt(o1);
            var hereN = own.Nl[u] + own.DnlAt(o3) + own.DnlAt(o2) + own.DnlAt(o1);
            int finest = Max(own.Res[u], own.DresAt(o3), own.DresAt(o2), own.DresAt(o1), up.Res[u], whole.Res[u]);
            var freshest = MinRank(MinRank(MinRank(own.Fr[u], own.DfrAt(o3)), MinRank(own.DfrAt(o2), own.DfrAt(o1))), MinRank(up.Fr[u], whole.Fr[u]));
            var cls = hereN + whole.N[u] > 0 ? "here" : up.N[u] > 0 ? "partly" : downN > 0 ? "coarser" : "none";
            var share = cls == "here" ? 1 : cls == "partly" && total[u] > 0 ? (double)covered[u] / total[u] : 0;

            listed.Clear();
            if (titles)
            {
                own.Top.MergeInto(listed, u);
                foreach (var a in (ReadOnlySpan<int>)[o3, o2, o1]) own.Dtop.MergeInto(listed, a);
                up.Top.MergeInto(listed, u);
            }
            result.Add(new UnitCoverage(units.Pcode[u], units.NameEn[u], units.NameMy[u], units.StatePcode[u]!, units.TownshipPcode[u],
                downN + up.N[u], LevelNames[finest], Math.Round(share, 4), DatasetsJson(t, listed), null, cls, hereN + up.Nl[u],
                Datasets.Freshness.StateOfRank(freshest == 0 ? null : freshest)));
        }
        return result;
    }

    static int Max(params ReadOnlySpan<byte> values)
    {
        var max = 0;
        foreach (var v in values) max = Math.Max(max, v);
        return max;
    }

    /// <summary>The lesser freshness rank, 0 standing for none.</summary>
    public static short MinRank(short a, short b) => a == 0 ? b : b == 0 ? a : Math.Min(a, b);

    /// <summary>The API name of each resolution rank (0: none).</summary>
    public static readonly string?[] LevelNames = [.. Enumerable.Range(0, 9).Select(r => UnitCoverage.LevelName(r == 0 ? null : (short)r))];

    /// <summary>[{"id":…,"title":…}] of the listed records, first by title.</summary>
    static string DatasetsJson(CountingTables t, List<int> slots) => slots.Count switch
    {
        0 => "[]",
        _ => $"[{string.Join(",", slots.Select(s => t.Records[s].Json))}]",
    };

    /// <summary>Per-unit counters, indexed by unit.</summary>
    sealed class Aggregate(int n)
    {
        public readonly int[] N = new int[n], Nl = new int[n], Dn = new int[n], Dnl = new int[n];
        public readonly byte[] Res = new byte[n], Dres = new byte[n];
        public readonly short[] Fr = new short[n], Dfr = new short[n];
        public readonly TopFive Top = new(n), Dtop = new(n);

        public int DnAt(int u) => u < 0 ? 0 : Dn[u];
        public int DnlAt(int u) => u < 0 ? 0 : Dnl[u];
        public byte DresAt(int u) => u < 0 ? (byte)0 : Dres[u];
        public short DfrAt(int u) => u < 0 ? (short)0 : Dfr[u];
    }
}
