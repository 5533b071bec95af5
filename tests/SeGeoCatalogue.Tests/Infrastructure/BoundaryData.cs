using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;

namespace SeGeoCatalogue.Tests.Infrastructure;

/// <summary>The boundary files read straight from disk with NetTopologySuite: expected values come from here, not from the service.</summary>
public static class BoundaryData
{
    public static string Directory =>
        Environment.GetEnvironmentVariable("SEGEO_BOUNDARIES_DIR") is { Length: > 0 } dir ? dir
        : Path.Combine(RepoRoot, "boundaries");

    public static string RepoRoot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "SeGeoCatalogue.sln"))) return d.FullName;
            throw new InvalidOperationException("Run the tests from inside the checkout.");
        }
    }

    static readonly Dictionary<string, FeatureCollection> Cache = [];

    /// <summary>System.Text.Json with NetTopologySuite's GeoJSON converter, for reading what the tests compare against.</summary>
    public static readonly JsonSerializerOptions GeoJsonOptions = new() { Converters = { new GeoJsonConverterFactory() } };

    public static FeatureCollection Read(string fileName)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(fileName, out var cached)) return cached;
            var features = JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllBytes(Path.Combine(Directory, fileName)), GeoJsonOptions)!;
            return Cache[fileName] = features;
        }
    }

    public static string Property(this IFeature feature, string name) => feature.Attributes[name]?.ToString() ?? "";
}
