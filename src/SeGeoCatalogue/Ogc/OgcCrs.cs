using System.Globalization;
using Npgsql;

namespace SeGeoCatalogue.Ogc;

/// <summary>
/// OGC API – Features Part 2 (CRS by reference): the coordinate systems the /ogc API answers in and reads bbox in.
/// Geometry is stored in EPSG:4326 (CRS84 order); another CRS is made by PostGIS from the served CRS84 geometry
/// (ST_Transform for UTM, ST_FlipCoordinates for EPSG:4326, whose axis order is latitude first).
/// </summary>
public sealed record OgcCrs(string Uri, int Srid, bool LatitudeFirst, int Digits)
{
    public const string Part2 = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs";
    public static readonly OgcCrs Crs84 = new(OgcApi.Crs84, 4326, false, 6);

    public static readonly IReadOnlyList<OgcCrs> All =
    [
        Crs84,
        new("http://www.opengis.net/def/crs/EPSG/0/4326", 4326, true, 6),
        new("http://www.opengis.net/def/crs/EPSG/0/32646", 32646, false, 2), // UTM 46N, west Myanmar
        new("http://www.opengis.net/def/crs/EPSG/0/32647", 32647, false, 2), // UTM 47N, the South East
    ];

    /// <summary>A CRS by its URI (http or https), safe CURIE ([EPSG:32647]) or CURIE (EPSG:32647, OGC:CRS84).</summary>
    public static OgcCrs? Find(string? text)
    {
        var name = (text ?? "").Trim().TrimStart('[').TrimEnd(']').Replace("https://", "http://", StringComparison.OrdinalIgnoreCase);
        return All.FirstOrDefault(c => string.Equals(c.Uri, name, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Curie, name, StringComparison.OrdinalIgnoreCase));
    }

    string Curie => this == Crs84 ? "OGC:CRS84" : $"EPSG:{Srid}";

    public static string Names => string.Join(", ", All.Select(c => c.Uri));

    public string ContentCrsHeader => $"<{Uri}>";

    /// <summary>
    /// <paramref name="featuresSql"/> (one column: a Feature as text per row, in CRS84) with each geometry in this CRS.
    /// The geometry is read back from the served GeoJSON, so the coordinates are the transform of the CRS84 ones served.
    /// </summary>
    public string Wrap(string featuresSql)
    {
        if (this == Crs84) return featuresSql;
        const string served = "ST_SetSRID(ST_GeomFromGeoJSON(x.f::jsonb -> 'geometry'), 4326)";
        var geometry = LatitudeFirst ? $"ST_FlipCoordinates({served})" : $"ST_Transform({served}, {Srid})";
        return $"""
            SELECT CASE WHEN jsonb_typeof(x.f::jsonb -> 'geometry') = 'object'
                   THEN jsonb_set(x.f::jsonb, '{"{geometry}"}', ST_AsGeoJSON({geometry}, {Digits})::jsonb)::text ELSE x.f END
            FROM ({featuresSql}) x(f)
            """;
    }

    /// <summary>
    /// A bbox given in this CRS as the CRS84 box that holds it (a UTM box's edges are transformed in 100 m steps);
    /// null with <paramref name="error"/> when it is not four (or six) numbers in the CRS's range.
    /// </summary>
    public async Task<(Shared.BoundingBox? Box, string Error)> ToCrs84Async(string text, NpgsqlDataSource db, CancellationToken ct)
    {
        if (this == Crs84) return Shared.BoundingBox.TryParse(text, out var box, out var error) ? (box, "") : (null, error);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var n = new double[parts.Length];
        if (parts.Length is not (4 or 6) || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out n[i])).All(ok => ok)
            || !n.All(double.IsFinite))
            return (null, $"Give bbox as four numbers in {Uri} ({Axes}), as bbox-crs says.");
        if (n.Length == 6) n = [n[0], n[1], n[3], n[4]];
        if (n[0] > n[2] || n[1] > n[3]) return (null, $"bbox must be the lower corner, then the upper one ({Axes}).");
        if (LatitudeFirst)
            return Shared.BoundingBox.TryParse(string.Join(',', new[] { n[1], n[0], n[3], n[2] }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
                out var flipped, out var flipError) ? (flipped, "") : (null, flipError + " With bbox-crs EPSG:4326 give latitude first.");
        if (n[0] < 0 || n[2] > 1_000_000 || n[1] < 0 || n[3] > 10_000_000)
            return (null, $"UTM bbox values are easting 0–1,000,000 m and northing 0–10,000,000 m ({Axes}).");
        await using var cmd = db.CreateCommand("""
            SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
            FROM (SELECT ST_Transform(ST_Segmentize(ST_MakeEnvelope(@x1, @y1, @x2, @y2, @srid), 100), 4326) e) t
            """);
        cmd.Parameters.AddWithValue("x1", n[0]);
        cmd.Parameters.AddWithValue("y1", n[1]);
        cmd.Parameters.AddWithValue("x2", n[2]);
        cmd.Parameters.AddWithValue("y2", n[3]);
        cmd.Parameters.AddWithValue("srid", Srid);
        await using var row = await cmd.ExecuteReaderAsync(ct);
        await row.ReadAsync(ct);
        return (new Shared.BoundingBox(row.GetDouble(0), row.GetDouble(1), row.GetDouble(2), row.GetDouble(3)), "");
    }

    string Axes => LatitudeFirst ? "minLat,minLon,maxLat,maxLon" : Srid == 4326 ? "minLon,minLat,maxLon,maxLat" : "minEasting,minNorthing,maxEasting,maxNorthing in metres";
}
