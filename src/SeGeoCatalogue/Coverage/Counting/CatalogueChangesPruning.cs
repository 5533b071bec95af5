using Npgsql;

namespace SeGeoCatalogue.Coverage.Counting;

/// <summary>
/// Keeps catalogue_changes short: the changes older than <see cref="CountingOptions.KeepChanges"/> are deleted
/// (catalogue_changes_prune in Data/Sql/50-catalogue-version.sql) and the highest seq deleted is kept as a mark. Every
/// node is normally a second behind; one that was away longer than the window finds its last seq below the mark and
/// rebuilds (<see cref="CoverageCounts"/>), so no change is ever missed. Any node may prune; several at once are harmless.
/// </summary>
public static class CatalogueChangesPruning
{
    /// <summary>Deletes the changes made before now − <paramref name="keep"/>; returns how many rows went.</summary>
    public static async Task<long> PruneAsync(NpgsqlConnection conn, TimeSpan keep, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT catalogue_changes_prune(@keep)", conn);
        cmd.Parameters.AddWithValue("keep", keep);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>SQL: the highest seq pruned; a structure at a lower seq has missed changes and must be rebuilt.</summary>
    public const string PrunedThroughSql = "(SELECT through FROM catalogue_changes_pruned)";
}
