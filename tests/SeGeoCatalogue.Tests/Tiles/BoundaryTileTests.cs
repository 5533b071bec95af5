using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Tiles;

/// <summary>
/// Issue 16, item 3: boundary vector tiles, read back by GDAL's MVT driver; the units expected in a tile come from
/// the boundary files and the tile's corners from the XYZ formulas written here.
/// </summary>
public sealed partial class BoundaryTileTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    // The z/9 tile holding Hpa-An (97.63 E, 16.89 N): column and row from the Web Mercator tile formulas.
    const int Z = 9;
    static readonly (int X, int Y) HpaAn = WebMercatorTiles.TileOf(97.633, 16.889, Z);

    [Fact]
    public async Task A_township_tile_holds_exactly_the_townships_the_boundary_file_puts_in_it_as_GDAL_reads_it()
    {
        var response = await fixture.Client.GetAsync($"/tiles/township/{Z}/{HpaAn.X}/{HpaAn.Y}.mvt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.mapbox-vector-tile", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);

        var read = await ReadWithGdalAsync(await response.Content.ReadAsByteArrayAsync(), "township");
        var (inside, nearby) = Expected("townships.geojson", "ts_pcode", Z, HpaAn.X, HpaAn.Y);
        Assert.NotEmpty(inside);
        Assert.Contains("MMR003001", inside); // Hpa-An itself
        Assert.Superset(inside, read);          // every township in the tile is drawn …
        Assert.Subset(nearby, read);           // … and nothing beyond the tile's 64/4096 clip buffer
    }

    [Fact]
    public async Task A_tile_travels_compressed_when_asked_and_unpacks_to_the_same_bytes()
    {
        var url = $"/tiles/township/{Z}/{HpaAn.X}/{HpaAn.Y}.mvt";
        var plain = await (await fixture.Client.GetAsync(url)).Content.ReadAsByteArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("br");
        var response = await fixture.Client.SendAsync(request);
        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
        var packed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(packed.Length < plain.Length, $"{packed.Length} B compressed against {plain.Length} B");
        await using var unpack = new System.IO.Compression.BrotliStream(new MemoryStream(packed), System.IO.Compression.CompressionMode.Decompress);
        var unpacked = new MemoryStream();
        await unpack.CopyToAsync(unpacked);
        Assert.Equal(plain, unpacked.ToArray());
    }

    [Fact]
    public async Task Village_tracts_come_at_zoom_8_and_beyond_and_a_second_request_is_a_304_by_edition()
    {
        var (x, y) = WebMercatorTiles.TileOf(97.633, 16.889, 12);
        var tile = await fixture.Client.GetAsync($"/tiles/village-tract/12/{x}/{y}.mvt");
        var read = await ReadWithGdalAsync(await tile.Content.ReadAsByteArrayAsync(), "village-tract", 12, x, y);
        var (inside, nearby) = Expected("village_tracts.geojson", "vt_pcode", 12, x, y);
        Assert.NotEmpty(inside);
        Assert.Superset(inside, read);
        Assert.Subset(nearby, read);

        var national = await fixture.Client.GetAsync($"/tiles/village-tract/5/{WebMercatorTiles.TileOf(97.6, 16.9, 5).X}/{WebMercatorTiles.TileOf(97.6, 16.9, 5).Y}.mvt");
        Assert.Equal(HttpStatusCode.OK, national.StatusCode);
        Assert.Empty(await national.Content.ReadAsByteArrayAsync());

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/tiles/village-tract/12/{x}/{y}.mvt");
        again.Headers.TryAddWithoutValidation("If-None-Match", tile.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, (await fixture.Client.SendAsync(again)).StatusCode);
    }

    [Theory]
    [InlineData("/tiles/county/9/394/231.mvt", "level")]
    [InlineData("/tiles/township/17/0/0.mvt", "z")]
    [InlineData("/tiles/township/9/512/231.mvt", "x")]
    [InlineData("/tiles/township/9/394/-1.mvt", "y")]
    [InlineData("/tiles/township/9/394/abc.mvt", "y")]
    public async Task A_tile_outside_the_pyramid_is_a_400_naming_the_field(string path, string field)
    {
        var response = await fixture.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field]);
    }

    /// <summary>Pcodes whose polygon meets the tile, and those that meet it widened by the clip buffer (in lon/lat, near enough this close to the equator).</summary>
    static (SortedSet<string> Inside, SortedSet<string> Nearby) Expected(string file, string pcodeField, int z, int x, int y)
    {
        var (w, s, e, n) = WebMercatorTiles.Bounds(z, x, y);
        var factory = new GeometryFactory();
        var tile = factory.ToGeometry(new Envelope(w, e, s, n));
        var margin = (e - w) * 64 / 4096 * 1.5;
        var widened = factory.ToGeometry(new Envelope(w - margin, e + margin, s - margin, n + margin));
        var units = BoundaryData.Read(file).Select(f => (Pcode: f.Property(pcodeField), f.Geometry)).ToList();
        return (new(units.Where(u => u.Geometry.Intersects(tile) && !u.Geometry.Touches(tile)).Select(u => u.Pcode), StringComparer.Ordinal),
                new(units.Where(u => u.Geometry.Intersects(widened)).Select(u => u.Pcode), StringComparer.Ordinal));
    }

    /// <summary>The tile as GDAL's MVT driver reads it (from a z/x/y.mvt path, as tile servers lay them out): the pcodes.</summary>
    static async Task<SortedSet<string>> ReadWithGdalAsync(byte[] tile, string layer, int z = Z, int? x = null, int? y = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"segeo-tile-{Guid.NewGuid():N}", $"{z}", $"{x ?? HpaAn.X}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{y ?? HpaAn.Y}.mvt");
        await File.WriteAllBytesAsync(path, tile);
        try
        {
            var output = await Gdal.RunAsync("ogrinfo", "-ro", "-al", "-q", path, layer);
            return new(PcodeLine().Matches(output).Select(m => m.Groups[1].Value), StringComparer.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(folder))!, recursive: true);
        }
    }

    [GeneratedRegex(@"pcode \(String\) = (MMR\w+)")]
    private static partial Regex PcodeLine();
}
