using System.Reflection;
using Npgsql;

namespace SeGeoCatalogue.Data;

/// <summary>
/// The SQL that EF's model does not describe — functions, triggers, the search columns, the footprint pieces — lives in
/// Data/Sql/*.sql, one concern per file, written to be re-run (CREATE OR REPLACE, IF NOT EXISTS). They are applied in
/// file-name order after the migrations on every start, in one transaction under an advisory lock (several nodes may
/// start at once), so changing a function is a diff of one file.
/// </summary>
public static class SchemaScripts
{
    const long LockKey = 0x5365_4765_6f53_716c; // "SeGeoSql"

    public static IReadOnlyList<(string Name, string Sql)> All { get; } = Load();

    public static async Task ApplyAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", conn, tx))
        {
            lockCmd.Parameters.AddWithValue("key", LockKey);
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        foreach (var (name, sql) in All)
        {
            // A script may fill a new derived column once for every record (60-dataset-geometry.sql: ~10 ms a record).
            await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 1800 };
            try { await cmd.ExecuteNonQueryAsync(ct); }
            catch (PostgresException e) { throw new InvalidOperationException($"Data/Sql/{name} failed: {e.MessageText}", e); }
        }
        await tx.CommitAsync(ct);
    }

    static List<(string, string)> Load()
    {
        var assembly = typeof(SchemaScripts).Assembly;
        const string prefix = "SeGeoCatalogue.Data.Sql.";
        return [.. assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[prefix.Length..], Read(assembly, n)))];
    }

    static string Read(Assembly assembly, string name)
    {
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
