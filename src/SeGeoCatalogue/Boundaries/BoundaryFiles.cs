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
    /// <summary>SEGEO_BOUNDARIES_DIR; else boundaries/data/ when it holds files; else ../shared/boundaries.</summary>
    public string ResolveDirectory(string? explicitDir = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitDir)) return Path.GetFullPath(explicitDir);
        if (!string.IsNullOrWhiteSpace(options.Value.Dir)) return Path.GetFullPath(options.Value.Dir);
        var root = RepositoryRoot.Find();
        if (root is null) return Path.GetFullPath("boundaries/data");
        var data = Path.Combine(root, "boundaries", "data");
        if (Directory.Exists(data) && Directory.EnumerateFiles(data, "*.geojson").Any()) return data;
        var shared = Path.GetFullPath(Path.Combine(root, "..", "shared", "boundaries"));
        return Directory.Exists(shared) ? shared : data;
    }

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

/// <summary>The checkout's top folder (the one with SeGeoCatalogue.sln), when running from one.</summary>
public static class RepositoryRoot
{
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SeGeoCatalogue.sln"))) return dir.FullName;
        }
        return null;
    }
}
