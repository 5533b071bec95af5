using Npgsql;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Benchmarks;

/// <summary>Tiles for "uncached" timings: those over the extent of some units, in a scattered order, so each is asked once.</summary>
public static class ScatteredTiles
{
    /// <summary>The extent (west, south, east, north) of the admin units <paramref name="where"/> selects.</summary>
    public static async Task<(double West, double South, double East, double North)> ExtentAsync(NpgsqlDataSource db, string where)
    {
        await using var extent = db.CreateCommand(
            $"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) e FROM admin_units WHERE {where}) x");
        await using var row = await extent.ExecuteReaderAsync();
        await row.ReadAsync();
        return (row.GetDouble(0), row.GetDouble(1), row.GetDouble(2), row.GetDouble(3));
    }

    /// <summary>Up to <paramref name="count"/> tiles of zoom <paramref name="z"/> over the extent, scattered.</summary>
    public static List<(int X, int Y)> Over((double West, double South, double East, double North) extent, int z, int count)
    {
        var (x0, y0) = WebMercatorTiles.TileOf(extent.West, extent.North, z);
        var (x1, y1) = WebMercatorTiles.TileOf(extent.East, extent.South, z);
        return (from x in Enumerable.Range(x0, x1 - x0 + 1) from y in Enumerable.Range(y0, y1 - y0 + 1) select (x, y))
            .OrderBy(t => (t.x * 7919 + t.y * 104729) % 1009).Take(count).ToList();
    }
}
