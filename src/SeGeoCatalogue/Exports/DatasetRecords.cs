using Npgsql;
using SeGeoCatalogue.Access;

namespace SeGeoCatalogue.Exports;

/// <summary>
/// Dataset records as features, for OGC API Features, downloads and DCAT: one field list, rendered either as a
/// JSON properties object (GeoJSON) or as flat columns (CSV, GeoPackage, Shapefile), and one geometry rule.
/// </summary>
public static class DatasetRecords
{
    /// <summary>The fields of a record as features carry them. Callers add the visibility filter; this adds nothing about who sees what except the detail rule.</summary>
    public static readonly IReadOnlyList<ExportField> Fields =
    [
        new("id", "id", "d.id", ExportType.Integer),
        new("title", "title", "d.title"),
        new("summary", "summary", "d.summary"),
        new("holder_id", "holder_id", "d.holder_id", ExportType.Integer),
        new("holder", "holder", "o.name"),
        new("holder_acronym", "holder_acr", "o.acronym"),
        new("contact", "contact", "d.contact"),
        new("source", "source", "d.source"),
        new("sectors", "sectors", "d.sectors", ExportType.List),
        new("indicators", "indicators", "d.indicators", ExportType.List),
        new("disaggregation_level", "disagg_lvl", "d.disaggregation_level"),
        new("methods", "methods", "d.methods", ExportType.List),
        new("spatial_completeness", "completene", "d.spatial_completeness"),
        new("period_start", "per_start", "d.period_start", ExportType.Date),
        new("period_end", "per_end", "d.period_end", ExportType.Date),
        new("collected_on", "collected", "d.collected_on", ExportType.Date),
        new("update_frequency", "update_frq", "d.update_frequency"),
        new("availability", "availabil", "d.availability"),
        new("formats", "formats", "d.formats", ExportType.List),
        new("links", "links", "d.links", ExportType.Links),
        new("assessment_status", "assess_st", "d.assessment_status"),
        new("curation_state", "curation", "d.curation_state"),
        new("visibility", "visibility", "d.visibility"),
        new("footprint_sensitive", "fp_sensit", "d.footprint_sensitive", ExportType.Boolean),
        new("is_demo", "is_demo", "d.is_demo", ExportType.Boolean),
        new("created_at", "created", "d.created_at", ExportType.Timestamp),
        new("updated_at", "updated", "d.updated_at", ExportType.Timestamp),
        new("pcodes", "pcodes", Pcodes, ExportType.List),
    ];

    /// <summary>The linked pcodes the viewer may see: without the detail, township and coarser only.</summary>
    public const string Pcodes = """
        ARRAY(SELECT DISTINCT l.pcode FROM dataset_links l JOIN admin_units lu ON lu.pcode = l.pcode
              WHERE l.dataset_id = d.id AND (g.detail OR unit_shown_without_detail(lu.level)) ORDER BY l.pcode)
        """;

    /// <summary>A GeoJSON Feature per row (text), id = the record id.</summary>
    public static string FeatureJson => $"""
        json_build_object('type', 'Feature', 'id', d.id,
          'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(g.geom), 6)::json, -- RFC 7946: exterior rings counterclockwise
          'properties', {PropertiesJson})::text
        """;

    public static string PropertiesJson =>
        $"json_build_object({string.Join(", ", Fields.Select(f => $"'{f.Name}', {f.Sql}"))})";

    /// <summary>
    /// SELECT <paramref name="columns"/> over visible records (<paramref name="where"/> must hold the visibility filter),
    /// with <c>o</c> the holder and <c>g.geom</c> the record's geometry: the footprint, else the union of its linked
    /// units; when the viewer may not see a sensitive record's detail, the union of the townships (or coarser units) it touches.
    /// Units contribute their stored display geometry (simplified as one coverage per level, so neighbours still meet):
    /// a union of full polygons per request cost ~0.1 s per record.
    /// </summary>
    public static string Select(string columns, string where, NpgsqlCommand cmd, Viewer viewer) => $"""
        SELECT {columns}
        FROM datasets d
        JOIN organisations o ON o.id = d.holder_id
        CROSS JOIN LATERAL (SELECT {DatasetVisibility.SeesDetailSql(viewer, cmd)} AS detail) v
        CROSS JOIN LATERAL (
          SELECT v.detail, ST_Multi(CASE WHEN d.footprint IS NOT NULL AND v.detail THEN d.footprint
                 ELSE (SELECT ST_Union(coalesce(u.display_geom, u.geom)) FROM admin_units u WHERE u.pcode IN (
                         SELECT CASE WHEN v.detail THEN du.pcode ELSE unit_or_its_township(lu.pcode, lu.level) END
                         FROM dataset_units du JOIN admin_units lu ON lu.pcode = du.pcode
                         WHERE du.dataset_id = d.id)) END) AS geom) g
        WHERE {where}
        """;
}
