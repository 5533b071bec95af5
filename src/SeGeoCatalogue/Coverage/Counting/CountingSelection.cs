using SeGeoCatalogue.Access;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Coverage.Counting;

/// <summary>
/// The records a request counts, as DatasetFilter.ToSql selects them, for the filters counting covers: sector, method,
/// holder, level, availability, status, period, level_min and fresh=only. Anything else (full text, indicators, pcode,
/// bbox, geometry, a viewer kind it does not know) is answered by SQL (<see cref="Covers"/> says so).
/// </summary>
public sealed class CountingSelection
{
    /// <summary>Record slots selected, with whether the viewer sees each in detail.</summary>
    public required List<(int Slot, bool Detail)> Records { get; init; }

    public static bool Covers(CoverageRequest request, Viewer viewer) =>
        ViewerKind.For(viewer) is not null
        && request.Geometry == "none"
        && request.Filter is { Text: null, Indicators.Count: 0, Pcode: null, Box: null }
        && (request.Filter.FreshOn is null || request.Filter.FreshOn == request.Today)
        && request.Filter.Sectors.All(s => Vocabularies.Contains(Vocabularies.Sectors, s))
        && request.Filter.Methods.All(m => Vocabularies.Contains(Vocabularies.Methods, m));

    /// <summary>The viewer's rows of a record: all of them, or as seen without its detail.</summary>
    public static UnitRows RowsOf(CountedRecord r, bool detail) => detail ? r.Rows : r.RedactedRows ?? r.Rows;

    public static CountingSelection Select(CountingTables tables, DatasetFilter filter, Viewer viewer)
    {
        var kind = ViewerKind.For(viewer) ?? throw new InvalidOperationException("Counting does not cover this viewer; check Covers first.");
        var sectors = CountingVocabulary.Sectors.Bits(filter.Sectors);
        var methods = CountingVocabulary.Methods.Bits(filter.Methods);
        var holders = filter.Holders.ToHashSet();
        var period = filter.From is not null || filter.To is not null;
        DateOnly from = filter.From ?? DateOnly.MinValue, to = filter.To ?? DateOnly.MaxValue;
        var selected = new List<(int, bool)>();
        for (var slot = 0; slot < tables.Records.Length; slot++)
        {
            var r = tables.Records[slot];
            var bit = kind(r.HolderId);
            if ((r.VisibleTo & bit) == 0) continue;
            if (sectors != 0 && (r.Sectors & sectors) == 0) continue;
            if (methods != 0 && (r.Methods & methods) == 0) continue;
            if (filter.Levels.Count > 0 && (r.Disaggregation is null || !filter.Levels.Contains(r.Disaggregation))) continue;
            if (filter.Availability.Count > 0 && (r.Availability is null || !filter.Availability.Contains(r.Availability))) continue;
            if (filter.AssessmentStatuses.Count > 0 && (r.AssessmentStatus is null || !filter.AssessmentStatuses.Contains(r.AssessmentStatus))) continue;
            if (holders.Count > 0 && (r.HolderId is not { } h || !holders.Contains(h))) continue;
            if (filter.FreshOn is not null && !tables.FreshOrDue[slot]) continue;
            // The reference period overlaps [from, to]: an open end is unbounded, no period at all is out.
            if (period && (r.PeriodStart is null && r.PeriodEnd is null
                           || (r.PeriodEnd ?? DateOnly.MaxValue) < from || (r.PeriodStart ?? DateOnly.MinValue) > to)) continue;
            var detail = (r.DetailFor & bit) != 0;
            if (filter.LevelMin > 1 && !AnyAtLeast(RowsOf(r, detail), filter.LevelMin)) continue;
            selected.Add((slot, detail));
        }
        return new CountingSelection { Records = selected };
    }

    static bool AnyAtLeast(UnitRows rows, short levelMin)
    {
        foreach (var row in rows.Packed)
            if (UnitRows.Resolution(row) >= levelMin) return true;
        return false;
    }
}
