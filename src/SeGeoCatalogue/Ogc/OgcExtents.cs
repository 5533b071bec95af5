using System.Text.Json.Nodes;
using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Exports;

namespace SeGeoCatalogue.Ogc;

/// <summary>Spatial (CRS84) and temporal extents of the collections, computed in PostGIS: two queries for all of them.</summary>
public sealed record OgcExtents(IReadOnlyDictionary<AdminLevel, double[]> Levels, double[]? Datasets, DateOnly? Start, DateOnly? End)
{
    public static async Task<OgcExtents> ReadAsync(NpgsqlDataSource db, Viewer viewer, CancellationToken ct)
    {
        var levels = new Dictionary<AdminLevel, double[]>();
        await using (var cmd = db.CreateCommand("""
            SELECT level, ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
            FROM (SELECT level, ST_Extent(geom) e FROM admin_units WHERE retired_at IS NULL GROUP BY level) x
            """))
        await using (var rows = await cmd.ExecuteReaderAsync(ct))
            while (await rows.ReadAsync(ct))
                levels[(AdminLevel)rows.GetInt16(0)] = [rows.GetDouble(1), rows.GetDouble(2), rows.GetDouble(3), rows.GetDouble(4)];

        // The box of every record's feature geometry as the viewer is served it (stored, see Exports/DatasetRecords).
        await using var datasets = db.CreateCommand();
        var visible = DatasetVisibility.Sql(viewer, datasets);
        var detail = DatasetVisibility.SeesDetailSql(viewer, datasets);
        datasets.CommandText = $"""
            WITH vis AS (SELECT d.*, {detail} AS detail FROM datasets d WHERE {visible}),
            boxes AS (SELECT ST_Extent({DatasetRecords.ServedGeometry("d.detail")}) e FROM vis d)
            SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e),
                   (SELECT min(coalesce(period_start, period_end)) FROM vis),
                   (SELECT max(coalesce(period_end, period_start)) FROM vis)
            FROM boxes
            """;
        await using var row = await datasets.ExecuteReaderAsync(ct);
        await row.ReadAsync(ct);
        double[]? box = row.IsDBNull(0) ? null : [row.GetDouble(0), row.GetDouble(1), row.GetDouble(2), row.GetDouble(3)];
        DateOnly? start = row.IsDBNull(4) ? null : row.GetFieldValue<DateOnly>(4);
        DateOnly? end = row.IsDBNull(5) ? null : row.GetFieldValue<DateOnly>(5);
        return new OgcExtents(levels, box, start, end);
    }

    public JsonObject For(OgcCollection collection)
    {
        var box = collection.HoldsRecords ? Datasets : Levels.GetValueOrDefault(collection.Level);
        var extent = new JsonObject();
        if (box is not null)
            extent["spatial"] = new JsonObject
            {
                ["bbox"] = new JsonArray(new JsonArray(box.Select(v => (JsonNode?)Math.Round(v, 6)).ToArray())),
                ["crs"] = OgcApi.Crs84,
            };
        if (collection.HoldsRecords && (Start is not null || End is not null))
            extent["temporal"] = new JsonObject
            {
                ["interval"] = new JsonArray(new JsonArray(Instant(Start), Instant(End))),
                ["trs"] = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
            };
        return extent;
    }

    static JsonNode? Instant(DateOnly? day) => day is { } d ? $"{d:yyyy-MM-dd}T00:00:00Z" : null;
}
