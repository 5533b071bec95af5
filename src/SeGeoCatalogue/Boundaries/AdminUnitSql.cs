namespace SeGeoCatalogue.Boundaries;

/// <summary>How admin units leave the database: as GeoJSON Features rendered by PostGIS.</summary>
public static class AdminUnitSql
{
    /// <summary>The API name of the row's <c>level</c> column.</summary>
    public static readonly string LevelName = AdminLevels.SqlName("level");

    /// <summary>A Feature per row; @geometry is 'full', 'simplified' or 'none'.</summary>
    public static readonly string Feature = $"""
        json_build_object(
          'type', 'Feature',
          'id', pcode,
          'geometry', CASE @geometry WHEN 'full' THEN ST_AsGeoJSON(geom, 6)::json
                                     WHEN 'simplified' THEN ST_AsGeoJSON(display_geom, 6)::json END,
          'properties', json_build_object(
            'pcode', pcode, 'level', {LevelName}, 'unit_type', unit_type,
            'name_en', name_en, 'name_my', name_my, 'parent_pcode', parent_pcode,
            'state_pcode', state_pcode, 'district_pcode', district_pcode, 'township_pcode', township_pcode,
            'area_km2', round(area_km2::numeric, 3), 'retired_at', retired_at))::text
        """;

    public static readonly string[] GeometryChoices = ["simplified", "full", "none"];
}
