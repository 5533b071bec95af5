using System.IO.Compression;
using System.Text;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Writers;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Boundaries;

/// <summary>
/// A boundary release as MIMU publishes it, made in the test from the shipped files of one state: zipped Shapefiles
/// in UTM 47N with MIMU's upper-case field names (ST_PCODE, TS_NAME_M, VT_PCODE …), written by NetTopologySuite.
/// </summary>
public sealed class MimuReleaseFile
{
    public record Unit(string Pcode, string? NameEn, string? NameMy, Geometry Geometry, IFeature Source);

    public List<Unit> Townships { get; } = [];
    public List<Unit> Tracts { get; } = [];
    /// <summary>UTM 47N metres (as some MIMU layers come), or lon/lat.</summary>
    public bool Utm { get; init; } = true;

    const string Wgs84Wkt = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    /// <summary>
    /// A national-size synthetic release in lon/lat: 18 states of 18 townships (3 districts each) of 42 village tracts
    /// (324 townships, 13,608 tracts), squares on a grid over Myanmar, state pcodes MMR901–MMR918 so they never meet
    /// the real ones.
    /// </summary>
    public static MimuReleaseFile National()
    {
        var release = new MimuReleaseFile { Utm = false };
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        Polygon Box(double x, double y, double w, double h) => factory.CreatePolygon(
            [new(x, y), new(x + w, y), new(x + w, y + h), new(x, y + h), new(x, y)]);
        for (var s = 0; s < 18; s++)
        {
            var state = $"MMR{901 + s}";
            var (sx, sy) = (92 + s % 6 * 1.5, 10 + s / 6 * 6.0);
            for (var t = 0; t < 18; t++)
            {
                var township = $"{state}{t + 1:000}";
                var (tx, ty) = (sx + t % 6 * 0.25, sy + t / 6 * 2.0);
                var source = new Feature(Box(tx, ty, 0.25, 2.0), new AttributesTable
                {
                    { "st_pcode", state }, { "st_name_en", $"State {s + 1}" }, { "dt_pcode", $"{state}D{t / 6 + 1:000}" }, { "dt_name_en", $"District {s + 1}.{t / 6 + 1}" },
                });
                release.Townships.Add(new(township, $"Township {s + 1}.{t + 1}", null, source.Geometry, source));
                for (var v = 0; v < 42; v++)
                {
                    var tract = Box(tx + v % 6 * (0.25 / 6), ty + v / 6 * (2.0 / 7), 0.25 / 6, 2.0 / 7);
                    release.Tracts.Add(new($"{township}{v + 1:000}", $"Tract {s + 1}.{t + 1}.{v + 1}", null, tract, source));
                }
            }
        }
        return release;
    }

    public static MimuReleaseFile FromShippedState(string state)
    {
        var release = new MimuReleaseFile();
        foreach (var f in BoundaryData.Read("townships.geojson").Where(f => f.Property("st_pcode") == state).OrderBy(f => f.Property("ts_pcode")))
            release.Townships.Add(new(f.Property("ts_pcode"), f.Property("ts_name_en"), f.Property("ts_name_my"), f.Geometry, f));
        foreach (var f in BoundaryData.Read("village_tracts.geojson").Where(f => f.Property("st_pcode") == state).OrderBy(f => f.Property("vt_pcode")))
            release.Tracts.Add(new(f.Property("vt_pcode"), f.Property("vt_name_en") is { Length: > 0 } n ? n : null,
                f.Property("vt_name_my") is { Length: > 0 } m ? m : null, f.Geometry, f));
        return release;
    }

    /// <summary>Imports this release through the service's own release import (as the API and the CLI do).</summary>
    public async Task<SeGeoCatalogue.Boundaries.Releases.ReleaseImportReport> ImportAsync(IServiceProvider services, string[]? states, bool commit,
        string name = "MIMU Pcodes (test)", DateOnly? releasedOn = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"segeo-test-release-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(path, Zip());
        try
        {
            using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(services);
            return await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                .GetRequiredService<SeGeoCatalogue.Boundaries.Releases.BoundaryReleaseImport>(scope.ServiceProvider)
                .ImportAsync(path, name, releasedOn, states, commit, CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public byte[] Zip()
    {
        var utm = new UtmArea();
        var dir = Directory.CreateTempSubdirectory("segeo-mimu-");
        try
        {
            Write(dir.FullName, "mmr_polbnda_adm3_mimu", Townships, u => new AttributesTable
            {
                { "ST_PCODE", u.Source.Property("st_pcode") }, { "ST", u.Source.Property("st_name_en") },
                { "DT_PCODE", u.Source.Property("dt_pcode") }, { "DT", u.Source.Property("dt_name_en") },
                { "TS_PCODE", u.Pcode }, { "TS", u.NameEn ?? "" }, { "TS_NAME_M", u.NameMy ?? "" },
            }, utm);
            Write(dir.FullName, "mmr_polbnda_adm4_mimu", Tracts, u => new AttributesTable
            {
                { "ST_PCODE", u.Pcode[..6] }, { "TS_PCODE", u.Pcode[..9] },
                { "VT_PCODE", u.Pcode }, { "VT", u.NameEn ?? "" }, { "VT_NAME_M", u.NameMy ?? "" },
            }, utm);
            var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
                foreach (var file in dir.EnumerateFiles())
                    archive.CreateEntryFromFile(file.FullName, file.Name);
            return zip.ToArray();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    void Write(string dir, string name, List<Unit> units, Func<Unit, AttributesTable> attributes, UtmArea utm)
    {
        var options = new ShapefileWriterOptions(ShapeType.Polygon) { Encoding = Encoding.UTF8, Projection = Utm ? UtmArea.EsriWkt : Wgs84Wkt };
        foreach (var field in attributes(units[0]).GetNames())
            options.AddCharacterField(field, 254);
        using (var writer = Shapefile.OpenWrite(Path.Combine(dir, name), options))
            foreach (var u in units)
                writer.Write(new Feature(Utm ? utm.ToUtm(u.Geometry) : u.Geometry, attributes(u)));
    }
}
