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

    static void Write(string dir, string name, List<Unit> units, Func<Unit, AttributesTable> attributes, UtmArea utm)
    {
        var options = new ShapefileWriterOptions(ShapeType.Polygon) { Encoding = Encoding.UTF8, Projection = UtmArea.EsriWkt };
        foreach (var field in attributes(units[0]).GetNames())
            options.AddCharacterField(field, 254);
        using (var writer = Shapefile.OpenWrite(Path.Combine(dir, name), options))
            foreach (var u in units)
                writer.Write(new Feature(utm.ToUtm(u.Geometry), attributes(u)));
    }
}
