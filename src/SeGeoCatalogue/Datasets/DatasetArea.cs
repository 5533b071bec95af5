using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Datasets;

/// <summary>GET /api/datasets/{id}/area: the linked units as GeoJSON with origin and share, and the footprint.</summary>
public static class DatasetArea
{
    public static async Task<IResult> GetAsync(int id, HttpRequest request, CatalogueReads reads, IViewerAccessor viewers,
        CancellationToken ct, string? geometry = null)
    {
        var mode = string.IsNullOrWhiteSpace(geometry) ? "simplified" : geometry.Trim().ToLowerInvariant();
        if (!AdminUnitSql.GeometryChoices.Contains(mode))
            return new FieldErrors().Add("geometry", $"'{geometry}' is not a geometry choice; use simplified, full or none.").ToResult();

        var viewer = viewers.Current(request.HttpContext);
        var query = new StreamedQuery(reads.For(viewer));
        var cmd = query.Command;
        var visible = DatasetVisibility.Sql(viewer, cmd);
        var detail = DatasetVisibility.SeesDetailSql(viewer, cmd);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("geometry", mode);
        if (await query.ScalarAsync($"SELECT {detail} FROM datasets d WHERE d.id = @id AND {visible}", ct) is not bool seesDetail)
            return DatasetsApi.NotFound(id);

        // Without detail only township-level (and coarser) links are shown, and no footprint.
        cmd.CommandText = $"""
            SELECT json_build_object('type', 'Feature', 'id', l.origin || ':' || u.pcode,
                     'geometry', ST_AsGeoJSON(CASE @geometry WHEN 'full' THEN u.geom WHEN 'simplified' THEN coalesce(u.display_geom, u.geom) END, 6)::json,
                     'properties', json_build_object('pcode', u.pcode, 'name_en', u.name_en, 'name_my', u.name_my,
                                                     'level', {AdminUnitSql.LevelName}, 'origin', l.origin,
                                                     'share', round(l.share::numeric, 4)))::text
            FROM (SELECT * FROM dataset_links WHERE dataset_id = @id) l JOIN admin_units u ON u.pcode = l.pcode
            WHERE @detail OR unit_shown_without_detail(u.level)
            UNION ALL
            SELECT json_build_object('type', 'Feature', 'id', 'footprint', 'geometry', CASE WHEN @geometry <> 'none' THEN ST_AsGeoJSON(ST_ForcePolygonCCW(d.footprint), 6)::json END,
                                     'properties', json_build_object('kind', 'footprint'))::text
            FROM datasets d WHERE d.id = @id AND @detail AND d.footprint IS NOT NULL
            """;
        cmd.Parameters.AddWithValue("detail", seesDetail);
        return new FeatureCollectionResult(query.TextRowsAsync(ct), null,
            [new($"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}", "self")]);
    }
}
