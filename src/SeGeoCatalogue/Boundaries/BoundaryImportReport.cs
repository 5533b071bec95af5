namespace SeGeoCatalogue.Boundaries;

/// <summary>What one file's import did. A file with problems changed nothing.</summary>
public sealed class FileImportReport(string fileName)
{
    public string FileName { get; } = fileName;
    public string? Sha256 { get; set; }
    /// <summary>False when the file differs from boundaries/manifest.json (a newer edition, or the wrong file).</summary>
    public bool? MatchesManifest { get; set; }
    public int Features { get; set; }
    public List<string> Added { get; } = [];
    public List<string> Changed { get; } = [];
    public List<string> Retired { get; } = [];
    /// <summary>Invalid geometries that were repaired with ST_MakeValid: "pcode (line n): reason".</summary>
    public List<string> Repaired { get; } = [];
    /// <summary>Why the file was rejected; empty when it was imported.</summary>
    public List<string> Problems { get; } = [];
    public bool Rejected => Problems.Count > 0;
    public bool ChangedAnything => Added.Count + Changed.Count + Retired.Count > 0;

    public override string ToString() => Rejected
        ? $"{FileName}: REJECTED, nothing imported ({Problems.Count} problem(s)):\n  " + string.Join("\n  ", Problems)
        : $"{FileName}: {Features} features; {Added.Count} added, {Changed.Count} changed, {Retired.Count} retired, {Repaired.Count} repaired"
          + (MatchesManifest == false ? " (differs from the manifest)" : "")
          + (Repaired.Count > 0 ? "\n  repaired: " + string.Join("\n  repaired: ", Repaired) : "");
}

public sealed record BoundaryImportReport(string Directory, IReadOnlyList<FileImportReport> Files)
{
    public bool Succeeded => Files.All(f => !f.Rejected);
    public override string ToString() => $"Boundary import from {Directory}\n" + string.Join("\n", Files);
}
