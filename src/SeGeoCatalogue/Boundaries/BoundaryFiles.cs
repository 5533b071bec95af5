using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SeGeoCatalogue.Boundaries;

public sealed class BoundaryOptions
{
    /// <summary>Folder with the boundary GeoJSON files (env SEGEO_BOUNDARIES_DIR).</summary>
    public string? Dir { get; set; }
}

/// <summary>Finds the boundary files and the manifest that says what they should be.</summary>
public sealed class BoundaryFiles(IOptions<BoundaryOptions> options)
{
    /// <summary>
    /// SEGEO_BOUNDARIES_DIR (or an explicit --dir) when set; otherwise the files that ship with the service:
    /// the repository's boundaries/ folder, copied next to the binaries at build and publish (see the .csproj).
    /// </summary>
    public string ResolveDirectory(string? explicitDir = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitDir)) return Path.GetFullPath(explicitDir);
        if (!string.IsNullOrWhiteSpace(options.Value.Dir)) return Path.GetFullPath(options.Value.Dir);
        return ShippedDirectory;
    }

    public static string ShippedDirectory => Path.Combine(AppContext.BaseDirectory, "boundaries");

    /// <summary>The manifest ships with the binaries and never changes while they run: read once.</summary>
    public static IReadOnlyDictionary<string, ManifestFile> Manifest() => LoadedManifest.Value;

    static readonly Lazy<IReadOnlyDictionary<string, ManifestFile>> LoadedManifest = new(ReadManifest);

    static IReadOnlyDictionary<string, ManifestFile> ReadManifest()
    {
        // Copied next to the binaries at build time (see the .csproj).
        var path = Path.Combine(AppContext.BaseDirectory, "boundaries", "manifest.json");
        if (!File.Exists(path)) return new Dictionary<string, ManifestFile>();
        var manifest = JsonSerializer.Deserialize<ManifestDocument>(File.ReadAllBytes(path), JsonSerializerOptions.Web)!;
        return manifest.Files.ToDictionary(f => f.Name);
    }

    public sealed record ManifestDocument(List<ManifestFile> Files);
    public sealed record ManifestFile(string Name, string Layer, int Features, string Sha256,
        Dictionary<string, int> FeaturesByState, Dictionary<string, string>? KnownGaps);
}
