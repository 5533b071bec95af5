using System.Text.RegularExpressions;
using Npgsql;

namespace SeGeoCatalogue.Inventory;

/// <summary>
/// Turns the entries of a pcodes cell into pcodes: a pcode stays as written (the record's write rule checks it exists);
/// an exact English name of a current unit becomes its pcode, and a name several units share needs the township,
/// district or state in brackets: "Kyondoe (Kawkareik)".
/// </summary>
public sealed partial class PcodeNames
{
    sealed record Unit(string Pcode, string Name, string Level, string[] Around);

    readonly ILookup<string, Unit> _byName;

    PcodeNames(ILookup<string, Unit> byName) => _byName = byName;

    public static bool IsPcode(string entry) => PcodeShape().IsMatch(entry);

    public static async Task<PcodeNames> LoadAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            SELECT u.pcode, u.name_en, {Boundaries.AdminUnitSql.LevelName.Replace("CASE level", "CASE u.level")},
                   ARRAY[s.name_en, d.name_en, t.name_en]
            FROM admin_units u
            LEFT JOIN admin_units s ON s.pcode = u.state_pcode
            LEFT JOIN admin_units d ON d.pcode = u.district_pcode
            LEFT JOIN admin_units t ON t.pcode = u.township_pcode
            WHERE u.retired_at IS NULL AND u.name_en IS NOT NULL
            """, conn);
        var units = new List<Unit>();
        await using var rows = await cmd.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
            units.Add(new Unit(rows.GetString(0), rows.GetString(1), rows.GetString(2),
                rows.GetFieldValue<string?[]>(3).Where(n => n is not null).Select(n => n!).ToArray()));
        return new PcodeNames(units.ToLookup(u => Key(u.Name)));
    }

    /// <summary>The pcode an entry names, or the words saying why it names none or several.</summary>
    public (string? Pcode, string? Problem) Resolve(string entry)
    {
        if (IsPcode(entry)) return (entry, null);
        // A name that itself ends in brackets ("Bago (East)") is taken whole first.
        var units = _byName[Key(entry)].ToList();
        var match = Qualified().Match(entry);
        var name = entry.Trim();
        string? within = null;
        if (units.Count == 0 && match.Success)
        {
            (name, within) = (match.Groups[1].Value.Trim(), match.Groups[2].Value.Trim());
            units = _byName[Key(name)].Where(u => u.Around.Any(a => Key(a) == Key(within))).ToList();
        }
        if (units.Count == 1) return (units[0].Pcode, null);
        if (units.Count == 0)
            return (null, within is null
                ? $"'{entry}' is neither a pcode nor the English name of an admin unit; look it up on the Admin units sheet."
                : $"no unit named '{name}' lies in '{within}'; check both names on the Admin units sheet.");
        var options = units.Take(5).Select(u => $"{u.Pcode} ({u.Level}{(u.Around.Length > 0 ? " in " + u.Around[^1] : "")})");
        return (null, $"'{entry}' names {units.Count} units: {string.Join(", ", options)}{(units.Count > 5 ? ", …" : "")}. " +
                      $"Write it as '{name} (Township)' or give the pcode.");
    }

    static string Key(string name) => name.Trim().ToLowerInvariant();

    [GeneratedRegex(@"^\s*MMR[0-9]{3}[0-9A-Z]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PcodeShape();

    [GeneratedRegex(@"^(.+?)\s*\(([^()]+)\)\s*$")]
    private static partial Regex Qualified();
}
