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
        new("id", "id", "d.id", ExportType.Integer, "#meta+id"),
        new("title", "title", "d.title", Hxl: "#meta+title"),
        new("summary", "summary", "d.summary", Hxl: "#description"),
        new("holder_id", "holder_id", "d.holder_id", ExportType.Integer, "#org+code"),
        new("holder", "holder", "o.name", Hxl: "#org+name"),
        new("holder_acronym", "holder_acr", "o.acronym", Hxl: "#org+acronym"),
        new("contact", "contact", "d.contact", Hxl: "#contact"),
        new("source", "source", "d.source", Hxl: "#meta+source"),
        new("license", "license", "d.license", Hxl: "#meta+license"),
        new("sectors", "sectors", "d.sectors", ExportType.List, "#sector+code+list"),
        new("indicators", "indicators", "d.indicators", ExportType.List, "#indicator+name+list"),
        new("disaggregation_level", "disagg_lvl", "d.disaggregation_level", Hxl: "#meta+level"),
        new("methods", "methods", "d.methods", ExportType.List, "#meta+method+list"),
        new("spatial_completeness", "completene", "d.spatial_completeness", Hxl: "#meta+completeness"),
        new("period_start", "per_start", "d.period_start", ExportType.Date, "#date+start"),
        new("period_end", "per_end", "d.period_end", ExportType.Date, "#date+end"),
        new("collected_on", "collected", "d.collected_on", ExportType.Date, "#date+collected"),
        new("update_frequency", "update_frq", "d.update_frequency", Hxl: "#meta+frequency"),
        new("availability", "availabil", "d.availability", Hxl: "#access"),
        new("formats", "formats", "d.formats", ExportType.List, "#meta+format+list"),
        new("links", "links", "d.links", ExportType.Links, "#meta+url+list"),
        new("assessment_status", "assess_st", "d.assessment_status", Hxl: "#status"),
        new("curation_state", "curation", "d.curation_state", Hxl: "#status+curation"),
        new("visibility", "visibility", "d.visibility", Hxl: "#access+visibility"),
        new("footprint_sensitive", "fp_sensit", "d.footprint_sensitive", ExportType.Boolean, "#meta+sensitive"),
        new("is_demo", "is_demo", "d.is_demo", ExportType.Boolean, "#meta+demo"),
        new("created_at", "created", "d.created_at", ExportType.Timestamp, "#date+created"),
        new("updated_at", "updated", "d.updated_at", ExportType.Timestamp, "#date+updated"),
        new("pcodes", "pcodes", Pcodes, ExportType.List, "#loc+code+list"),
    ];

    /// <summary>
    /// Columns a CSV download adds with hxl=1, after the record's own: the states and townships its linked units lie in,
    /// as HXL readers expect admin codes (#adm1+code, #adm3+code). Township and coarser, so every viewer may see them.
    /// </summary>
    public static readonly IReadOnlyList<ExportField> HxlAdminFields =
    [
        new("state_pcodes", "st_pcodes", """
            ARRAY(SELECT DISTINCT coalesce(lu.state_pcode, lu.pcode) FROM dataset_links l JOIN admin_units lu ON lu.pcode = l.pcode
                  WHERE l.dataset_id = d.id ORDER BY 1)
            """, ExportType.List, "#adm1+code+list"),
        new("township_pcodes", "ts_pcodes", """
            ARRAY(SELECT DISTINCT coalesce(lu.township_pcode, lu.pcode) FROM dataset_links l JOIN admin_units lu ON lu.pcode = l.pcode
                  WHERE l.dataset_id = d.id AND lu.level >= 3 ORDER BY 1)
            """, ExportType.List, "#adm3+code+list"),
    ];

    /// <summary>The linked pcodes the viewer may see: without the detail, township and coarser only.</summary>
    public const string Pcodes = """
        ARRAY(SELECT DISTINCT l.pcode FROM dataset_links l JOIN admin_units lu ON lu.pcode = l.pcode
              WHERE l.dataset_id = d.id AND (g.detail OR unit_shown_without_detail(lu.level)) ORDER BY l.pcode)
        """;

    /// <summary>A GeoJSON Feature per row (text), id = the record id.</summary>
    public static string FeatureJson => $"""
        json_build_object('type', 'Feature', 'id', d.id,
          'geometry', ST_AsGeoJSON(g.geom, 6)::json, -- stored with exterior rings counterclockwise (RFC 7946)
          'properties', {PropertiesJson})::text
        """;

    public static string PropertiesJson =>
        $"json_build_object({string.Join(", ", Fields.Select(f => $"'{f.Name}', {f.Sql}"))})";

    /// <summary>
    /// SELECT <paramref name="columns"/> over visible records (<paramref name="where"/> must hold the visibility filter),
    /// with <c>o</c> the holder and <c>g.geom</c> the record's geometry as stored (Data/Sql/60-dataset-geometry.sql):
    /// the footprint, else the union of its units' display geometries; when the viewer may not see a sensitive record's
    /// detail, its coarse geometry (the townships or coarser units it touches). Stored counterclockwise (RFC 7946).
    /// </summary>
    public static string Select(string columns, string where, NpgsqlCommand cmd, Viewer viewer) => $"""
        SELECT {columns}
        FROM datasets d
        JOIN organisations o ON o.id = d.holder_id
        CROSS JOIN LATERAL (SELECT {DatasetVisibility.SeesDetailSql(viewer, cmd)} AS detail) v
        CROSS JOIN LATERAL (SELECT v.detail, {ServedGeometry("v.detail")} AS geom) g
        WHERE {where}
        """;

    /// <summary>
    /// <see cref="Select"/> over one page (<c>@limit</c>, <c>@offset</c>) in <paramref name="orderBy"/> order: the page's ids are
    /// chosen first, so the rows an OFFSET skips cost no JSON or geometry (page 91 of 100 records: 1.1 s → the cost of page 1).
    /// </summary>
    public static string Page(string columns, string where, NpgsqlCommand cmd, Viewer viewer, string orderBy = "d.id") => $"""
        {Select(columns, $"d.id IN ({Select("d.id", where, cmd, viewer)} ORDER BY {orderBy} LIMIT @limit OFFSET @offset)", cmd, viewer)}
        ORDER BY {orderBy}
        """;

    /// <summary>The stored geometry a viewer gets, given the SQL of whether they see the record's detail.</summary>
    public static string ServedGeometry(string detail) => $"CASE WHEN {detail} THEN d.geometry ELSE d.geometry_coarse END";
}
