namespace SeGeoCatalogue.Boundaries.Releases;

/// <summary>
/// The attribute names MIMU and the Myanmar COD-AB use, with their common variants, for each thing the catalogue
/// reads. Matched without regard to case; the first name a layer has wins and is reported.
/// </summary>
public static class MimuFields
{
    public static readonly IReadOnlyDictionary<string, string[]> Variants = new Dictionary<string, string[]>
    {
        ["st_pcode"] = ["ST_PCODE", "SR_PCODE", "ADM1_PCODE"],
        ["st_name_en"] = ["ST", "ST_NAME", "ST_NAME_E", "ST_NAME_EN", "ST_NAME_ENG", "SR_NAME_ENG", "ADM1_EN"],
        ["st_name_my"] = ["ST_NAME_M", "ST_NAME_MY", "ST_MMR", "ST_NAME_MMR", "SR_NAME_MMR", "ADM1_MY"],
        ["dt_pcode"] = ["DT_PCODE", "ADM2_PCODE"],
        ["dt_name_en"] = ["DT", "DT_NAME", "DT_NAME_E", "DT_NAME_EN", "DT_NAME_ENG", "ADM2_EN"],
        ["dt_name_my"] = ["DT_NAME_M", "DT_NAME_MY", "DT_MMR", "DT_NAME_MMR", "ADM2_MY"],
        ["ts_pcode"] = ["TS_PCODE", "ADM3_PCODE"],
        ["ts_name_en"] = ["TS", "TS_NAME", "TS_NAME_E", "TS_NAME_EN", "TS_NAME_ENG", "ADM3_EN"],
        ["ts_name_my"] = ["TS_NAME_M", "TS_NAME_MY", "TS_MMR", "TS_NAME_MMR", "ADM3_MY"],
        ["vt_pcode"] = ["VT_PCODE", "ADM4_PCODE"],
        ["vt_name_en"] = ["VT", "VT_NAME", "VT_NAME_E", "VT_NAME_EN", "VT_NAME_ENG", "ADM4_EN"],
        ["vt_name_my"] = ["VT_NAME_M", "VT_NAME_MY", "VT_MMR", "VT_NAME_MMR", "ADM4_MY"],
    };

    /// <summary>Which of a layer's attribute names stands for each catalogue field (only those it has).</summary>
    public static Dictionary<string, string> Map(IEnumerable<string> attributeNames)
    {
        var names = attributeNames.ToList();
        var map = new Dictionary<string, string>();
        foreach (var (field, variants) in Variants)
            if (variants.Select(v => names.FirstOrDefault(n => string.Equals(n, v, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(n => n is not null) is { } found)
                map[field] = found;
        return map;
    }
}
