namespace SeGeoCatalogue.Boundaries;

/// <summary>How one boundary file maps onto admin units: which property holds what.</summary>
public sealed record BoundaryLayer(
    string FileName,
    AdminLevel Level,
    string PcodeField,
    string NameEnField,
    string NameMyField,
    string ParentField,
    /// <summary>Display simplification tolerance in degrees (≈ 111 km per degree).</summary>
    double DisplayTolerance)
{
    /// <summary>In import order: each layer's parents come from the one before.</summary>
    public static readonly IReadOnlyList<BoundaryLayer> All =
    [
        new("townships.geojson", AdminLevel.Township, "ts_pcode", "ts_name_en", "ts_name_my", "dt_pcode", 0.002),
        new("village_tracts.geojson", AdminLevel.VillageTract, "vt_pcode", "vt_name_en", "vt_name_my", "ts_pcode", 0.0005),
        new("wards.geojson", AdminLevel.Ward, "ward_pcode", "ward_name_en", "ward_name_my", "town_pcode", 0.0001),
    ];

    /// <summary>States and districts are dissolved from townships and simplified with these tolerances.</summary>
    public static readonly IReadOnlyDictionary<AdminLevel, double> DerivedTolerance = new Dictionary<AdminLevel, double>
    {
        [AdminLevel.State] = 0.005,
        [AdminLevel.District] = 0.003,
    };
}
