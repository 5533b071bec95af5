using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shp;

namespace SeGeoCatalogue.Footprints;

/// <summary>Reads the first polygon Shapefile in a .zip and brings it to WGS 84 using its .prj.</summary>
internal static class ShapefileFootprint
{
    static readonly ShapeType[] PolygonTypes = [ShapeType.Polygon, ShapeType.PolygonM, ShapeType.PolygonZM];

    public static FootprintReadResult Read(Stream content, FootprintLimits limits, CancellationToken ct)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            return FootprintReadResult.Fail(FootprintProblem.File($"the .zip file cannot be opened ({e.Message.TrimEnd('.')}). Zip the Shapefile again and upload it."));
        }

        using (zip)
        {
            var entries = zip.Entries.Where(e => e.Name.Length > 0 && !IsMacResourceFork(e.FullName)).ToList();
            if (entries.Sum(e => e.Length) > limits.MaxUncompressedBytes)
                return FootprintReadResult.Fail(TooBig(limits));

            var unzip = new Unzipper(limits.MaxUncompressedBytes);
            var shapefiles = entries.Where(e => HasExtension(e.Name, ".shp")).OrderBy(e => e.FullName, StringComparer.Ordinal).ToList();
            if (shapefiles.Count == 0)
                return FootprintReadResult.Fail(FootprintProblem.File(
                    $"the .zip holds no Shapefile (.shp); it has {Listing(entries)}. Zip the .shp together with its .shx, .dbf and .prj."));

            ZipArchiveEntry? layer = null;
            var others = new List<string>();
            foreach (var shp in shapefiles)
            {
                if (!unzip.TryShapeType(shp, out var shapeType)) return FootprintReadResult.Fail(TooBig(limits));
                if (shapeType is { } type && PolygonTypes.Contains(type)) { layer = shp; break; }
                others.Add($"{shp.FullName} has {(shapeType is { } t ? $"{t} shapes" : "no valid Shapefile header")}");
            }
            if (layer is null)
                return FootprintReadResult.Fail(FootprintProblem.Footprint(
                    $"the .zip holds no polygon Shapefile ({string.Join("; ", others)}). A footprint needs a Polygon layer: " +
                    "export the area as polygons (or buffer the lines or points) and upload that."));

            var prjName = layer.FullName[..^4] + ".prj";
            var prj = entries.FirstOrDefault(e => string.Equals(e.FullName, prjName, StringComparison.OrdinalIgnoreCase));
            if (prj is null)
                return FootprintReadResult.Fail(FootprintProblem.File(
                    $"the Shapefile has no .prj ({layer.FullName} came without {Path.GetFileName(prjName)}); add the .prj that came with it " +
                    "(its coordinate system) or export it as WGS 84."), null, layer.FullName);
            if (unzip.Bytes(prj) is not { } prjBytes) return FootprintReadResult.Fail(TooBig(limits));

            var crs = FootprintCrs.FromWkt(Encoding.UTF8.GetString(prjBytes), Path.GetFileName(prj.FullName), out var crsProblem);
            if (crs is null) return FootprintReadResult.Fail(crsProblem!, null, layer.FullName);
            if (unzip.Bytes(layer) is not { } shpBytes) return FootprintReadResult.Fail(TooBig(limits));

            var polygons = new FootprintPolygons(limits);
            try
            {
                using var reader = Shp.OpenRead(new MemoryStream(shpBytes, writable: false));
                while (reader.Read() && !polygons.OverLimit)
                {
                    ct.ThrowIfCancellationRequested();
                    polygons.AddRow(reader.Geometry);
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or FileLoadException or NotSupportedException or IndexOutOfRangeException)
            {
                return FootprintReadResult.Fail(FootprintProblem.File(
                    $"the Shapefile {layer.FullName} cannot be read ({e.Message.TrimEnd('.')}). Export it again and upload it."), crs.Name, layer.FullName);
            }
            return polygons.Finish(crs, layer.FullName);
        }
    }

    static FootprintProblem TooBig(FootprintLimits limits) => FootprintProblem.TooLarge("file",
        $"the .zip unpacks to more than {limits.MaxUncompressedBytes / (1024 * 1024)} MB. Zip only the footprint's .shp, .shx, .dbf and .prj, " +
        "simplified if need be, and upload that.");

    static bool HasExtension(string name, string extension) => name.EndsWith(extension, StringComparison.OrdinalIgnoreCase);

    // macOS zips carry "__MACOSX/._name.shp" resource forks that are not Shapefiles.
    static bool IsMacResourceFork(string path) =>
        path.StartsWith("__MACOSX/", StringComparison.Ordinal) || Path.GetFileName(path).StartsWith("._", StringComparison.Ordinal);

    static string Listing(List<ZipArchiveEntry> entries) => entries.Count == 0
        ? "no files"
        : string.Join(", ", entries.Take(10).Select(e => e.FullName)) + (entries.Count > 10 ? $" and {entries.Count - 10} more" : "");

    /// <summary>Unpacks entries while counting the bytes really produced: a zip's declared sizes can lie.</summary>
    sealed class Unzipper(long maxBytes)
    {
        long _total;

        public byte[]? Bytes(ZipArchiveEntry entry)
        {
            using var source = entry.Open();
            var target = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                _total += read;
                if (_total > maxBytes) return null;
                target.Write(buffer, 0, read);
            }
            return target.ToArray();
        }

        /// <summary>False when over the byte budget; the type is null when the header is not a Shapefile's.</summary>
        public bool TryShapeType(ZipArchiveEntry entry, out ShapeType? type)
        {
            type = null;
            using var source = entry.Open();
            var header = new byte[100];
            var length = 0;
            int read;
            while (length < header.Length && (read = source.Read(header, length, header.Length - length)) > 0) length += read;
            _total += length;
            if (_total > maxBytes) return false;
            // The main file header: big-endian file code 9994 at byte 0, little-endian shape type at byte 32.
            if (length == header.Length && BinaryPrimitives.ReadInt32BigEndian(header) == 9994)
                type = (ShapeType)BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(32));
            return true;
        }
    }
}
