namespace SeGeoCatalogue.Coverage.Counting;

/// <summary>
/// The township × sector grid from <see cref="CountingTables"/>, the same cells as CoverageGridApi's statement (its
/// oracle in the property test): each record's rows reduced to one pair per township-or-coarser unit, counted per unit
/// and sector; a township's cell = its pairs + its district's and state's that reach it; a state subtotal counts the
/// records with any pair in the state.
/// </summary>
static class GridCounting
{
    public static CoverageGridApi.GridTable Count(CountingTables t, CoverageRequest request, CountingSelection selection, List<string> sectors)
    {
        var units = t.Units;
        int n = units.Count, s = sectors.Count, levelMin = request.LevelMin, here3 = Math.Max(levelMin, 3);
        var bits = sectors.Select(CountingVocabulary.Sectors.BitOf).ToArray();
        int[] pn = new int[n * s], pdn = new int[n * s], phere = new int[n * s], pinside = new int[n * s], pdhere = new int[n * s], whole = new int[n * s];
        byte[] pres = new byte[n * s], pdres = new byte[n * s];
        int[] stn = new int[n * s];
        byte[] stres = new byte[n * s];

        var stateStamp = new int[n];
        var stateRes = new byte[n];
        var states = new List<int>();
        var mine = new List<int>();
        foreach (var (slot, detail) in selection.Records)
        {
            var record = t.Records[slot];
            mine.Clear();
            for (var k = 0; k < s; k++)
                if ((record.Sectors & (1UL << bits[k])) != 0) mine.Add(k);
            if (mine.Count == 0) continue;

            var pairs = levelMin == 1 ? record.GridPairs(detail, units) : PairRows.Of(CountingSelection.RowsOf(record, detail), levelMin, units);
            states.Clear();
            for (var j = 0; j < pairs.Unit.Length; j++)
            {
                var p = pairs.Unit[j];
                foreach (var k in mine)
                {
                    var c = p * s + k;
                    pn[c]++;
                    pres[c] = Math.Max(pres[c], pairs.Res[j]);
                    if (pairs.Down[j] >= levelMin)
                    {
                        pdn[c]++;
                        pdres[c] = Math.Max(pdres[c], pairs.Down[j]);
                    }
                    if (!pairs.Inside[j] && pairs.Res[j] >= 3) phere[c]++;
                    if (pairs.Inside[j]) pinside[c]++;
                    if (pairs.Down[j] >= here3) pdhere[c]++;
                }
                var st = units.GridState[p];
                if (st < 0) continue;
                if (stateStamp[st] != slot + 1)
                {
                    stateStamp[st] = slot + 1;
                    stateRes[st] = 0;
                    states.Add(st);
                }
                stateRes[st] = Math.Max(stateRes[st], pairs.Res[j]);
            }
            foreach (var st in states)
                foreach (var k in mine)
                {
                    stn[st * s + k]++;
                    stres[st * s + k] = Math.Max(stres[st * s + k], stateRes[st]);
                }
            var split = record.Split;
            for (var i = 0; i < split.Count; i++)
                if (split.Level[i] == 3 && split.Resolution[i] >= here3)
                    foreach (var k in mine) whole[split.Unit[i] * s + k]++;
        }

        var rowsOut = new List<CoverageGridApi.Row>();
        var withTownships = new HashSet<string>();
        for (var u = 0; u < n; u++)
        {
            if (units.Level[u] != 3 || units.Retired[u] || (request.State is not null && units.StatePcode[u] != request.State)) continue;
            if (units.StatePcode[u] is { } sp) withTownships.Add(sp);
            var cells = new Dictionary<string, CoverageGridApi.Cell>();
            int d = units.District[u], st = units.State[u];
            for (var k = 0; k < s; k++)
            {
                bool Has(int a) => a >= 0 && pn[a * s + k] > 0;
                if (!Has(u) && !Has(d) && !Has(st))
                {
                    cells[sectors[k]] = new(0, null, "none");
                    continue;
                }
                int At(int[] self, int[] wider, int a) => a < 0 ? 0 : a == u ? self[a * s + k] : wider[a * s + k];
                var count = At(pn, pdn, u) + At(pn, pdn, d) + At(pn, pdn, st);
                var finest = Math.Max(pres[u * s + k], Math.Max(d >= 0 ? pdres[d * s + k] : (byte)0, st >= 0 ? pdres[st * s + k] : (byte)0));
                var hereN = At(phere, pdhere, u) + At(phere, pdhere, d) + At(phere, pdhere, st);
                var cls = hereN + whole[u * s + k] > 0 ? "here" : pinside[u * s + k] > 0 ? "partly" : count > 0 ? "coarser" : "none";
                cells[sectors[k]] = new(count, UnitCounting.LevelNames[finest], cls);
            }
            rowsOut.Add(new(units.Pcode[u], units.NameEn[u], units.NameMy[u], units.StatePcode[u]!, cells));
        }

        var subtotals = new List<CoverageGridApi.StateSubtotal>();
        for (var u = 0; u < n; u++)
        {
            if (units.Level[u] != 1 || units.Retired[u] || (request.State is not null && units.Pcode[u] != request.State)
                || !withTownships.Contains(units.Pcode[u])) continue;
            var cells = new Dictionary<string, CoverageGridApi.Cell>();
            for (var k = 0; k < s; k++)
                cells[sectors[k]] = stn[u * s + k] == 0 ? new(0, null) : new(stn[u * s + k], UnitCounting.LevelNames[stres[u * s + k]]);
            subtotals.Add(new(units.Pcode[u], units.NameEn[u], units.NameMy[u], cells));
        }
        return new CoverageGridApi.GridTable("township", sectors, rowsOut, subtotals);
    }
}

/// <summary>
/// A record's rows reduced to one pair per township-or-coarser unit (unit_or_its_township): the finest resolution and
/// down-resolution there and whether any row lies inside a township. Made once per record for the common level_min.
/// </summary>
public sealed record PairRows(int[] Unit, byte[] Res, byte[] Down, bool[] Inside)
{
    public static PairRows Of(UnitRows rows, int levelMin, CountingUnits units)
    {
        var unit = new List<int>(4);
        var res = new List<byte>(4);
        var down = new List<byte>(4);
        var inside = new List<bool>(4);
        foreach (var row in rows.Packed)
        {
            int resolution = UnitRows.Resolution(row);
            if (resolution < levelMin) continue;
            var p = units.OrItsTownship[UnitRows.Unit(row)];
            if (p < 0) continue;
            var j = unit.IndexOf(p);
            if (j < 0)
            {
                unit.Add(p);
                res.Add(0);
                down.Add(0);
                inside.Add(false);
                j = unit.Count - 1;
            }
            res[j] = Math.Max(res[j], (byte)resolution);
            down[j] = Math.Max(down[j], (byte)UnitRows.Down(row));
            inside[j] |= UnitRows.Level(row) > 3;
        }
        return new([.. unit], [.. res], [.. down], [.. inside]);
    }
}
